#include "choice.hpp"

#include <algorithm>

#include "hash.hpp"

namespace assent {

namespace {
void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
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
}  // namespace

ChoiceResult choose(const Policy& p, const Context& ctx, const ChoiceAction& action) {
  ChoiceResult out;
  for (const auto& id : action.categories)
    if (!p.category(id)) return out.error = "unknown category \"" + id + "\"", out;
  for (const auto& id : action.services)
    if (!p.service(id)) return out.error = "unknown service \"" + id + "\"", out;

  Decision before = decide(p, ctx);
  ConsentRecord r;
  r.revision_tag = revision_tag(p);
  r.timestamp = ctx.now;
  r.model = before.model;
  r.action = action.type;
  r.gpc = ctx.gpc;
  for (std::size_t i = 0; i < p.categories.size(); ++i) {
    const Category& c = p.categories[i];
    if (c.required) continue;  // always granted; never stored, so it can never be denied
    bool grant = false;
    switch (action.type) {
      case Action::AcceptAll: grant = true; break;
      case Action::RejectAll: grant = false; break;
      case Action::Custom:
        grant = std::find(action.categories.begin(), action.categories.end(), c.id) != action.categories.end();
        break;
      case Action::OptOut: grant = !c.sale_or_sharing; break;
      case Action::Acknowledge: grant = before.categories[i].granted; break;
    }
    if (grant) r.categories.push_back(c.id);
  }
  if (action.type == Action::Custom) {
    for (const auto& id : action.services) {
      const Service* s = p.service(id);
      if (std::find(r.categories.begin(), r.categories.end(), s->category) == r.categories.end() &&
          !p.category(s->category)->required)
        add_unique(r.services, id);
    }
  } else if (action.type == Action::Acknowledge) {
    for (const auto& s : before.services)  // keep services the visitor loaded one by one
      if (s.granted && !before.granted(s.service->category)) add_unique(r.services, s.service->id);
  }
  std::string cats;
  for (const auto& c : r.categories) cats += c + "~";
  r.consent_id = consent_id(ctx, p.revision + "|" + std::to_string(ctx.now) + "|" + cats);

  out.record = encode_record(r);
  out.max_age_seconds = record_lifetime_days(p, before.region, r.action) * 86400;
  Context after = ctx;
  after.record = out.record;
  out.decision = decide(p, after);
  for (const auto& s : out.decision.services)
    if (!s.granted)
      for (const auto& glob : s.service->cookies) add_unique(out.delete_cookies, glob);
  for (std::size_t i = 0; i < p.categories.size(); ++i)
    if (before.categories[i].granted && !out.decision.categories[i].granted) out.revoked.push_back(p.categories[i].id);
  out.reload = p.reload_on_revoke && !out.revoked.empty();
  return out;
}

}  // namespace assent
