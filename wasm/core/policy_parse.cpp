// Policy parsing and validation: every error is collected with a JSON Pointer, nothing throws.
#include <algorithm>
#include <initializer_list>

#include "csp.hpp"
#include "gcm.hpp"
#include "json_reader.hpp"
#include "json_util.hpp"
#include "language.hpp"
#include "limits.hpp"
#include "locales.hpp"
#include "policy.hpp"
#include "policy_services.hpp"
#include "policy_values.hpp"
#include "region.hpp"

namespace assent {

namespace {

const char* const kBuiltinCategories[] = {"essential", "preference", "analytics", "marketing"};

class Validator : JsonReader {
 public:
  explicit Validator(PolicyLoad& out) : JsonReader(out.errors), p_(out.policy) {}

  void run(const Json& root) {
    if (!root.is_object()) return error("", std::string("the policy must be a JSON object, not ") + type_name(root));
    check_keys(root, "", {"$schema", "revision", "site", "storage", "categories", "services", "regions", "signals",
                          "languages", "texts", "ui", "csp", "receipts"});
    if (auto* s = field(root, "$schema"); s && !s->is_string()) error("/$schema", "must be a string");
    string_field(root, "", "revision", p_.revision, true, 1, 64);
    site(root);
    storage(root);
    categories(root);
    sale_statement();
    read_services(root, p_, errors_);
    regions(root);
    signals(root);
    languages(root);
    default_texts();
    texts(root);
    ui(root);
    csp(root);
    receipts(root);
  }

 private:
  Policy& p_;

  bool model_value(const Json& v, const std::string& at, Model& out) {
    std::string s;
    if (!string_value(v, at, s, 1, 32)) return false;
    if (parse_model(s, out)) return true;
    error(at, show(s) + " is not a consent model; use \"opt-in\", \"opt-out\", \"notice\" or \"none\"");
    return false;
  }

  void site(const Json& root) {
    const Json* s;
    if (!object_field(root, "", "site", s, true)) return;
    check_keys(*s, "/site", {"name", "policyUrl", "contact", "saleOrSharing"});
    string_field(*s, "/site", "name", p_.site_name, true, 1, 200);
    if (string_field(*s, "/site", "policyUrl", p_.policy_url, false, 1, 2048) && !is_page_url(p_.policy_url)) {
      error("/site/policyUrl", show(p_.policy_url) + " must start with https://, http:// or / (no spaces, control characters or backslashes)");
      p_.policy_url.clear();
    }
    string_field(*s, "/site", "contact", p_.contact, false, 1, 200);
    if (const Json* v = field(*s, "saleOrSharing")) {
      bool b = false;
      bool_field(*s, "/site", "saleOrSharing", b);
      if (v->is_boolean()) p_.sale_or_sharing = b;
    }
  }

  // The site's statement and its categories must agree: the engine offers "Do Not Sell or Share" exactly
  // for the categories marked saleOrSharing, and the cookie section prints the statement.
  void sale_statement() {
    if (!p_.sale_or_sharing) return;
    auto marked = std::find_if(p_.categories.begin(), p_.categories.end(), [](const Category& c) { return c.sale_or_sharing; });
    if (!*p_.sale_or_sharing && marked != p_.categories.end())
      error("/site/saleOrSharing", "false states that the site sells or shares no personal information, but category " +
                                       show(marked->id) + " is marked saleOrSharing" +
                                       (p_.categories_defaulted ? " (the built-in marketing category is, unless \"categories\" says otherwise)" : ""));
    if (*p_.sale_or_sharing && marked == p_.categories.end())
      error("/site/saleOrSharing", "true states that the site sells or shares personal information, but no category is marked "
                                   "saleOrSharing, so visitors in US states could not opt out");
  }

