#pragma once
#include <string>
#include <vector>

#include "decision.hpp"

namespace assent {

struct ChoiceAction {
  Action type = Action::AcceptAll;
  std::vector<std::string> categories, services;  // for Custom
};

struct ChoiceResult {
  std::string error;  // non-empty: the action was refused (e.g. unknown id); nothing else is set
  std::string record;
  int max_age_seconds = 0;
  Decision decision;
  std::vector<std::string> delete_cookies;  // globs of every service now denied
  std::vector<std::string> revoked;         // categories granted before this choice and denied now
  bool reload = false;
};

// Applies a visitor's action: computes the new record and the decision it produces.
ChoiceResult choose(const Policy& policy, const Context& context, const ChoiceAction& action);

}  // namespace assent
