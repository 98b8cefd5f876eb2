#include "engine.hpp"

#include <cmath>

#include "csp.hpp"
#include "gcm.hpp"
#include "json_util.hpp"
#include "language.hpp"
#include "limits.hpp"
#include "lint.hpp"
#include "locales.hpp"
#include "policy_text.hpp"

namespace assent {

namespace {
Json gcm_json(const GcmState& s) {
  Json out = Json::object();
  for (std::size_t i = 0; i < kGcmTypes.size(); ++i) out[kGcmTypes[i]] = s[i] ? "granted" : "denied";
  return out;
}

Json strings(const std::vector<std::string>& v) { return Json(v); }

Json to_json(const Decision& d, const Policy& p) {
  Json j;
  j["region"] = d.region.empty() ? Json(nullptr) : Json(d.region);
  j["regionSource"] = d.region_source;
  j["model"] = model_name(d.model);
  j["language"] = d.language;
  j["showBanner"] = d.show_banner;
  j["reason"] = d.reason;
  j["gpc"] = d.gpc;
  j["dnt"] = d.dnt;
  Json rec = make_object({{"valid", d.record.valid}, {"reason", d.record.reason}});
  if (d.record.valid) {
    rec["consentId"] = d.record.record.consent_id;
    rec["timestamp"] = d.record.record.timestamp;
  }
  j["record"] = std::move(rec);
  j["validUntil"] = d.valid_until ? Json(d.valid_until) : Json(nullptr);
  Json cats = Json::array();
  for (const auto& c : d.categories)
    cats.push_back(make_object({{"id", c.id}, {"granted", c.granted}, {"locked", c.locked}, {"reason", c.reason}}));
  j["categories"] = std::move(cats);
  Json svcs = Json::array();
  for (const auto& s : d.services)
    svcs.push_back(make_object({{"id", s.service->id}, {"category", s.service->category}, {"granted", s.granted}}));
  j["services"] = std::move(svcs);
  j["gcm"] = make_object({{"update", d.has_gcm_update ? gcm_json(d.gcm_update) : Json(nullptr)}});  // no default: decision.hpp
  Json buttons = Json::array();
  for (const char* b : d.buttons) buttons.push_back(b);
  j["ui"] = make_object({{"rejectOnFirstLayer", d.reject_on_first_layer}, {"doNotSellLink", d.do_not_sell_link},
                        {"gpcNotice", d.gpc_notice}, {"compact", d.compact}, {"buttons", std::move(buttons)}, {"layout", p.layout}, {"position", p.position},
                        {"theme", p.theme}});
  if (!p.policy_url.empty()) j["ui"]["policyUrl"] = p.policy_url;
  return j;
}

// A palette for the shim: the colours the policy set, plus the text colour for the accent buttons.
Json palette_json(const Palette& set, const std::string& accent) {
  Json out = Json::object();
  if (!set.accent.empty()) out["accent"] = set.accent;
  if (!set.background.empty()) out["background"] = set.background;
  if (!set.text.empty()) out["text"] = set.text;
  if (!accent.empty()) out["accentText"] = readable_on(accent);
  return out;
}

// ui.theme's colours and shape, only what the policy set (the shim's CSS has the rest). The dark palette is
// the one in force for the dark scheme: each colour from `dark`, else the top-level one (as lint checks it).
Json theme_json(const ThemeStyle& t) {
  Json out = palette_json(t.light, t.light.accent);
  auto either = [](const std::string& own, const std::string& top) { return own.empty() ? top : own; };
  Palette dark_in_force{either(t.dark.accent, t.light.accent), either(t.dark.background, t.light.background),
                        either(t.dark.text, t.light.text)};
  Json dark = palette_json(dark_in_force, dark_in_force.accent);
  if (dark.size()) out["dark"] = std::move(dark);
  if (t.radius >= 0) out["radius"] = t.radius;
  if (!t.font.empty()) out["font"] = t.font;
  return out;
}

bool read_bool(const Json& o, const char* key, bool& out, std::string& err) {
  const Json* it = o.find(key);
  if (!it || it->is_null()) return true;
  if (!it->is_boolean()) return err = std::string("context.") + key + " must be true or false", false;
  out = it->boolean();
  return true;
}

bool read_string(const Json& o, const char* key, std::string& out, std::string& err, std::size_t max) {
  const Json* it = o.find(key);
  if (!it || it->is_null()) return true;
  if (!it->is_string()) return err = std::string("context.") + key + " must be a string", false;
  const std::string& s = it->str();
  if (s.size() > max) return err = std::string("context.") + key + " is too long", false;
  out = s;
  return true;
}

bool read_ids(const Json& o, const char* key, std::vector<std::string>& out, std::string& err) {
  const Json* it = o.find(key);
  if (!it) return true;
  if (!it->is_array() || it->size() > limits::kServices)
    return err = std::string("action.") + key + " must be an array of ids", false;
  for (const auto& v : *it) {
    if (!v.is_string()) return err = std::string("action.") + key + " must contain only strings", false;
    out.push_back(v.str());
  }
  return true;
}
}  // namespace

std::string error_json(const std::string& code, const std::string& message, int indent) {
  return dump(make_object({{"error", make_object({{"code", code}, {"message", message}})}}), indent);
}

std::string load_result_json(const PolicyLoad& load) {
  if (!load.ok()) {
    Json errs = Json::array();
    for (const auto& e : load.errors) errs.push_back(make_object({{"path", e.path}, {"message", e.message}}));
    return dump(make_object({{"ok", false}, {"errors", std::move(errs)}}));
  }
  // What the shim needs beyond a decision: where to store the record and which URLs to hold back.
  const Policy& p = load.policy;
  Json storage = make_object({{"cookie", p.cookie_name}, {"maxAgeDays", p.max_age_days}});
  if (!p.cookie_domain.empty()) storage["domain"] = p.cookie_domain;
  Json services = Json::array();
  for (const auto& s : p.services)
    services.push_back(make_object({{"id", s.id}, {"category", s.category}, {"scripts", strings(s.scripts)},
                                    {"cookies", strings(s.cookies)}, {"storage", strings(s.storage)}}));
  Json categories = Json::array();
  for (const auto& c : p.categories) categories.push_back(c.id);
  Json summary = make_object({{"revision", p.revision}, {"storage", std::move(storage)}, {"categories", std::move(categories)},
                              {"services", std::move(services)}, {"languages", strings(p.languages)},
                              {"reloadOnRevoke", p.reload_on_revoke}, {"theme", theme_json(p.theme_style)}});
  if (!p.receipts_url.empty()) summary["receipts"] = make_object({{"url", p.receipts_url}});
  return dump(make_object({{"ok", true}, {"policy", std::move(summary)}}));
}

std::string load_json(const PolicyLoad& load) {
  if (load.ok()) return load_result_json(load);
  Json errs = Json::array();
  std::string message = "the policy has " + std::to_string(load.errors.size()) + (load.errors.size() == 1 ? " error:" : " errors:");
  for (const auto& e : load.errors) {
    errs.push_back(make_object({{"path", e.path}, {"message", e.message}}));
    message += "\n  " + (e.path.empty() ? std::string("(policy)") : e.path) + ": " + e.message;
  }
  Json error = make_object({{"code", "policy-invalid"}, {"message", message}});
  if (!load.errors.front().path.empty()) error["path"] = load.errors.front().path;
  error["errors"] = std::move(errs);
  return dump(make_object({{"error", std::move(error)}}));
}

std::string parse_context(std::string_view text, Context& c) {
  JsonParse parsed = parse_json(text, limits::kContextBytes, 4);
  if (!parsed.error.empty()) return "context " + parsed.error;
  const Json& o = parsed.value;
  if (!o.is_object()) return "context must be a JSON object";
  for (std::size_t i = 0; i < o.size(); ++i) {
    static const char* const known[] = {"region", "timeZone", "languages", "gpc", "dnt", "now", "record", "nonce"};
    bool ok = false;
    for (const char* k : known) ok = ok || o.key(i) == k;
    if (!ok) return "unknown context key \"" + o.key(i) + "\"";
  }
  std::string err;
  if (!read_string(o, "region", c.region, err, 16) || !read_string(o, "timeZone", c.time_zone, err, 64) ||
      !read_string(o, "record", c.record, err, limits::kRecordChars) || !read_string(o, "nonce", c.nonce, err, 64) ||
      !read_bool(o, "gpc", c.gpc, err) || !read_bool(o, "dnt", c.dnt, err))
    return err;
  if (const Json* it = o.find("languages"); it && !it->is_null()) {
    if (!it->is_array()) return "context.languages must be an array of language tags";
    for (const Json& l : *it) {
      if (l.is_string() && c.languages.size() < 32) c.languages.push_back(l.str());
    }
  }
  if (const Json* it = o.find("now"); it && !it->is_null()) {
    if (!it->is_number()) return "context.now must be unix seconds";
    double v = it->number();
    if (!std::isfinite(v) || v < 0 || v > 1e11) return "context.now is out of range";
    c.now = static_cast<std::int64_t>(v);
  }
  return {};
}

std::string parse_action(std::string_view text, ChoiceAction& a) {
  JsonParse parsed = parse_json(text, limits::kContextBytes * 4, 4);
  if (!parsed.error.empty()) return "action " + parsed.error;
  const Json& o = parsed.value;
  if (!o.is_object()) return "action must be a JSON object";
  const Json* t = o.find("type");
  if (!t || !t->is_string()) return "action.type is required";
  const std::string& type = t->str();
  if (!parse_choice_type(type, a.type)) {
    std::string known;
    for (const char* k : kChoiceTypes) known += (known.empty() ? "" : ", ") + std::string(k);
    return "action.type \"" + type + "\" is not one of " + known;
  }
  std::string err;
  if (!read_ids(o, "categories", a.categories, err) || !read_ids(o, "services", a.services, err)) return err;
  if (const Json* k = o.find("keepServices"); k && !k->is_null()) {
    if (!k->is_boolean()) return "action.keepServices must be true or false";
    a.keep_services = k->boolean();
  }
  return {};
}

std::string decision_json(const Decision& d, const Policy& p, int indent) { return dump(to_json(d, p), indent); }

std::string choice_json(const ChoiceResult& r, const Policy& p, int indent) {
  Json j = make_object({{"record", r.record}, {"maxAgeSeconds", r.max_age_seconds}, {"decision", to_json(r.decision, p)},
                        {"deleteCookies", strings(r.delete_cookies)}, {"deleteStorage", strings(r.delete_storage)}, {"revoked", strings(r.revoked)}, {"reload", r.reload}});
  return dump(j, indent);
}

std::string decide_json(const Policy& p, std::string_view context_json, int indent) {
  Context c;
  std::string err = parse_context(context_json, c);
  if (!err.empty()) return error_json("bad-context", err, indent);
  return decision_json(decide(p, c), p, indent);
}

std::string words_json(const Policy& p, std::string_view language, int indent) {
  // A language the policy declares is taken as it is; any other is negotiated as decide() negotiates a
  // visitor's single accepted language (de-AT → de, else the policy's first language).
  std::string lang = negotiate_language(p.languages, {std::string(language)});
  Json texts = Json::object();
  for (const auto& [k, v] : resolve_texts(p, lang)) texts[k] = v;
  Json services = Json::array();
  for (const Service& sv : p.services) {
    Json o = make_object({{"id", sv.id}, {"vendor", sv.vendor}, {"cookies", strings(sv.cookies)}});
    if (!sv.name.empty()) o["name"] = local_text(sv.name, lang);
    if (!sv.purpose.empty()) o["purpose"] = local_text(sv.purpose, lang);
    if (!sv.retention.empty()) o["retention"] = local_text(sv.retention, lang);
    if (!sv.privacy_url.empty()) o["privacyUrl"] = sv.privacy_url;
    services.push_back(std::move(o));
  }
  return dump(make_object({{"language", lang}, {"texts", std::move(texts)}, {"services", std::move(services)}}), indent);
}

std::string language_json(const Policy& p, std::string_view context_json, int indent) {
  Context c;
  std::string err = parse_context(context_json, c);
  if (!err.empty()) return error_json("bad-context", err, indent);
  return dump(make_object({{"language", negotiate_language(p.languages, c.languages)}}), indent);
}

std::string choose_json(const Policy& p, std::string_view context_json, std::string_view action_json, int indent) {
  Context c;
  ChoiceAction a;
  std::string err = parse_context(context_json, c);
  if (!err.empty()) return error_json("bad-context", err, indent);
  err = parse_action(action_json, a);
  if (!err.empty()) return error_json("bad-action", err, indent);
  ChoiceResult r = choose(p, c, a);
  if (!r.error.empty()) {
    Json e = make_object({{"code", "bad-action"}, {"message", r.error}});
    if (!r.error_path.empty()) e["path"] = r.error_path;  // a JSON Pointer into the action
    return dump(make_object({{"error", std::move(e)}}), indent);
  }
  return choice_json(r, p, indent);
}

std::string csp_json(const Policy& p, std::string_view context_json, int indent) {
  Context c;
  std::string err = parse_context(context_json, c);
  if (!err.empty()) return error_json("bad-context", err, indent);
  return dump(compute_csp(p, decide(p, c)), indent);
}

}  // namespace assent