  void storage(const Json& root) {
    const Json* s;
    if (!object_field(root, "", "storage", s, false)) return;
    check_keys(*s, "/storage", {"cookie", "domain", "maxAgeDays"});
    std::string name;
    if (string_field(*s, "/storage", "cookie", name, false, 1, 64)) {
      if (is_cookie_name(name)) p_.cookie_name = name;
      else error("/storage/cookie", show(name) + " may only use letters, digits, '_' and '-'");
    }
    std::string domain;
    if (string_field(*s, "/storage", "domain", domain, false, 1, 253)) {
      if (is_domain(domain)) p_.cookie_domain = domain;
      else error("/storage/domain", show(domain) + " is not a lowercase host name such as \".example.com\"");
    }
    if (const Json* v = field(*s, "maxAgeDays")) {
      if (!is_whole(*v)) {
        error("/storage/maxAgeDays", std::string("must be a whole number of days, not ") + type_name(*v));
      } else {
        long long days = whole_number(*v, 1000000);
        // Above the cap is not an error (the banner must keep working): it is capped, and lint warns.
        if (days < 1) error("/storage/maxAgeDays", "must be at least 1");
        else p_.max_age_days_declared = static_cast<int>(days),
             p_.max_age_days = static_cast<int>(std::min<long long>(days, limits::kMaxAgeDaysCap));
      }
    }
  }

  void categories(const Json& root) {
    const Json* arr = array_field(root, "", "categories", limits::kCategories);
    if (!arr) {
      if (!field(root, "categories")) {
        for (const char* id : kBuiltinCategories) p_.categories.push_back(builtin_category(id, {}));
        p_.categories_defaulted = true;
      }
      return;
    }
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string at = "/categories/" + std::to_string(i);
      const Json& c = (*arr)[i];
      if (!c.is_object()) {
        error(at, std::string("must be an object, not ") + type_name(c));
        continue;
      }
      check_keys(c, at, {"id", "required", "saleOrSharing", "gcm"});
      std::string id;
      if (!string_field(c, at, "id", id, true, 1, 64)) continue;
      if (!is_id(id)) {
        error(at + "/id", show(id) + " " + kIdRule);
        continue;
      }
      if (p_.category(id)) {
        error(at + "/id", "duplicate category id " + show(id));
        continue;
      }
      Category cat = builtin_category(id, c);
      bool_field(c, at, "required", cat.required);
      bool_field(c, at, "saleOrSharing", cat.sale_or_sharing);
      if (id == "essential" && !cat.required) error(at + "/required", "the essential category is always required");
      if (field(c, "gcm")) {
        cat.gcm.clear();
        string_list(c, at, "gcm", 7, cat.gcm, gcm_problem);
      }
      p_.categories.push_back(cat);
    }
    if (!p_.category("essential"))
      error("/categories", "must include the \"essential\" category (cookies the site needs to work)");
  }

  static Category builtin_category(const std::string& id, const Json&) {
    Category c;
    c.id = id;
    if (id == "essential") c.required = true, c.gcm = {"security_storage"};
    else if (id == "preference") c.gcm = {"functionality_storage", "personalization_storage"};
    else if (id == "analytics") c.gcm = {"analytics_storage"};
    else if (id == "marketing") c.sale_or_sharing = true, c.gcm = {"ad_storage", "ad_user_data", "ad_personalization"};
    return c;
  }

  // A text given per language falls back to the policy's default (first) language, then English, then the
  // first language given.
  void default_texts() {
    for (Service& s : p_.services) {
      for (LocalText* t : {&s.name, &s.purpose, &s.retention, &s.location}) {
        if (t->by_lang.empty()) continue;
        t->text = t->by_lang.front().second;
        for (const char* want : {p_.languages.front().c_str(), "en"}) {
          auto it = std::find_if(t->by_lang.begin(), t->by_lang.end(), [&](const auto& kv) { return same_tag(kv.first, want); });
          if (it != t->by_lang.end()) {
            t->text = it->second;
            break;
          }
        }
      }
    }
  }

