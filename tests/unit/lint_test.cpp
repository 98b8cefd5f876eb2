// Lint: every rule fires on its crafted policy (tests/lint/<rule>.json) at the expected path and nothing
// else fires there; the examples are clean.
#include <algorithm>

#include <catch2/catch.hpp>

#include "lint.hpp"
#include "test_support.hpp"

TEST_CASE("each lint rule fires on its crafted policy, alone", "[lint]") {
  auto files = test::json_files(test::repo("tests/lint"));
  REQUIRE(files.size() >= 9);
  for (const auto& f : files) {
    test::json doc = test::read_json(f);
    auto load = assent::parse_policy(doc["policy"].dump());
    INFO(f.filename().string());
    REQUIRE(load.ok());
    auto warnings = assent::lint_policy(load.policy);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].rule == doc["rule"].get<std::string>());
    CHECK(warnings[0].path == doc["expectPath"].get<std::string>());
    CHECK_FALSE(warnings[0].fix.empty());
  }
}

TEST_CASE("examples are lint-clean", "[lint]") {
  for (const auto& f : test::json_files(test::repo("config/examples"))) {
    auto load = assent::parse_policy(test::read_text(f));
    INFO(f.filename().string());
    REQUIRE(load.ok());
    std::string found;
    for (const auto& w : assent::lint_policy(load.policy)) found += w.rule + " " + w.path + ": " + w.message + "\n";
    CHECK(found == "");
  }
}

TEST_CASE("maxAgeDays above the cap is capped, not rejected", "[lint][policy]") {
  auto load = assent::parse_policy(R"({"revision":"1","site":{"name":"S"},"storage":{"maxAgeDays":400}})");
  REQUIRE(load.ok());
  CHECK(load.policy.max_age_days == 395);
}

TEST_CASE("glob overlap", "[lint]") {
  using assent::globs_overlap;
  CHECK(globs_overlap("_ga", "_ga"));
  CHECK(globs_overlap("_ga*", "_g*"));
  CHECK(globs_overlap("_ga_*", "*_ABC"));
  CHECK(globs_overlap("a*c", "ab*"));
  CHECK_FALSE(globs_overlap("_ga", "_gid"));
  CHECK_FALSE(globs_overlap("_ga_*", "_gid*"));
  CHECK_FALSE(globs_overlap("a*b", "c*"));
  CHECK_FALSE(globs_overlap("intercom-*", "hubspotutk"));
}

TEST_CASE("placeholders left in site fields are recognised; real values are not", "[lint]") {
  for (const char* v : {"[Your Email Address]", "{siteName}", "{{site}}", "<your email>", "TODO", "tbd", "[Company Name]"}) {
    INFO(v);
    CHECK(assent::looks_like_placeholder(v));
  }
  for (const char* v : {"Northwind Studio", "privacy@northwind.example", "Support <privacy@x.example>", "/privacy",
                        "https://example.com/legal", "Acme [beta]x", "", "Your Pet Shop"}) {
    INFO(v);
    CHECK_FALSE(assent::looks_like_placeholder(v));
  }
}

TEST_CASE("untranslated: a shown service text given once for several languages, or missing one", "[lint]") {
  auto rules_at = [](const char* policy) {
    auto load = assent::parse_policy(policy);
    REQUIRE(load.ok());
    std::string out;
    for (const auto& w : assent::lint_policy(load.policy)) out += w.rule + " " + w.path + "\n";
    return out;
  };
  // Two languages: a purpose and a free-text location given once are untranslated; a name given once is a
  // proper name; country codes are named by the locales.
  CHECK(rules_at(R"({"revision":"1","site":{"name":"S","policyUrl":"/p"},"languages":["en","de"],
      "categories":[{"id":"essential","required":true}],
      "services":[{"id":"a","category":"essential","vendor":"V","name":"Vee","purpose":"Runs it.","location":"Mars",
                   "cookies":["a"]},
                  {"id":"b","category":"essential","vendor":"V","purpose":{"de":"Läuft."},"location":["US"],"cookies":["b"]}]})") ==
        "untranslated /services/0/purpose\nuntranslated /services/0/location\nuntranslated /services/1/purpose\n");
  // One language: a single text is that language.
  CHECK(rules_at(R"({"revision":"1","site":{"name":"S","policyUrl":"/p"},"categories":[{"id":"essential","required":true}],
      "services":[{"id":"a","category":"essential","vendor":"V","purpose":"Runs it.","location":"Mars","cookies":["a"]}]})") == "");
}

TEST_CASE("third-party ads beside a no-sale statement: the fix names the statement", "[lint]") {
  auto load = assent::parse_policy(R"({"revision":"1","site":{"name":"Shop","saleOrSharing":false},
    "categories":[{"id":"essential","required":true},{"id":"marketing","saleOrSharing":false}],
    "services":[{"id":"px","category":"marketing","vendor":"Meta","purpose":"Ads.","cookies":["_fbp"]}]})");
  REQUIRE(load.ok());
  auto warnings = assent::lint_policy(load.policy);
  auto sale = std::find_if(warnings.begin(), warnings.end(), [](const auto& w) { return w.rule == "sale-or-sharing"; });
  REQUIRE(sale != warnings.end());
  CHECK(sale->fix.find("site.saleOrSharing: false") != std::string::npos);
}
