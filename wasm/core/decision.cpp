#include "decision.hpp"

#include <algorithm>

#include "gcm.hpp"
#include "language.hpp"
#include "limits.hpp"
#include "region.hpp"

namespace assent {

namespace {
bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Categories before any choice, per model and signals (config/jurisdictions.md §0, §5).
CategoryState default_state(const Policy& p, const Category& c, Model model, const std::string& region,
                            const Context& ctx) {
  CategoryState s{c.id, true, c.required, "required"};
  if (c.required) return s;
  switch (model) {
    case Model::OptIn:
      if (p.gb_statistics_exception && region == "GB" && (c.id == "analytics" || c.id == "preference")) {
        s.reason = "uk-statistics-exception";  // DUAA 2025: statistics/appearance with notice + objection
      } else {
        s.granted = false;
        s.reason = "default-opt-in";
      }
      return s;
    case Model::OptOut: s.reason = "default-opt-out"; break;
    case Model::Notice: s.reason = "default-notice"; break;
    case Model::None: s.reason = "model-none"; break;
  }
  if (ctx.gpc && c.sale_or_sharing) s.granted = false, s.reason = "gpc";
  else if (ctx.dnt && p.honor_dnt) s.granted = false, s.reason = "dnt";
  return s;
}

// A Consent Mode type is granted only when everything that claims it is granted; unclaimed types are
// denied (fail closed), except security_storage, which essential cookies always need.
GcmState gcm_state(const Policy& p, const std::vector<CategoryState>& cats, const std::vector<ServiceState>& svcs) {
  GcmState out{};
  for (std::size_t t = 0; t < kGcmTypes.size(); ++t) {
    bool claimed = false, all = true;
    for (std::size_t i = 0; i < p.categories.size(); ++i) {
      if (contains(p.categories[i].gcm, kGcmTypes[t])) claimed = true, all = all && cats[i].granted;
    }
    for (const auto& s : svcs) {
      if (contains(s.service->gcm, kGcmTypes[t])) claimed = true, all = all && s.granted;
    }
    out[t] = gcm_always_granted(kGcmTypes[t]) || (claimed && all);
  }
  return out;
}

std::vector<ServiceState> service_states(const Policy& p, const std::vector<CategoryState>& cats,
                                         const ConsentRecord* record) {
  std::vector<ServiceState> out;
  for (const Service& s : p.services) {
    ServiceState st{&s, false};
    for (std::size_t i = 0; i < p.categories.size(); ++i) {
      if (p.categories[i].id != s.category) continue;
      const CategoryState& c = cats[i];
      // A service granted on its own (e.g. "load this video") still yields to a GPC/DNT denial.
      bool signal_denied = !c.granted && (std::string_view(c.reason) == "gpc" || std::string_view(c.reason) == "dnt");
      st.granted = c.granted || (record && !signal_denied && contains(record->services, s.id));
    }
    out.push_back(st);
  }
  return out;
}

// First layer: opt-in asks (refusing as easy as accepting); opt-out and notice inform, opt-out offers the
// opt-out when there is something to opt out of (a sale/sharing category the signal has not already
// refused); with no banner (model none) there is nothing to press.
std::vector<const char*> banner_buttons(Model model, bool opt_out_does_something) {
  switch (model) {
    case Model::OptIn: return {"accept-all", "reject-all", "preferences"};
    case Model::OptOut:
      if (opt_out_does_something) return {"acknowledge", "opt-out", "preferences"};
      return {"acknowledge", "preferences"};
    case Model::Notice: return {"acknowledge", "preferences"};
    case Model::None: break;
  }
  return {};
}

const char* banner_reason(const char* record_reason) {
  std::string_view r = record_reason;
  if (r == "none") return "no-record";
  if (r == "expired" || r == "revision-changed") return record_reason;
  return "record-invalid";
}
}  // namespace

bool Decision::granted(std::string_view id) const {
  for (const auto& c : categories)
    if (c.id == id) return c.granted;
  return false;
}

namespace {
// maxAgeDays, or after a refusal at least the days the law asks to wait before asking again; within the cap.
int lifetime_days(const Policy& policy, Action action, int reask_days) {
  int days = policy.max_age_days;
  if (action == Action::RejectAll || action == Action::OptOut) days = std::max(days, reask_days);
  return std::min(days, limits::kMaxAgeDaysCap);
}
}  // namespace

int record_lifetime_days(const Policy& policy, const std::string& region, Action action) {
  return lifetime_days(policy, action, reask_after_opt_out_days(region));
}

int record_longest_lifetime_days(const Policy& policy, Action action) {
  return lifetime_days(policy, action, longest_reask_after_opt_out_days());
}


Decision decide(const Policy& p, const Context& ctx) {
  Decision d;
  RegionResolution where = resolve_region(p, ctx.region, ctx.time_zone);
  d.region = where.region;
  d.region_source = where.source;
  d.model = where.model;
  d.language = negotiate_language(p.languages, ctx.languages);
  d.gpc = ctx.gpc;
  d.dnt = ctx.dnt;

  // Parsed once at the cap, the longest any record lives; its own lifetime depends on what it recorded
  // (a US-CA opt-out lasts longer), and is never above the cap.
  d.record = check_record(ctx.record, p, ctx.now, limits::kMaxAgeDaysCap);
  int lifetime = record_lifetime_days(p, d.region, d.record.record.action);
  if (d.record.valid && ctx.now - d.record.record.timestamp > static_cast<std::int64_t>(lifetime) * 86400)
    d.record.valid = false, d.record.reason = "expired";
  if (d.record.valid) d.valid_until = d.record.record.timestamp + static_cast<std::int64_t>(lifetime) * 86400 + 1;
  else if (std::string_view(d.record.reason) == "future-dated")
    d.valid_until = d.record.record.timestamp - limits::kClockSkewSeconds;
  bool valid = d.record.valid;
  const char* reason = valid ? "valid-record" : banner_reason(d.record.reason);
  if (valid && d.model > d.record.record.model) {
    valid = false;  // consent given under a laxer regime does not carry over to a stricter one
    reason = "region-model-changed";
  }

  std::vector<CategoryState> defaults;
  for (const Category& c : p.categories) defaults.push_back(default_state(p, c, d.model, d.region, ctx));

  const ConsentRecord* rec = valid ? &d.record.record : nullptr;
  bool signals_apply = d.model != Model::OptIn;
  for (std::size_t i = 0; i < p.categories.size(); ++i) {
    const Category& c = p.categories[i];
    CategoryState s = defaults[i];
    if (rec && !c.required) {
      s.granted = contains(rec->categories, c.id);
      s.reason = "choice";
      // A signal switched on after the choice must be processed (CCPA regs §7025(c)).
      if (s.granted && signals_apply && ctx.gpc && !rec->gpc && c.sale_or_sharing) s.granted = false, s.reason = "gpc";
    }
    d.categories.push_back(s);
  }
  d.services = service_states(p, d.categories, rec);

  // Strictly necessary cookies need no consent (ePrivacy Art 5(3)): with nothing else, there is nothing to ask.
  bool essential_only = std::all_of(p.categories.begin(), p.categories.end(), [](const Category& c) { return c.required; });
  d.show_banner = !valid && d.model != Model::None && !essential_only;
  if (!valid && essential_only) reason = "essential-only";
  d.reason = (!valid && d.model == Model::None && std::string_view(reason) == "no-record") ? "model-none" : reason;
  d.has_gcm_update = valid || d.model != Model::OptIn;
  if (d.has_gcm_update) d.gcm_update = gcm_state(p, d.categories, d.services);

  d.reject_on_first_layer = d.model == Model::OptIn || d.model == Model::OptOut;
  bool sells = std::any_of(p.categories.begin(), p.categories.end(), [](const Category& c) { return c.sale_or_sharing; });
  d.gpc_notice = ctx.gpc && signals_apply && d.model != Model::None;
  // A signal already honoured did what the opt-out would: a one-line notice that says so (11 CCR §7025(c)(6)
  // lets a business show that it processed the signal) instead of a banner asking again.
  d.compact = d.gpc_notice && (d.model == Model::OptOut || d.model == Model::Notice);
  d.buttons = banner_buttons(d.model, sells && !d.compact);
  // The link stops a sale or sharing (CCPA 1798.135): only offered when the policy declares one, and not
  // beside a notice that the signal has already stopped it (1798.135(b)(1)).
  d.do_not_sell_link = d.model == Model::OptOut && d.region.compare(0, 2, "US") == 0 && sells && !d.compact;
  return d;
}

}  // namespace assent
