// Prints the engine's constants as JSON: the Consent Mode types, the action types, the banner button ids and
// the Consent Mode state before any decision, and the largest policy text it reads. wasm/tools/gen-shim-constants.mjs turns them into the shim's
// js-shim/src/generated/engine-constants.ts. A native tool rather than a wasm export: only the build needs
// them, so none of this ships to visitors.
#include <iostream>

#include "choice.hpp"
#include "decision.hpp"
#include "gcm.hpp"
#include "json_util.hpp"
#include "limits.hpp"

int main() {
  using assent::Json;
  Json gcm_types = Json::array(), actions = Json::array(), buttons = Json::array(), before = Json::object();
  for (const char* t : assent::kGcmTypes) {
    gcm_types.push_back(t);
    before[t] = assent::gcm_granted_before_decision(t) ? "granted" : "denied";
  }
  before["wait_for_update"] = assent::kGcmWaitForUpdateMs;
  for (const char* a : assent::kChoiceTypes) actions.push_back(a);
  for (const char* b : assent::kButtonIds) buttons.push_back(b);
  std::cout << assent::dump(assent::make_object({{"gcmTypes", std::move(gcm_types)}, {"actionTypes", std::move(actions)}, {"buttonIds", std::move(buttons)}, {"gcmDefault", std::move(before)},
                                           {"policyBytes", static_cast<long long>(assent::limits::kPolicyBytes)},
                                           {"patternsPerService", static_cast<long long>(assent::limits::kPatternsPerService)}}), 2)
            << "\n";
  return 0;
}