namespace assent {

namespace {
std::string text_language(const Policy& p, std::string_view requested) {
  std::string want(requested);
  if (want.empty()) return p.languages.front();
  for (const auto& l : p.languages)
    if (same_tag(l, want)) return l;
  if (builtin_texts(want)) return want;
  return negotiate_language(p.languages, {want});
}

Json inline_json(const Inline& in) {
  switch (in.kind) {
    case Inline::Kind::Link: return make_object({{"type", "link"}, {"text", in.text}, {"href", in.href}});
    case Inline::Kind::Settings: return make_object({{"type", "settings"}, {"text", in.text}});
    default: return make_object({{"type", "text"}, {"text", in.text}});
  }
}

Json document_json(const PolicyDocument& doc) {
  Json blocks = Json::array();
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::Table) {
      Json rows = Json::array();
      for (const auto& r : b.rows) rows.push_back(strings(r));
      blocks.push_back(make_object({{"type", "table"}, {"header", strings(b.header)}, {"rows", std::move(rows)}}));
      continue;
    }
    Json content = Json::array();
    for (const Inline& in : b.content) content.push_back(inline_json(in));
    Json block = make_object({{"type", b.kind == Block::Kind::Heading ? "heading" : "paragraph"}, {"content", std::move(content)}});
    if (b.kind == Block::Kind::Heading) block["level"] = b.level;
    blocks.push_back(std::move(block));
  }
  return make_object({{"language", doc.language}, {"blocks", std::move(blocks)}});
}
}  // namespace

std::string policy_text_json(const Policy& p, std::string_view language, int indent) {
  return dump(document_json(policy_document(p, text_language(p, language))), indent);
}

std::string policy_text(const Policy& p, std::string_view language, std::string_view format) {
  PolicyDocument doc = policy_document(p, text_language(p, language));
  if (format == "html") return render_html(doc);
  if (format == "json") return dump(document_json(doc), 2) + "\n";
  return render_markdown(doc);
}

std::string lint_json(const Policy& p, int indent) {
  Json list = Json::array();
  for (const auto& w : lint_policy(p))
    list.push_back(make_object({{"rule", w.rule}, {"path", w.path}, {"message", w.message}, {"fix", w.fix},
                                {"severity", w.error ? "error" : "warning"}}));
  return dump(make_object({{"warnings", std::move(list)}}), indent);
}

}  // namespace assent
