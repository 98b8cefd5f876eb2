// The generated cookie section: every built-in locale in every format, escaping per format, plural forms.
#include <catch2/catch.hpp>

#include <map>

#include "engine.hpp"
#include "language.hpp"
#include "locales.hpp"
#include "lint.hpp"
#include "policy_text.hpp"
#include "test_support.hpp"

namespace {
const char* kHostile = R"({"revision":"2026-11-01","site":{"name":"A <b>&</b> *site*","policyUrl":"/privacy","contact":"privacy@example.com"},
  "categories":[{"id":"essential","required":true},{"id":"marketing","saleOrSharing":true}],
  "services":[{"id":"x","category":"marketing","vendor":"Evil <script>alert(1)</script> | [Co](javascript:alert(1)) _inc_",
               "purpose":"Tracks | things *loudly*","cookies":[{"name":"_x","maxAgeDays":0},{"name":"_y*","maxAgeDays":730}],
               "location":"Mars & Venus"}]})";

// 2026-11-01 as each language writes it (from the languages' conventions, not from the engine).
const std::map<std::string, std::string> kRevision = {
    {"en", "1 November 2026"}, {"de", "1. November 2026"},   {"fr", "1 novembre 2026"}, {"es", "1 de noviembre de 2026"},
    {"it", "1 novembre 2026"}, {"nl", "1 november 2026"},    {"pl", "1 listopada 2026"}, {"pt", "1 de novembro de 2026"}};

// `text` holds `w` as a whole word or phrase ("anno" is not in "annonce").
bool has_word(const std::string& text, const std::string& w) {
  auto letter = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; };
  for (std::size_t at = text.find(w); at != std::string::npos; at = text.find(w, at + 1)) {
    bool before = at > 0 && letter(text[at - 1]), after = at + w.size() < text.size() && letter(text[at + w.size()]);
    if (!before && !after) return true;
  }
  return false;
}

std::string locale_text(const std::string& lang, const std::string& key) {
  test::json j = test::read_json(test::repo("config/locales/" + lang + ".json"));
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "<missing " + key + ">";
}
}  // namespace

TEST_CASE("every built-in locale renders a complete section in every format", "[policy-text]") {
  auto load = assent::parse_policy(test::read_text(test::repo("config/examples/saas-full.json")));
  REQUIRE(load.ok());
  for (std::size_t i = 0; i < assent::kBuiltinLocaleCount; ++i) {
    std::string lang = assent::kBuiltinLocales[i].lang;
    INFO(lang);
    std::string heading = locale_text(lang, "policy.heading");
    std::string settings = locale_text(lang, "settings.link");
    std::string md = assent::policy_text(load.policy, lang, "md");
    std::string html = assent::policy_text(load.policy, lang, "html");
    test::json doc = test::json::parse(assent::policy_text(load.policy, lang, "json"), nullptr, false);
    CHECK(md.find("## " + heading) == 0);
    CHECK(html.find("<h2>" + heading + "</h2>") != std::string::npos);
    CHECK(html.find("<a href=\"#assent-settings\" data-assent-open>" + settings + "</a>") != std::string::npos);
    CHECK(md.find("**") == std::string::npos);  // no bold text pointing at a control Markdown cannot hold
    REQUIRE(doc.is_object());
    CHECK(doc["language"] == lang);
    CHECK(doc["blocks"][0]["content"][0]["text"] == heading);
    for (const auto& s : load.policy.services) CHECK(md.find(s.vendor) != std::string::npos);
    CHECK(md.find(kRevision.at(lang)) != std::string::npos);  // the revision date in the language's words
    CHECK(md.find("2026-11-01") == std::string::npos);
    for (const char* placeholder : {"{site}", "{settings}", "{contact}", "{revision}", "{n}"})
      CHECK(md.find(placeholder) == std::string::npos);
  }
}

