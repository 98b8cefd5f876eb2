#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "decision.hpp"

namespace assent {

// What a visitor (or the page, through the API) asks for. Unlike the record's Action, `Grant` is never
// stored as such: it is stored as the choice it amounts to (see choose()).
enum class ChoiceType : std::uint8_t { AcceptAll, RejectAll, Custom, OptOut, Acknowledge, Grant };

// The action names of the JSON API, indexed by ChoiceType: the one list the parser, the CLI dictionaries
// and the shim's generated constants (wasm/tools/gen-shim-constants.mjs) all read.
constexpr std::array<const char*, 6> kChoiceTypes = {"accept-all", "reject-all", "custom", "opt-out", "acknowledge", "grant"};

bool parse_choice_type(std::string_view name, ChoiceType& out);

struct ChoiceAction {
  ChoiceType type = ChoiceType::AcceptAll;
  std::vector<std::string> categories, services;  // Custom and Grant
  bool keep_services = false;  // Custom only: also keep the services granted on their own now (the dialog's Save)
};

struct ChoiceResult {
  std::string error;       // non-empty: the action was refused (e.g. unknown id); nothing else is set
  std::string error_path;  // JSON Pointer into the action of what was refused; may be empty
  std::string record;
  int max_age_seconds = 0;
  Decision decision;
  std::vector<std::string> delete_cookies;  // globs of every service now denied
  std::vector<std::string> delete_storage;  // their localStorage/sessionStorage keys and IndexedDB names (globs)
  std::vector<std::string> revoked;         // categories granted before this choice and denied now
  bool reload = false;
};

// Applies a visitor's action: computes the new record and the decision it produces.
//   custom       exactly the listed categories and services (+ with keep_services, the services granted
//                on their own now: the preferences dialog has no switch for them, so its Save keeps them)
//   grant        everything granted now (valid record, else the region's defaults after GPC/DNT) stays
//                granted, plus the listed ids; stored as custom, except that a reject-all/opt-out record
//                whose saleOrSharing categories all stay denied keeps its action (and so its lifetime)
// Services are stored only while their category is not granted (else the category covers them).
ChoiceResult choose(const Policy& policy, const Context& context, const ChoiceAction& action);

}  // namespace assent
