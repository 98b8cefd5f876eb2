// What every target shares: the loud failure, the fixed policies, JSON output checks.
#include <cstdio>
#include <cstdlib>

#include "targets.hpp"

namespace assent_fuzz {

void fail(const char* target, const std::string& what, std::string_view input) {
  std::string shown;
  for (unsigned char c : input.substr(0, 300)) {
    if (c >= 0x20 && c < 0x7f && c != '\\') shown += static_cast<char>(c);
    else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      shown += buf;
    }
  }
  std::fprintf(stderr, "\n%s: property violated: %s\n  input (%zu bytes): %s%s\n", target, what.c_str(),
               input.size(), shown.c_str(), input.size() > 300 ? "…" : "");
  std::abort();
}

namespace {
const assent::Policy& load(const char* name, const char* text) {
  static_cast<void>(name);
  assent::PolicyLoad* load = new assent::PolicyLoad(assent::parse_policy(text));  // lives for the process
  if (!load->ok()) fail(name, "fixed policy is invalid: " + load->errors.front().path + " " + load->errors.front().message, text);
  return load->policy;
}
}  // namespace

const assent::Policy& rich_policy() {
  static const assent::Policy& p = load("rich_policy", R"json({
    "revision": "fuzz-rich-1",
    "site": {"name": "Fuzz <Shop> & Co", "policyUrl": "https://example.com/privacy", "contact": "privacy@example.com"},
    "storage": {"cookie": "consent", "domain": ".example.com", "maxAgeDays": 200},
    "categories": [
      {"id": "essential", "required": true},
      {"id": "preference"},
      {"id": "analytics"},
      {"id": "marketing", "saleOrSharing": true},
      {"id": "social", "gcm": ["ad_user_data"]}
    ],
    "services": [
      {"id": "ga", "category": "analytics", "vendor": "Google LLC", "cookies": ["_ga", "_ga_*", {"name": "_gid", "maxAgeDays": 1}],
       "scripts": ["*.google-analytics.com/*"], "gcm": ["analytics_storage"], "purpose": {"en": "Statistics", "de": "Statistik"}},
      {"id": "pixel", "category": "marketing", "vendor": "Meta", "cookies": [{"name": "_fbp", "maxAgeSeconds": 7776000}]},
      {"id": "video", "category": "social", "vendor": "Video Inc.", "purpose": "Embedded videos", "privacyUrl": "/video-privacy"},
      {"id": "chat", "category": "preference", "vendor": "Chat Ltd", "cookies": ["chat-*"], "retention": "1 year"}
    ],
    "regions": {"fallback": "opt-in", "overrides": {"US-TX": "opt-in", "JP": "opt-out", "BR": "none"}, "gbStatisticsException": true},
    "signals": {"honorDnt": true},
    "languages": ["en", "de", "pt-BR"],
    "texts": {"de": {"banner.title": "Cookies?"}, "pt-BR": {"category.social.title": "Social"}},
    "ui": {"layout": "bar", "position": "bottom", "theme": "dark", "reloadOnRevoke": true}
  })json");
  return p;
}

const assent::Policy& opt_out_policy() {
  static const assent::Policy& p = load("opt_out_policy", R"json({
    "revision": "fuzz-opt-out-7",
    "site": {"name": "Opt-out site"},
    "categories": [{"id": "essential", "required": true}, {"id": "analytics"}, {"id": "ads", "saleOrSharing": true, "gcm": ["ad_storage"]}],
    "services": [{"id": "adnet", "category": "ads", "vendor": "Ad Network", "cookies": ["ad_*"]}],
    "regions": {"fallback": "opt-out"},
    "languages": ["fr"]
  })json");
  return p;
}

nlohmann::json must_parse(const char* target, const std::string& output, std::string_view input) {
  nlohmann::json j = nlohmann::json::parse(output, nullptr, false);
  if (j.is_discarded() || !j.is_object()) fail(target, "engine output is not a JSON object: " + output.substr(0, 200), input);
  return j;
}

}  // namespace assent_fuzz