TEST_CASE("config text is escaped for each format", "[policy-text]") {
  auto load = assent::parse_policy(kHostile);
  REQUIRE(load.ok());
  std::string html = assent::policy_text(load.policy, "en", "html");
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("Evil &lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("A &lt;b&gt;&amp;&lt;/b&gt; *site*") != std::string::npos);
  CHECK(html.find("href=\"javascript") == std::string::npos);
  CHECK(html.find("<a href=\"mailto:privacy@example.com\">") != std::string::npos);

  std::string md = assent::policy_text(load.policy, "en", "md");
  CHECK(md.find("Evil \\<script\\>alert(1)\\</script\\> \\| \\[Co\\](javascript:alert(1)) \\_inc\\_") != std::string::npos);
  CHECK(md.find("Tracks \\| things \\*loudly\\*") != std::string::npos);
  CHECK(md.find("Mars \\& Venus") != std::string::npos);
  CHECK(md.find("[privacy@example.com](mailto:privacy@example.com)") != std::string::npos);

  test::json doc = test::json::parse(assent::policy_text(load.policy, "en", "json"), nullptr, false);
  bool found = false;
  for (const auto& b : doc["blocks"])
    if (b["type"] == "table") found = b["rows"][1][0].get<std::string>().find("<script>") != std::string::npos;  // [0]: the consent cookie
  CHECK(found);  // JSON keeps the raw text; the shim inserts it as DOM text
}

TEST_CASE("cookie lifetimes use each language's plural forms", "[policy-text]") {
  assent::TextMap t = {{"duration.session", "session"},  {"duration.day.one", "{n} d1"},  {"duration.day.few", "{n} dF"},
                       {"duration.day.many", "{n} dM"},   {"duration.day.other", "{n} dO"}, {"duration.month.one", "{n} m1"},
                       {"duration.month.few", "{n} mF"},  {"duration.month.many", "{n} mM"}, {"duration.month.other", "{n} mO"},
                       {"duration.year.one", "{n} y1"},   {"duration.year.few", "{n} yF"},  {"duration.year.many", "{n} yM"},
                       {"duration.year.other", "{n} yO"}};
  using assent::format_days;
  CHECK(format_days(0, t, "en") == "session");
  CHECK(format_days(1, t, "en") == "1 d1");
  CHECK(format_days(182, t, "en") == "182 dO");
  CHECK(format_days(390, t, "en") == "13 mO");
  CHECK(format_days(730, t, "en") == "2 yO");
  CHECK(format_days(365, t, "de") == "1 y1");
  CHECK(format_days(730, t, "pl") == "2 yF");
  CHECK(format_days(1825, t, "pl") == "5 yM");
  CHECK(format_days(22 * 365, t, "pl") == "22 yF");
  CHECK(format_days(12 * 365, t, "pl") == "12 yM");
  CHECK(format_days(0, t, "fr") == "session");
  CHECK(format_days(1, t, "fr") == "1 d1");
  assent::TextMap u = {{"duration.minute.one", "{n} min1"}, {"duration.minute.other", "{n} minO"}, {"duration.minute.few", "{n} minF"},
                       {"duration.minute.many", "{n} minM"}, {"duration.hour.one", "{n} h1"}, {"duration.hour.other", "{n} hO"},
                       {"duration.hour.few", "{n} hF"}, {"duration.hour.many", "{n} hM"}, {"duration.year.other", "{n} yO"},
                       {"duration.session", "session"}};
  using assent::format_seconds;
  CHECK(format_seconds(1800, u, "en") == "30 minO");
  CHECK(format_seconds(60, u, "en") == "1 min1");
  CHECK(format_seconds(61, u, "en") == "2 minO");  // rounded up: never understate
  CHECK(format_seconds(3600, u, "en") == "1 h1");
  CHECK(format_seconds(86399, u, "pl") == "24 hF");
  CHECK(format_seconds(2 * 365 * 86400LL, u, "en") == "2 yO");
  CHECK(format_seconds(0, u, "en") == "session");
}

TEST_CASE("every built-in locale has exactly the English keys and placeholders", "[locales]") {
  test::json en = test::read_json(test::repo("config/locales/en.json"));
  auto placeholders = [](const std::string& s) {
    std::vector<std::string> out;
    for (std::size_t a = s.find('{'); a != std::string::npos; a = s.find('{', a + 1)) {
      std::size_t b = s.find('}', a);
      if (b != std::string::npos) out.push_back(s.substr(a, b - a + 1));
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  for (const auto& f : test::json_files(test::repo("config/locales"))) {
    test::json loc = test::read_json(f);
    INFO(f.filename().string());
    REQUIRE(loc.size() == en.size());
    for (auto it = en.begin(); it != en.end(); ++it) {
      INFO(it.key());
      REQUIRE(loc.contains(it.key()));
      CHECK(placeholders(loc[it.key()].get<std::string>()) == placeholders(it.value().get<std::string>()));
      CHECK_FALSE(loc[it.key()].get<std::string>().empty());
    }
  }
}

TEST_CASE("each real site's cookie section names every vendor its own privacy text names", "[policy-text][examples]") {
  // tests/policy-text/sites.json lists, per site, the vendors named in the site's own privacy policy (read from
  // the text, with the quoted sentences in "_source"), not taken from the example policies.
  test::json sites = test::read_json(test::repo("tests/policy-text/sites.json"));
  REQUIRE(sites.is_object());
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  int checked = 0;
  for (auto it = sites.begin(); it != sites.end(); ++it) {
    if (it.key() == "_source") continue;
    auto load = assent::parse_policy(test::read_text(test::repo("config/examples/" + it.key() + ".json")));
    INFO(it.key());
    REQUIRE(load.ok());
    CHECK(assent::lint_policy(load.policy).empty());
    for (const char* lang : {"en", "de", "fr"}) {
      std::string md = lower(assent::policy_text(load.policy, lang, "md"));
      for (const auto& vendor : it.value()) {
        INFO(lang << ": " << vendor.get<std::string>());
        CHECK(md.find(lower(vendor.get<std::string>())) != std::string::npos);
        ++checked;
      }
    }
  }
  CHECK(checked >= 18);
}

TEST_CASE("the section lists Assent's own cookie, storage keys, countries and privacy links", "[policy-text]") {
  auto load = assent::parse_policy(R"({"revision":"r7","site":{"name":"Shop"},"storage":{"cookie":"shop_consent","maxAgeDays":365},
    "languages":["en","de"],
    "services":[{"id":"ph","category":"analytics","vendor":"PostHog Inc.","storage":["ph_*"],"location":["US","DE"],
                 "purpose":{"en":"Counts visits.","de":"Zählt Besuche."},"privacyUrl":"https://posthog.example/privacy"},
                {"id":"own","category":"essential","vendor":"Shop","purpose":{"en":"Keeps you signed in.","de":"Hält Sie angemeldet."},
                 "cookies":[{"name":"sid","maxAgeDays":0}]}]})");
  REQUIRE(load.ok());
  std::string en = assent::policy_text(load.policy, "en", "md");
  CHECK(en.find("| Shop | Stores your consent choice. | Essential | shop\\_consent (1 year) | This site (first party) |") != std::string::npos);
  CHECK(en.find("| PostHog Inc. | Counts visits. | Analytics | ph\\_\\* (browser storage) | United States, Germany |") != std::string::npos);
  CHECK(en.find("| Shop | Keeps you signed in. | Essential | sid (session) | This site (first party) |") != std::string::npos);
  CHECK(en.find("The providers' own privacy policies: [PostHog Inc.](https://posthog.example/privacy).") != std::string::npos);
  CHECK(en.find("with the “Cookie settings” link on this site") != std::string::npos);
  CHECK(en.find("Last updated: r7.") != std::string::npos);  // not an ISO date: as written
  std::string de = assent::policy_text(load.policy, "de", "md");
  CHECK(de.find("| PostHog Inc. | Zählt Besuche. | Statistik | ph\\_\\* (Browserspeicher) | Vereinigte Staaten, Deutschland |") != std::string::npos);
  CHECK(de.find("shop\\_consent (1 Jahr) | Diese Website (Erstanbieter) |") != std::string::npos);
  // The engine hands the storage keys to the shim, which clears them on withdrawal.
  test::json summary = test::json::parse(assent::load_json(load), nullptr, false);
  CHECK(summary["policy"]["services"][0]["storage"] == test::json::array({"ph_*"}));
}

TEST_CASE("every example's section is in the language asked for, with nothing unsaid", "[policy-text][examples]") {
  // For each declared language L: no text of another built-in locale that L's own texts do not also use (country
  // names, lifetime words, months, the section's phrases), no service text given for another language, and none
  // of the former "not specified" fill-ins.
  const char* const kUnsaid[] = {"not specified", "nicht angegeben", "non précisé", "sin especificar", "non specificato",
                                 "niet opgegeven", "nie określono", "não especificado"};
  auto words = [](const std::string& text) {  // "{n} minutes" → "minutes"; other placeholders: skip
    std::string w = text.rfind("{n} ", 0) == 0 ? text.substr(4) : text;
    return w.find('{') == std::string::npos && w.size() >= 4 ? w : std::string();
  };
  int checked = 0;
  for (const auto& f : test::json_files(test::repo("config/examples"))) {
    auto load = assent::parse_policy(test::read_text(f));
    REQUIRE(load.ok());
    for (const std::string& lang : load.policy.languages) {
      INFO(f.filename().string() << " --lang " << lang);
      std::string md = assent::policy_text(load.policy, lang, "md");
      // Proper names the policy gives (vendors, cookie names) are the same in every language: not checked.
      auto erase = [&](std::string name) {
        std::string escaped;
        for (char c : name) escaped += (c == '_' || c == '*') ? std::string("\\") + c : std::string(1, c);
        for (const std::string& n : {name, escaped})
          for (std::size_t at = md.find(n); !n.empty() && at != std::string::npos; at = md.find(n)) md.replace(at, n.size(), " ");
      };
      for (const auto& s : load.policy.services) {
        erase(s.vendor);
        if (s.name.by_lang.empty()) erase(s.name.text);
        for (const auto& c : s.cookies) erase(c);
        for (const auto& k : s.storage) erase(k);
      }
      for (const char* unsaid : kUnsaid) CHECK(md.find(unsaid) == std::string::npos);
      test::json own = test::read_json(test::repo("config/locales/" + lang + ".json"));
      std::string own_texts;
      for (auto it = own.begin(); it != own.end(); ++it) own_texts += it.value().get<std::string>() + "\n";
      for (std::size_t i = 0; i < assent::kBuiltinLocaleCount; ++i) {
        std::string other = assent::kBuiltinLocales[i].lang;
        if (other == lang) continue;
        test::json loc = test::read_json(test::repo("config/locales/" + other + ".json"));
        for (auto it = loc.begin(); it != loc.end(); ++it) {
          std::string w = words(it.value().get<std::string>());
          if (w.empty() || own_texts.find(w) != std::string::npos) continue;
          INFO(other << " " << it.key() << ": " << w);
          CHECK_FALSE(has_word(md, w));
          ++checked;
        }
      }
      for (const auto& s : load.policy.services)
        for (const assent::LocalText* t : {&s.name, &s.purpose, &s.retention, &s.location})
          for (const auto& [l, text] : t->by_lang)
            if (!assent::same_tag(l, lang) && text != assent::local_text(*t, lang)) CHECK(md.find(text) == std::string::npos);
    }
  }
  CHECK(checked > 1000);
}

TEST_CASE("site.saleOrSharing false puts the no-sale statement in the section, in each language", "[policy-text]") {
  // Issue 15 item 5: the statement is the policy's, printed only when the site makes it (CCPA §1798.120's terms).
  const char* kCategories = R"("categories":[{"id":"essential","required":true},{"id":"analytics"},{"id":"marketing","saleOrSharing":false}])";
  auto with = assent::parse_policy(std::string(R"({"revision":"1","site":{"name":"Shop","saleOrSharing":false},"languages":["en","de"],)") + kCategories + "}");
  auto without = assent::parse_policy(std::string(R"({"revision":"1","site":{"name":"Shop"},"languages":["en","de"],)") + kCategories + "}");
  REQUIRE(with.ok());
  REQUIRE(without.ok());
  const std::string en = "We do not sell or share your personal information";
  const std::string de = "Wir verkaufen Ihre personenbezogenen Daten nicht und geben sie nicht weiter";
  for (const char* format : {"md", "html", "json"}) {
    INFO(format);
    CHECK(assent::policy_text(with.policy, "en", format).find(en) != std::string::npos);
    CHECK(assent::policy_text(with.policy, "de", format).find(de) != std::string::npos);
    CHECK(assent::policy_text(without.policy, "en", format).find(en) == std::string::npos);
    CHECK(assent::policy_text(without.policy, "en", format).find("Do Not Sell") == std::string::npos);
  }
  // A site that does sell keeps the opt-out paragraph and makes no statement.
  auto sells = assent::parse_policy(R"({"revision":"1","site":{"name":"Shop","saleOrSharing":true}})");
  REQUIRE(sells.ok());
  std::string md = assent::policy_text(sells.policy, "en", "md");
  CHECK(md.find(en) == std::string::npos);
  CHECK(md.find("Do Not Sell or Share My Personal Information") != std::string::npos);
}
