// The policy's "services" (policy_services.hpp): each service read field by field, every problem collected.
#include "policy_services.hpp"

#include <algorithm>

#include "glob.hpp"
#include "json_reader.hpp"
#include "language.hpp"
#include "limits.hpp"
#include "locales.hpp"
#include "policy_values.hpp"

namespace assent {

namespace {

class ServiceReader : JsonReader {
 public:
  ServiceReader(Policy& p, std::vector<PolicyError>& errors) : JsonReader(errors), p_(p) {}

  void run(const Json& root) {
    const Json* arr = array_field(root, "", "services", limits::kServices);
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string at = "/services/" + std::to_string(i);
      const Json& s = (*arr)[i];
      if (!s.is_object()) {
        error(at, std::string("must be an object, not ") + type_name(s));
        continue;
      }
      check_keys(s, at, {"id", "category", "vendor", "name", "purpose", "cookies", "storage", "scripts", "gcm",
                         "retention", "privacyUrl", "location"});
      Service svc;
      bool ok = string_field(s, at, "id", svc.id, true, 1, 64);
      if (ok && !is_id(svc.id)) {
        error(at + "/id", show(svc.id) + " " + kIdRule);
        ok = false;
      } else if (ok && p_.service(svc.id)) {
        error(at + "/id", "duplicate service id " + show(svc.id));
        ok = false;
      }
      if (string_field(s, at, "category", svc.category, true, 1, 64) && !p_.category(svc.category)) {
        std::string msg = "unknown category " + show(svc.category);
        if (kHints)
          for (const auto& c : p_.categories)
            if (edit_distance(c.id, svc.category) <= 2) msg += "; did you mean \"" + c.id + "\"?";
        error(at + "/category", msg);
        ok = false;
      }
      string_field(s, at, "vendor", svc.vendor, true, 1, 200);
      local_text_field(s, at, "name", svc.name, 200);
      local_text_field(s, at, "purpose", svc.purpose, limits::kTextChars);
      local_text_field(s, at, "retention", svc.retention, 100);
      location(s, at, svc);
      if (string_field(s, at, "privacyUrl", svc.privacy_url, false, 1, 2048) && !is_page_url(svc.privacy_url)) {
        error(at + "/privacyUrl", show(svc.privacy_url) + " must start with https://, http:// or / (no spaces, control characters or backslashes)");
      }
      cookies(s, at, svc);
      string_list(s, at, "storage", limits::kPatternsPerService, svc.storage, storage_glob_problem);
      string_list(s, at, "scripts", limits::kPatternsPerService, svc.scripts, url_pattern_problem);
      string_list(s, at, "gcm", 7, svc.gcm, gcm_problem);
      if (ok) p_.services.push_back(std::move(svc));
    }
  }

  // Each cookie is a name/glob, or { "name", "maxAgeDays" | "maxAgeSeconds" } when its lifetime is known
  // (for the policy text and lint); 0 means a session cookie.
  void cookies(const Json& s, const std::string& at, Service& svc) {
    const Json* arr = array_field(s, at, "cookies", limits::kPatternsPerService);
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string where = at + "/cookies/" + std::to_string(i), name;
      const Json& c = (*arr)[i];
      long long lifetime = -1;
      if (c.is_object()) {
        check_keys(c, where, {"name", "maxAgeDays", "maxAgeSeconds"});
        if (!string_field(c, where, "name", name, true, 1, 128)) continue;
        const Json* days = field(c, "maxAgeDays");
        const Json* secs = field(c, "maxAgeSeconds");
        if (days && secs) {
          error(where, "give maxAgeDays or maxAgeSeconds, not both");
          continue;
        }
        if (const Json* d = days ? days : secs) {
          const char* key = days ? "/maxAgeDays" : "/maxAgeSeconds";
          long long limit = days ? 100000 : 100000LL * 86400;
          long long n = is_whole(*d) ? whole_number(*d, limit + 1) : -1;
          if (n < 0 || n > limit) {
            error(where + key, days ? "must be a whole number of days (0 for a session cookie) up to 100000"
                                    : "must be a whole number of seconds (0 for a session cookie) up to 8640000000");
            continue;
          }
          lifetime = n * (days ? 86400 : 1);
        }
      } else if (!string_value(c, where, name, 1, 128)) {
        continue;
      }
      std::string why = cookie_glob_problem(name);
      if (!why.empty()) {
        error(c.is_object() ? where + "/name" : where, show(name) + ": " + why);
        continue;
      }
      svc.cookies.push_back(name);
      svc.cookie_seconds.push_back(lifetime);
    }
  }

  // A text the visitor reads: one string, or an object of language → string (see LocalText).
  void local_text_field(const Json& s, const std::string& at, const char* key, LocalText& out, std::size_t max) {
    const Json* v = field(s, key);
    if (!v) return;
    std::string path = at + "/" + key;
    if (v->is_string()) {
      string_value(*v, path, out.text, 1, max);
      return;
    }
    if (!v->is_object()) return error(path, std::string("must be a string or an object of language → text, not ") + type_name(*v));
    if (v->size() == 0) return error(path, "must give the text in at least one language");
    for (std::size_t k = 0; k < v->size(); ++k) {
      const std::string& lang = v->key(k);
      std::string where = path + "/" + pointer_token(lang), text;
      if (!is_language_tag(lang)) error(where, show(lang) + " is not a language tag such as \"en\" or \"pt-BR\"");
      else if (string_value((*v)[k], where, text, 1, max)) out.by_lang.emplace_back(lang, text);
    }
  }

  // "location": an ISO 3166 country code ("US"), a list of them, or free text (a string or per language).
  // A code is two capital letters; it must be one the locales name (country.<code> in config/locales).
  void location(const Json& s, const std::string& at, Service& svc) {
    const Json* v = field(s, "location");
    if (!v) return;
    if (v->is_string() && looks_like_country(v->str())) return country(v->str(), at + "/location", svc);
    if (!v->is_array()) return local_text_field(s, at, "location", svc.location, 100);
    if (v->size() == 0 || v->size() > limits::kCountriesPerService)
      return error(at + "/location", "must list 1 to " + std::to_string(limits::kCountriesPerService) + " country codes");
    for (std::size_t i = 0; i < v->size(); ++i) {
      std::string where = at + "/location/" + std::to_string(i), code;
      if (!string_value((*v)[i], where, code, 2, 2)) continue;
      country(code, where, svc);
    }
  }

  static bool looks_like_country(const std::string& s) {
    return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
  }

  void country(const std::string& code, const std::string& at, Service& svc) {
    if (!looks_like_country(code) || !is_text_key("country." + code))
      return error(at, show(code) + " is not a country code Assent names (ISO 3166 alpha-2 in capitals, e.g. \"US\"; "
                                    "the list is the country.* keys of config/locales/en.json); use free text for others");
    if (std::find(svc.countries.begin(), svc.countries.end(), code) == svc.countries.end()) svc.countries.push_back(code);
  }

 private:
  Policy& p_;
};

}  // namespace

void read_services(const Json& root, Policy& p, std::vector<PolicyError>& errors) { ServiceReader(p, errors).run(root); }

}  // namespace assent
