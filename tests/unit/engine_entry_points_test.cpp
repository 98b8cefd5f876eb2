// The engine's small entry points and constants: language() agrees with the golden vectors' languages, and
// the decision's buttons and the choice types agree with the lists the shim is generated from.
#include <catch2/catch.hpp>

#include "choice.hpp"
#include "engine.hpp"
#include "language.hpp"
#include "test_support.hpp"

namespace {
using test::json;

bool in_button_ids(const std::string& id) {
  for (const char* b : assent::kButtonIds)
    if (id == b) return true;
  return false;
}
}  // namespace

TEST_CASE("language() picks the language every decide() vector expects", "[language]") {
  int checked = 0;
  for (const auto& f : test::json_files(test::repo("tests/vectors"))) {
    json v = test::read_json(f);
    if (!v.is_object() || v.contains("action") || v.contains("setup") || !v["expect"].contains("language")) continue;
    INFO(f.filename().string());
    assent::PolicyLoad load = assent::parse_policy(test::read_text(test::repo("tests/vectors/policies/" + v["policy"].get<std::string>())));
    REQUIRE(load.ok());
    json got = json::parse(assent::language_json(load.policy, v.value("context", json::object()).dump()), nullptr, false);
    CHECK(got == json{{"language", v["expect"]["language"]}});
    ++checked;
  }
  CHECK(checked >= 14);  // the lang-* vectors alone are 14
}

TEST_CASE("language() refuses a bad context like decide()", "[language]") {
  assent::PolicyLoad load = assent::parse_policy(R"({"revision":"1","site":{"name":"S"}})");
  REQUIRE(load.ok());
  json got = json::parse(assent::language_json(load.policy, R"({"languages":"de"})"), nullptr, false);
  CHECK(got["error"]["code"] == "bad-context");
  CHECK(got["error"]["message"].get<std::string>().find("context.languages") != std::string::npos);
}

TEST_CASE("every banner button is a listed button id, and every button but preferences is a choice type", "[constants]") {
  assent::PolicyLoad load = assent::parse_policy(R"({"revision":"1","site":{"name":"S"},"regions":{"overrides":{"AU":"none"}}})");
  REQUIRE(load.ok());
  int seen = 0;
  for (const char* region : {"DE", "US-CA", "JP", "AU"}) {
    assent::Context ctx;
    ctx.region = region;
    for (const char* b : assent::decide(load.policy, ctx).buttons) {
      CHECK(in_button_ids(b));
      ++seen;
    }
  }
  CHECK(seen == 3 + 3 + 2 + 0);
  for (const char* b : assent::kButtonIds) {
    assent::ChoiceType type;
    CHECK((std::string(b) == "preferences" || assent::parse_choice_type(b, type)));
  }
}

TEST_CASE("words(): texts and service words for a policy language; another is negotiated as decide() does", "[words]") {
  assent::PolicyLoad load = assent::parse_policy(test::read_text(test::repo("tests/vectors/policies/texts.json")));
  REQUIRE(load.ok());
  const assent::Policy& p = load.policy;
  for (const char* lang : {"de", "de-AT", "DE", "pt-PT", "ja", ""}) {
    INFO(lang);
    json w = json::parse(assent::words_json(p, lang), nullptr, false);
    json d = json::parse(assent::decide_json(p, json{{"languages", {lang}}, {"now", 1795000000}}.dump()), nullptr, false);
    CHECK(w["language"] == d["language"]);  // the language decide() picks for a visitor accepting only `lang`
    CHECK_FALSE(d.contains("texts"));
    REQUIRE(w["services"].size() == p.services.size());
    for (std::size_t i = 0; i < p.services.size(); ++i) {
      CHECK(w["services"][i]["id"] == p.services[i].id);
      CHECK(w["services"][i]["vendor"] == p.services[i].vendor);
      CHECK(d["services"][i].size() == 3);
    }
    std::string language = w["language"].get<std::string>();
    for (const auto& [k, v] : assent::resolve_texts(p, language)) CHECK(w["texts"][k] == v);
  }
  CHECK(json::parse(assent::words_json(p, "de"), nullptr, false)["texts"]["banner.title"] == "Cookies bei Example SaaS");
  CHECK(json::parse(assent::words_json(p, "x\xff"), nullptr, false)["language"] == p.languages.front());
  CHECK(assent::words_json(p, "de", 2).find("\n  \"language\": \"de\",\n") != std::string::npos);
}
