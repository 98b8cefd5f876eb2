#include "choice.hpp"

#include <algorithm>

#include "hash.hpp"

namespace assent {

namespace {
bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (!contains(v, s)) v.push_back(s);
}

// 16 hex characters: from the caller's randomness when given, else derived (deterministic, for the CLI/tests).
std::string consent_id(const Context& ctx, const std::string& seed) {
  std::string hex;
  for (char c : ctx.nonce) {
    char l = (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((l >= '0' && l <= '9') || (l >= 'a' && l <= 'f')) hex += l;
  }
  if (hex.size() >= 16) return hex.substr(0, 16);
  return hex8(fnv1a(seed)) + hex8(fnv1a(seed + ctx.nonce + "#"));
}

ChoiceResult refuse(const std::string& path, const std::string& message) {
  ChoiceResult out;
  out.error_path = path;
  out.error = "action" + (path.empty() ? std::string() : " " + path) + ": " + message;
  return out;
}

// Empty when the action is acceptable, else the refusal.
ChoiceResult check_action(const Policy& p, const ChoiceAction& a) {
  for (std::size_t i = 0; i < a.categories.size(); ++i)
    if (!p.category(a.categories[i]))
      return refuse("/categories/" + std::to_string(i), "unknown category \"" + a.categories[i] + "\"");
  for (std::size_t i = 0; i < a.services.size(); ++i)
    if (!p.service(a.services[i]))
      return refuse("/services/" + std::to_string(i), "unknown service \"" + a.services[i] + "\"");
  if (a.keep_services && a.type != ChoiceType::Custom) return refuse("/keepServices", "only a custom choice keeps services");
  // An empty grant would store a choice the visitor did not make (and close the banner).
  if (a.type == ChoiceType::Grant && a.categories.empty() && a.services.empty())
    return refuse("", "a grant lists at least one category or service");
  return {};
}

bool category_granted(ChoiceType type, const Category& c, bool granted_now, const ChoiceAction& a) {
  switch (type) {
    case ChoiceType::AcceptAll: return true;
    case ChoiceType::RejectAll: return false;
    case ChoiceType::Custom: return contains(a.categories, c.id);
    case ChoiceType::OptOut: return !c.sale_or_sharing;  // the model's default for the rest
    case ChoiceType::Acknowledge: return granted_now;
    case ChoiceType::Grant: return granted_now || contains(a.categories, c.id);
  }
  return false;
}

// What the record stores as the visitor's action. A grant is a custom choice, but it must not shorten a
// refusal: a reject-all/opt-out record whose saleOrSharing categories all stay denied keeps its action,
// and with it its lifetime (US-CA: no re-ask for 12 months, 1798.135(c)(4)).
Action stored_action(ChoiceType type, const Policy& p, const Decision& before, const ConsentRecord& r) {
  switch (type) {
    case ChoiceType::AcceptAll: return Action::AcceptAll;
    case ChoiceType::RejectAll: return Action::RejectAll;
    case ChoiceType::Custom: return Action::Custom;
    case ChoiceType::OptOut: return Action::OptOut;
    case ChoiceType::Acknowledge: return Action::Acknowledge;
    case ChoiceType::Grant: break;
  }
  // "valid-record": the stored record is the one the current decision rests on (not merely well-formed).
  Action prev = before.record.record.action;
  bool refusal = std::string_view(before.reason) == "valid-record" && (prev == Action::RejectAll || prev == Action::OptOut);
  bool sale_still_denied = std::none_of(p.categories.begin(), p.categories.end(), [&](const Category& c) {
    return c.sale_or_sharing && !c.required && contains(r.categories, c.id);
  });
  return refusal && sale_still_denied ? prev : Action::Custom;
}
}  // namespace

bool parse_choice_type(std::string_view name, ChoiceType& out) {
  for (std::size_t i = 0; i < kChoiceTypes.size(); ++i)
    if (name == kChoiceTypes[i]) return out = static_cast<ChoiceType>(i), true;
  return false;
}

ChoiceResult choose(const Policy& p, const Context& ctx, const ChoiceAction& action) {
  ChoiceResult out = check_action(p, action);
  if (!out.error.empty()) return out;

  Decision before = decide(p, ctx);
  ConsentRecord r;
  r.revision_tag = revision_tag(p);
  r.timestamp = ctx.now;
  r.model = before.model;
  r.gpc = ctx.gpc;
  for (std::size_t i = 0; i < p.categories.size(); ++i) {
    const Category& c = p.categories[i];
    if (c.required) continue;  // always granted; never stored, so it can never be denied
    if (category_granted(action.type, c, before.categories[i].granted, action)) r.categories.push_back(c.id);
  }
  // Services granted on their own now (e.g. "load this video"): kept by acknowledge, grant, and custom
  // when asked to; listed ones are added by custom and grant. Stored only where no granted category covers them.
  bool keep = action.type == ChoiceType::Acknowledge || action.type == ChoiceType::Grant || action.keep_services;
  bool listed = action.type == ChoiceType::Custom || action.type == ChoiceType::Grant;
  for (const auto& s : before.services) {
    const Service& sv = *s.service;
    bool on_its_own = s.granted && !before.granted(sv.category);
    if (!((keep && on_its_own) || (listed && contains(action.services, sv.id)))) continue;
    if (!contains(r.categories, sv.category) && !p.category(sv.category)->required) add_unique(r.services, sv.id);
  }
  r.action = stored_action(action.type, p, before, r);
  std::string cats;
  for (const auto& c : r.categories) cats += c + "~";
  r.consent_id = consent_id(ctx, p.revision + "|" + std::to_string(ctx.now) + "|" + cats);

  out.record = encode_record(r);
  out.max_age_seconds = record_lifetime_days(p, before.region, r.action) * 86400;
  Context after = ctx;
  after.record = out.record;
  out.decision = decide(p, after);
  for (const auto& s : out.decision.services)
    if (!s.granted) {
      for (const auto& glob : s.service->cookies) add_unique(out.delete_cookies, glob);
      for (const auto& glob : s.service->storage) add_unique(out.delete_storage, glob);
    }
  for (std::size_t i = 0; i < p.categories.size(); ++i)
    if (before.categories[i].granted && !out.decision.categories[i].granted) out.revoked.push_back(p.categories[i].id);
  out.reload = p.reload_on_revoke && !out.revoked.empty();
  return out;
}

}  // namespace assent
