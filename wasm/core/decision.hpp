#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "policy.hpp"
#include "record.hpp"

namespace assent {

// What the page knows about the visitor. The shim fills it from the DOM and navigator; the CLI from flags.
struct Context {
  std::string region;     // explicit hint ("DE", "US-CA"); empty when none
  std::string time_zone;  // IANA, e.g. "Europe/Paris"
  std::vector<std::string> languages;  // accepted languages, most preferred first
  bool gpc = false, dnt = false;
  std::int64_t now = 0;  // unix seconds
  std::string record;    // stored consent record; empty when none
  std::string nonce;     // randomness for a new consent id (hex); optional
};

struct CategoryState {
  std::string id;
  bool granted = false, locked = false;
  const char* reason = "";
};

struct ServiceState {
  const Service* service = nullptr;
  bool granted = false;
};

using GcmState = std::array<bool, 7>;  // indexed like kGcmTypes

// The banner's first-layer button ids (ui.buttons), each once; all but "preferences" are choice types.
constexpr std::array<const char*, 5> kButtonIds = {"accept-all", "reject-all", "acknowledge", "opt-out", "preferences"};

struct Decision {
  std::string region;  // empty = unknown
  const char* region_source = "fallback";
  Model model = Model::OptIn;
  std::string language;
  bool show_banner = true;
  const char* reason = "no-record";
  bool gpc = false, dnt = false;
  RecordCheck record;
  // The first time (unix seconds) at which the same inputs decide otherwise: the record expires, or a
  // future-dated one comes due. 0: never (no time-bound input). The shim's decision cache honours it.
  std::int64_t valid_until = 0;
  std::vector<CategoryState> categories;
  std::vector<ServiceState> services;
  // Consent Mode: only the update. The default is pushed before any tag runs, before the engine has loaded,
  // so it cannot depend on the region: it is the one pre-decision state of gcm.hpp, baked into the shim.
  // (A per-region default pushed later would only repeat what the update says.)
  bool has_gcm_update = false;
  GcmState gcm_update{};
  bool reject_on_first_layer = true, do_not_sell_link = false, gpc_notice = false;
  bool compact = false;  // the first layer is a one-line notice (GPC already honoured): SPEC.md §UI
  std::vector<const char*> buttons;  // from kButtonIds, in banner order
  // No texts: the banner's words for the decision's language come from words_json (engine.hpp), once.

  bool granted(std::string_view category_id) const;
};

// Days the record lives: the policy's maxAgeDays, or longer after a refusal where the law says not to
// re-ask sooner (US-CA 12 months), always within the 395-day cap.
int record_lifetime_days(const Policy& policy, const std::string& region, Action action);
// The longest a record of this action can live in any region: the consent cookie's lifetime when the region
// the record was made in is not known (the receipts server sets the cookie). Its validity stays decide()'s
// to judge, with the visitor's region; a cookie that outlives it is read as an expired record.
int record_longest_lifetime_days(const Policy& policy, Action action);

Decision decide(const Policy& policy, const Context& context);

}  // namespace assent
