// Runs every golden vector in tests/vectors/ through the same JSON API the wasm build exposes, and
// writes each raw result to <build>/vector-results/ so the Node runner can prove wasm == native.
#include <catch2/catch.hpp>

#include "engine.hpp"
#include "test_support.hpp"

namespace {
using test::json;

struct Outcome {
  std::string error, output;
};

std::string load_policy(const std::string& name, assent::PolicyLoad& load) {
  load = assent::parse_policy(test::read_text(test::repo("tests/vectors/policies/" + name)));
  if (load.ok()) return "";
  return "policy " + name + " invalid: " + load.errors.front().path + ": " + load.errors.front().message;
}

Outcome run_vector(const json& v) {
  Outcome out;
  assent::PolicyLoad policy;
  if (!v.contains("policy") || !v["policy"].is_string()) return {"vector has no policy", ""};
  if (std::string e = load_policy(v["policy"].get<std::string>(), policy); !e.empty()) return {e, ""};
  json context = v.value("context", json::object());
  if (v.contains("setup")) {
    const json& s = v["setup"];
    assent::PolicyLoad setup_policy;
    std::string name = s.contains("policy") ? s["policy"].get<std::string>() : v["policy"].get<std::string>();
    if (std::string e = load_policy(name, setup_policy); !e.empty()) return {e, ""};
    json r = json::parse(assent::choose_json(setup_policy.policy, s["context"].dump(), s["action"].dump()), nullptr, false);
    if (!r.contains("record")) return {"setup failed: " + r.dump(), ""};
    context["record"] = r["record"];
  }
  out.output = v.contains("action") ? assent::choose_json(policy.policy, context.dump(), v["action"].dump())
                                    : assent::decide_json(policy.policy, context.dump());
  return out;
}
}  // namespace

TEST_CASE("golden vectors (native)", "[vectors]") {
  auto files = test::json_files(test::repo("tests/vectors"));
  REQUIRE(files.size() >= 40);
  test::fs::path results = test::fs::current_path() / "vector-results";
  test::fs::create_directories(results);
  for (const auto& f : files) {
    json v = test::read_json(f);
    std::string name = f.filename().string();
    INFO(name << ": " << v.value("name", std::string()));
    REQUIRE(v.is_object());
    Outcome o = run_vector(v);
    REQUIRE(o.error == "");
    std::ofstream(results / name, std::ios::binary) << o.output;
    json actual = json::parse(o.output, nullptr, false);
    // Expectations on texts and service words are met by words(decision.language), as a banner gets them.
    assent::PolicyLoad policy;
    REQUIRE(load_policy(v["policy"].get<std::string>(), policy) == "");
    json* decision = v.contains("action") ? (actual.contains("decision") ? &actual["decision"] : nullptr) : &actual;
    if (decision && decision->contains("language")) {  // not an {"error":…}
      CHECK_FALSE(decision->contains("texts"));
      for (const auto& s : (*decision)["services"]) CHECK(s.size() == 3);  // id, category, granted
      std::string language = (*decision)["language"].get<std::string>();
      *decision = test::with_words(*decision, json::parse(assent::words_json(policy.policy, language), nullptr, false));
    }
    CHECK(test::mismatch(v["expect"], actual, "", v.contains("action")) == "");
  }
}