  void regions(const Json& root) {
    const Json* r;
    if (!object_field(root, "", "regions", r, false)) return;
    check_keys(*r, "/regions", {"fallback", "overrides", "gbStatisticsException"});
    if (const Json* f = field(*r, "fallback")) model_value(*f, "/regions/fallback", p_.fallback);
    bool_field(*r, "/regions", "gbStatisticsException", p_.gb_statistics_exception);
    const Json* o;
    if (!object_field(*r, "/regions", "overrides", o, false)) return;
    for (std::size_t k = 0; k < o->size(); ++k) {
      const std::string& key = o->key(k);
      const Json& value = (*o)[k];
      std::string at = "/regions/overrides/" + pointer_token(key), code;
      if (!normalize_region(key, code)) {
        error(at, show(key) + " is not a region code such as \"DE\" or \"US-CA\"");
        continue;
      }
      Model m;
      if (model_value(value, at, m)) p_.overrides.emplace_back(code, m);
    }
  }

  // Where the shim posts each choice for a signed receipt (`assent serve`): a path on the site, or a full URL.
  void receipts(const Json& root) {
    const Json* r;
    if (!object_field(root, "", "receipts", r, false)) return;
    check_keys(*r, "/receipts", {"url"});
    if (string_field(*r, "/receipts", "url", p_.receipts_url, true, 1, 2048) && !is_page_url(p_.receipts_url)) {
      error("/receipts/url", show(p_.receipts_url) + " must start with https://, http:// or / (no spaces, control characters or backslashes)");
      p_.receipts_url.clear();
    }
  }

  void signals(const Json& root) {
    const Json* s;
    if (!object_field(root, "", "signals", s, false)) return;
    check_keys(*s, "/signals", {"honorDnt"});
    bool_field(*s, "/signals", "honorDnt", p_.honor_dnt);
  }

  void languages(const Json& root) {
    const Json* arr = array_field(root, "", "languages", limits::kLanguages);
    if (!arr) return;
    std::vector<std::string> langs;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string at = "/languages/" + std::to_string(i), tag;
      if (!string_value((*arr)[i], at, tag, 1, 35)) continue;
      if (!is_language_tag(tag)) error(at, show(tag) + " is not a language tag such as \"en\" or \"pt-BR\"");
      else if (std::any_of(langs.begin(), langs.end(), [&](const std::string& l) { return same_tag(l, tag); }))
        error(at, "duplicate language " + show(tag));
      else langs.push_back(tag);
    }
    if (arr->empty()) error("/languages", "must list at least one language");
    if (!langs.empty()) p_.languages = langs;
  }

  void texts(const Json& root) {
    const Json* t;
    if (!object_field(root, "", "texts", t, false)) return;
    for (std::size_t k = 0; k < t->size(); ++k) {
      const std::string& key = t->key(k);
      const Json& value = (*t)[k];
      std::string at = "/texts/" + pointer_token(key);
      if (std::find(p_.languages.begin(), p_.languages.end(), key) == p_.languages.end()) {
        error(at, "texts for " + show(key) + ", which is not in \"languages\"");
        continue;
      }
      if (!value.is_object()) {
        error(at, std::string("must be an object of text key → text, not ") + type_name(value));
        continue;
      }
      TextMap map;
      for (std::size_t m = 0; m < value.size(); ++m) {
        const std::string& text_key = value.key(m);
        std::string where = at + "/" + pointer_token(text_key), text;
        if (!is_known_text_key(p_, text_key)) {
          error(where, "unknown text key " + show(text_key));
          continue;
        }
        if (!string_value(value[m], where, text, 0, limits::kTextChars)) continue;
        // A placeholder the key does not fill would reach visitors as "{vendr}": refused, with the ones it fills.
        if (std::string bad = unknown_placeholder(text_key, text); !bad.empty()) {
          std::string can = placeholders_of(text_key);
          error(where, "unknown placeholder " + bad + (can.empty() ? "; this text has none" : "; this text can use " + can));
          continue;
        }
        map.emplace_back(text_key, text);
      }
      p_.texts.emplace_back(key, std::move(map));
    }
  }

