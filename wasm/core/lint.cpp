#include "lint.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "error_words.hpp"
#include "language.hpp"
#include "limits.hpp"
#include "locales.hpp"

namespace assent {

namespace {
constexpr int kThirteenMonthsDays = 395;  // CNIL: trackers at most 13 months
constexpr std::size_t kMaxGlobPairs = 200000;  // keeps lint fast on the largest policies

std::string idx(std::size_t i) { return std::to_string(i); }

bool has_builtin_locale(const std::string& lang) {
  return builtin_texts(lang) || builtin_texts(lang.substr(0, lang.find('-')));
}

const std::string* policy_text(const Policy& p, const std::string& lang, const std::string& key) {
  const TextMap* t = p.texts_for(lang);
  if (!t) return nullptr;
  for (const auto& kv : *t)
    if (kv.first == key) return &kv.second;
  return nullptr;
}

// Sensible upper lengths (characters) for texts a visitor must read on a small screen.
std::size_t length_limit(const std::string& key) {
  if (key.find(".description") != std::string::npos || key.rfind("policy.", 0) == 0) return 600;
  if (key.find("Notice") != std::string::npos || key == "banner.doNotSell") return 240;
  if (key.find(".title") != std::string::npos || key.rfind("prefs.", 0) == 0) return 80;
  return 40;  // buttons and labels
}

// Each service text the cookie section shows must exist in every declared language: a single string is
// shown unchanged in all of them, a per-language object may lack one.
template <class Warn>
void untranslated(const Policy& p, const Service& s, const std::string& at, Warn& warn) {
  const std::pair<const char*, const LocalText*> fields[] = {
      {"name", &s.name}, {"purpose", &s.purpose}, {"retention", &s.retention}, {"location", &s.location}};
  for (const auto& [key, text] : fields) {
    if (text->empty()) continue;
    std::string where = at + "/" + key;
    bool location = std::string_view(key) == "location";
    // A name given once is taken as a proper name ("Google Analytics"), the same in every language.
    if (text->by_lang.empty()) {
      if (p.languages.size() > 1 && std::string_view(key) != "name")
        warn("untranslated", where, "service \"" + s.id + "\": " + key + " is one text, shown untranslated in every language",
             location ? "give ISO country codes such as \"US\" or [\"IE\", \"US\"]: their names are translated"
                      : std::string("give it per language, e.g. {\"") + p.languages[0] + "\": \"…\", \"" + p.languages[1] + "\": \"…\"}");
      continue;
    }
    for (const std::string& lang : p.languages)
      if (!has_translation(*text, lang))
        warn("untranslated", where, "service \"" + s.id + "\": " + key + " has no \"" + lang + "\" text; visitors reading " + lang +
                 " see another language", "add \"" + lang + "\" to " + key);
  }
}
}  // namespace

bool globs_overlap(const std::string& a, const std::string& b) {
  // can[i][j]: a[i..] and b[j..] match at least one common string. Filled from the ends.
  std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<char>> can(n + 1, std::vector<char>(m + 1, 0));
  can[n][m] = 1;
  for (std::size_t i = n + 1; i-- > 0;) {
    for (std::size_t j = m + 1; j-- > 0;) {
      if (i == n && j == m) continue;
      bool r = false;
      if (i < n && a[i] == '*') r = can[i + 1][j] || (j < m && can[i][j + 1]);
      if (!r && j < m && b[j] == '*') r = can[i][j + 1] || (i < n && can[i + 1][j]);
      if (!r && i < n && j < m && a[i] != '*' && b[j] != '*' && a[i] == b[j]) r = can[i + 1][j + 1];
      can[i][j] = r;
    }
  }
  return can[0][0];
}

bool looks_like_placeholder(const std::string& v) {
  std::string lower;
  for (char c : v) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  // A bracketed run of words: a placeholder when it is the whole value, or names what belongs there.
  auto enclosed = [&](char open, char close) {
    std::size_t a = lower.find(open);
    std::size_t b = a == std::string::npos ? a : lower.find(close, a + 1);
    if (b == std::string::npos || b == a + 1) return false;
    for (std::size_t i = a + 1; i < b; ++i) {
      char c = lower[i];
      if (!((c >= 'a' && c <= 'z') || c == ' ' || c == '_' || c == '-' || c == open)) return false;
    }
    if (a == 0 && b + 1 == lower.size()) return true;
    std::string inside = lower.substr(a, b - a);
    for (const char* hint : {"your", "name", "email", "address", "company", "site", "url"})
      if (inside.find(hint) != std::string::npos) return true;
    return false;
  };
  return enclosed('[', ']') || enclosed('{', '}') || enclosed('<', '>') || lower == "todo" || lower == "tbd";
}

// Text and accent against the background, per scheme the theme mode can show: a colour the policy left
// unset is the built-in one of that scheme (dark: theme.dark, then the top-level colour, then built-in).
template <class Warn>
static void lint_contrast(const Policy& p, Warn warn) {
  struct Scheme {
    const char* name;
    bool shown;
    const Palette &own, &fallback, &builtin;
    std::string own_at;
  };
  const ThemeStyle& t = p.theme_style;
  const Palette none;
  const Scheme schemes[] = {{"light", p.theme != "dark", t.light, none, kBuiltinLight, "/ui/theme"},
                            {"dark", p.theme != "light", t.dark, t.light, kBuiltinDark, "/ui/theme/dark"}};
  for (const Scheme& s : schemes) {
    if (!s.shown) continue;
    // The colour in force for one key, and where the policy set it ("" when built in).
    auto in_force = [&](std::string Palette::*key, const char* name) -> std::pair<std::string, std::string> {
      if (!(s.own.*key).empty()) return {s.own.*key, s.own_at + "/" + name};
      if (!(s.fallback.*key).empty()) return {s.fallback.*key, std::string("/ui/theme/") + name};
      return {s.builtin.*key, ""};
    };
    auto [bg, bg_at] = in_force(&Palette::background, "background");
    for (auto [key, name] : {std::pair{&Palette::text, "text"}, std::pair{&Palette::accent, "accent"}}) {
      auto [fg, fg_at] = in_force(key, name);
      double ratio = contrast_ratio(fg, bg);
      if (ratio >= 4.5 || (fg_at.empty() && bg_at.empty())) continue;
      char shown[16];
      std::snprintf(shown, sizeof shown, "%.2f", ratio);
      warn("theme-contrast", fg_at.empty() ? bg_at : fg_at,
           std::string(name) + " " + fg + " on background " + bg + " (" + s.name + " scheme) has a contrast of " + shown +
               ":1, below WCAG AA (4.5:1)",
           std::string("choose colours at least 4.5:1 apart") + (std::string(s.name) == "dark" ? ", or set ui.theme.dark for the dark scheme" : ""));
    }
  }
}

std::vector<LintWarning> lint_policy(const Policy& p) {
  std::vector<LintWarning> w;
  auto warn = [&](const char* rule, std::string path, std::string message, std::string fix) {
    w.push_back({rule, std::move(path), std::move(message), std::move(fix)});
  };

  // Fields copied from a template and never filled in would be published as is: an error, not a warning.
  for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"name", &p.site_name}, {"contact", &p.contact},
                                   {"policyUrl", &p.policy_url}})
    if (looks_like_placeholder(*value))
      w.push_back({"placeholder", std::string("/site/") + key, "site." + std::string(key) + " is still a placeholder: \"" + *value + "\"",
                   "replace it with the real value (visitors and your cookie section would show it)", true});

  if (p.policy_url.empty())
    warn("policy-url", "/site/policyUrl", "no privacy-policy URL: the banner cannot link to your cookie policy",
         "set site.policyUrl, e.g. \"/privacy\"");

  if (p.max_age_days_declared > limits::kMaxAgeDaysCap)
    warn("max-age-cap", "/storage/maxAgeDays",
         std::to_string(p.max_age_days_declared) + " days is above the 395-day cap (13 months); Assent uses 395",
         "set storage.maxAgeDays to 395 or less (182, about 6 months, is the CNIL recommendation)");

  for (std::size_t i = 0; i < p.categories.size(); ++i) {
    const Category& c = p.categories[i];
    bool used = std::any_of(p.services.begin(), p.services.end(), [&](const Service& s) { return s.category == c.id; });
    if (!c.required && !used)
      warn("unused-category", p.categories_defaulted ? "" : "/categories/" + idx(i),
           "category \"" + c.id + "\" has no services, yet visitors are asked about it",
           p.categories_defaulted ? "declare \"categories\" with only the ones you use (the default is all four built-ins)"
                                  : "remove the category, or declare the services that use it");
    // The built-in marketing description speaks of advertising partners: untrue when every marketing
    // service is the site's own, unless the policy words the category itself.
    bool own_texts = std::any_of(p.texts.begin(), p.texts.end(), [&](const auto& lang) {
      return std::any_of(lang.second.begin(), lang.second.end(), [&](const auto& kv) { return kv.first == "category." + c.id + ".description"; });
    });
    bool partners = std::any_of(p.services.begin(), p.services.end(), [&](const Service& s) { return s.category == c.id && s.vendor != p.site_name; });
    if (c.id == "marketing" && used && !partners && !own_texts)
      warn("default-claim", p.categories_defaulted ? "" : "/categories/" + idx(i),
           "the default description of \"marketing\" speaks of advertising partners, but every marketing service is run by " + p.site_name,
           "describe the category in texts.<lang>[\"category.marketing.description\"], or declare the partners' services");
    // Advertising by a third party is "sharing" under the CCPA; a site's own campaign cookie is not.
    bool third_party_ads = std::any_of(p.services.begin(), p.services.end(), [&](const Service& s) {
      bool ads = c.id == "marketing" || std::any_of(s.gcm.begin(), s.gcm.end(), [](const std::string& g) { return g.rfind("ad_", 0) == 0; });
      return s.category == c.id && ads && s.vendor != p.site_name;
    });
    if (!c.required && !c.sale_or_sharing && third_party_ads)
      warn("sale-or-sharing", p.categories_defaulted ? "" : "/categories/" + idx(i) + "/saleOrSharing",
           "category \"" + c.id + "\" holds third-party advertising but is not marked as sale/sharing, so GPC and \"Do Not Sell or "
           "Share\" will not turn it off in US states",
           p.sale_or_sharing == false
               ? "the policy also states that the site sells or shares nothing (site.saleOrSharing: false); third-party ad "
                 "cookies are \"sharing\" under the CCPA, so remove that statement and mark the category saleOrSharing"
               : "set \"saleOrSharing\": true on the category (third-party ad cookies are \"sharing\" under the CCPA)");
  }

  for (std::size_t i = 0; i < p.services.size(); ++i) {
    const Service& s = p.services[i];
    std::string at = "/services/" + idx(i);
    if (s.cookies.empty() && s.storage.empty() && s.scripts.empty())
      warn("service-empty", at, "service \"" + s.id + "\" declares no cookies, storage or scripts: nothing can be blocked or deleted for it",
           "list its cookies (names or globs) and its script URLs");
    if (s.purpose.empty())
      warn("service-purpose", at, "service \"" + s.id + "\" has no purpose: the cookie section cannot say what it is for",
           "add \"purpose\", in each of your languages");
    untranslated(p, s, at, warn);
    for (std::size_t k = 0; k < s.cookies.size(); ++k) {
      long long days = s.cookie_seconds[k] / 86400;
      if (days > kThirteenMonthsDays)
        warn("cookie-lifetime", at + "/cookies/" + idx(k),
             "cookie \"" + s.cookies[k] + "\" lives " + std::to_string(days) + " days, more than 13 months",
             "check the vendor's settings: CNIL and the EDPB expect at most 13 months (395 days)");
    }
  }

  // Overlapping cookie globs across services: revoking one service would delete the other's cookies.
  std::size_t pairs = 0;
  for (std::size_t i = 0; i < p.services.size() && pairs < kMaxGlobPairs; ++i)
    for (std::size_t j = i + 1; j < p.services.size() && pairs < kMaxGlobPairs; ++j)
      for (std::size_t a = 0; a < p.services[i].cookies.size(); ++a)
        for (std::size_t b = 0; b < p.services[j].cookies.size(); ++b, ++pairs)
          if (globs_overlap(p.services[i].cookies[a], p.services[j].cookies[b]))
            warn("cookie-overlap", "/services/" + idx(j) + "/cookies/" + idx(b),
                 "\"" + p.services[j].cookies[b] + "\" of \"" + p.services[j].id + "\" overlaps \"" + p.services[i].cookies[a] +
                     "\" of \"" + p.services[i].id + "\"",
                 "make the patterns specific to each service, or merge the services");

  for (std::size_t i = 0; i < p.languages.size(); ++i) {
    const std::string& lang = p.languages[i];
    std::size_t missing = 0;
    if (!has_builtin_locale(lang))
      for (std::size_t k = 0; k < kTextKeyCount; ++k)
        if (!policy_text(p, lang, kTextKeys[k].key)) ++missing;
    for (const Category& c : p.categories) {
      bool builtin = c.id == "essential" || c.id == "preference" || c.id == "analytics" || c.id == "marketing";
      if (builtin && has_builtin_locale(lang)) continue;
      for (const char* f : {"title", "description"})
        if (!policy_text(p, lang, "category." + c.id + "." + f) && !(builtin && has_builtin_locale(lang))) ++missing;
    }
    if (missing)
      warn("missing-texts", "/languages/" + idx(i),
           "language \"" + lang + "\" is missing " + std::to_string(missing) + " text(s); visitors would see English or ids",
           "add them under texts." + lang + " (keys as in config/locales/en.json, plus category.<id>.title/description)");
  }

  for (const auto& [lang, map] : p.texts)
    for (const auto& [key, text] : map)
      if (chars(text) > length_limit(key))
        warn("text-length", "/texts/" + lang + "/" + key,
             "\"" + key + "\" is " + std::to_string(chars(text)) + " characters; visitors skim banners",
             "keep it under " + std::to_string(length_limit(key)) + " characters");

  lint_contrast(p, warn);
  return w;
}

}  // namespace assent