  void ui(const Json& root) {
    const Json* u;
    if (!object_field(root, "", "ui", u, false)) return;
    check_keys(*u, "/ui", {"layout", "position", "theme", "reloadOnRevoke"});
    enum_field(*u, "/ui", "layout", p_.layout, {"bar", "box"});
    enum_field(*u, "/ui", "position",
               p_.position, {"bottom", "top", "bottom-left", "bottom-right", "top-left", "top-right", "center"});
    bool_field(*u, "/ui", "reloadOnRevoke", p_.reload_on_revoke);
    const Json* t = field(*u, "theme");
    if (t && t->is_object()) theme(*t);
    else enum_field(*u, "/ui", "theme", p_.theme, {"light", "dark", "auto"});
  }

  // ui.theme as an object: the mode plus colours, radius and font (wasm/core/theme.hpp). Each value ends
  // up in CSS, so only the narrow forms below pass.
  void theme(const Json& t) {
    const std::string at = "/ui/theme";
    check_keys(t, at, {"mode", "accent", "background", "text", "radius", "font", "dark"});
    enum_field(t, at, "mode", p_.theme, {"light", "dark", "auto"});
    palette(t, at, p_.theme_style.light);
    const Json* dark;
    if (object_field(t, at, "dark", dark, false)) {
      check_keys(*dark, at + "/dark", {"accent", "background", "text"});
      palette(*dark, at + "/dark", p_.theme_style.dark);
    }
    if (const Json* r = field(t, "radius")) {
      long long px = is_whole(*r) ? whole_number(*r, 33) : -1;
      if (px < 0 || px > 32) error(at + "/radius", "must be a whole number of pixels from 0 to 32");
      else p_.theme_style.radius = static_cast<int>(px);
    }
    std::string font;
    if (string_field(t, at, "font", font, false, 1, 200)) {
      std::string why = font_family_problem(font);
      if (why.empty()) p_.theme_style.font = font;
      else error(at + "/font", show(font) + " " + why);
    }
  }

  void palette(const Json& obj, const std::string& at, Palette& out) {
    for (auto [key, value] : {std::pair{"accent", &out.accent}, std::pair{"background", &out.background}, std::pair{"text", &out.text}}) {
      std::string colour;
      if (!string_field(obj, at, key, colour, false, 1, 7)) continue;
      if (is_hex_colour(colour)) *value = colour;
      else error(at + "/" + key, show(colour) + " is not a colour written as #rgb or #rrggbb");
    }
  }

  // The site's own CSP sources per directive (wasm/core/csp.hpp). Each value goes into a response header as
  // written, so anything that could end a directive or the policy is refused here.
  void csp(const Json& root) {
    const Json* c;
    if (!object_field(root, "", "csp", c, false)) return;
    check_keys(*c, "/csp", {"script-src", "connect-src", "img-src", "frame-src", "style-src", "font-src", "media-src",
                            "worker-src", "form-action", "report-uri", "report-to"});
    for (const char* directive : kCspDirectives) {
      if (!field(*c, directive)) continue;
      std::vector<std::string> sources;
      string_list(*c, "/csp", directive, limits::kCspSources, sources, csp_source_problem);
      p_.csp_base.emplace_back(directive, std::move(sources));
    }
    for (auto [key, out] : {std::pair{"report-uri", &p_.csp_report_uri}, std::pair{"report-to", &p_.csp_report_to}}) {
      std::string value;
      if (!string_field(*c, "/csp", key, value, false, 1, limits::kCspValueChars)) continue;
      std::string why = csp_value_problem(value);
      if (why.empty()) *out = value;
      else error(std::string("/csp/") + key, show(value) + ": " + why);
    }
  }
};

}  // namespace

bool is_gcm_type(std::string_view s) {
  for (const char* t : kGcmTypes)
    if (s == t) return true;
  return false;
}

PolicyLoad parse_policy(std::string_view text) {
  PolicyLoad out;
  JsonParse parsed = parse_json(text, limits::kPolicyBytes, limits::kNestingDepth);
  for (const DuplicateKey& d : parsed.duplicates)
    out.errors.push_back({d.pointer, "duplicate key " + show(d.key) + ": each key may appear only once"});
  if (!parsed.error.empty() && parsed.duplicates.empty()) out.errors.push_back({"", "policy " + parsed.error});
  if (!out.errors.empty()) return out;
  Validator(out).run(parsed.value);
  return out;
}

}  // namespace assent
