// Policy validation: examples are accepted, every broken policy is rejected at the path the schema set
// names, limits produce clear errors, and no input crashes the parser.
#include <catch2/catch.hpp>

#include "limits.hpp"
#include "policy.hpp"
#include "test_support.hpp"

namespace {
std::string paths(const assent::PolicyLoad& l) {
  std::string out;
  for (const auto& e : l.errors) out += e.path + ": " + e.message + "\n";
  return out;
}
bool has_error_at(const assent::PolicyLoad& l, const std::string& path) {
  for (const auto& e : l.errors)
    if (e.path == path) return true;
  return false;
}
const char* kMinimal = R"({"revision":"1","site":{"name":"S"}})";
}  // namespace

TEST_CASE("every example and vector policy is valid", "[policy]") {
  auto files = test::json_files(test::repo("config/examples"));
  auto more = test::json_files(test::repo("tests/vectors/policies"));
  files.insert(files.end(), more.begin(), more.end());
  REQUIRE(files.size() >= 2);
  for (const auto& f : files) {
    INFO(f.string());
    auto load = assent::parse_policy(test::read_text(f));
    CHECK(paths(load) == "");
  }
}

TEST_CASE("every broken policy is rejected at the expected path", "[policy]") {
  auto files = test::json_files(test::repo("tests/schema/broken"));
  REQUIRE(files.size() >= 15);
  for (const auto& f : files) {
    test::json doc = test::read_json(f);
    std::string expect = doc["expectPath"].get<std::string>();
    auto load = assent::parse_policy(doc["policy"].dump());
    INFO(f.filename().string() << " → " << paths(load));
    CHECK_FALSE(load.ok());
    CHECK(has_error_at(load, expect));
  }
}

TEST_CASE("errors name the value and collect all problems", "[policy]") {
  auto load = assent::parse_policy(R"({"revision":"1","site":{"name":"S"},"categorys":[],
    "services":[{"id":"ga","category":"analitics","vendor":"G"},{"id":"x","category":"marketing","vendor":"V","cookies":["**"]}]})");
  REQUIRE(load.errors.size() == 3);
  CHECK(load.errors[0].path == "/categorys");
  CHECK(load.errors[0].message == R"(unknown key "categorys"; did you mean "categories"?)");
  CHECK(load.errors[1].path == "/services/0/category");
  CHECK(load.errors[1].message.find(R"(unknown category "analitics"; did you mean "analytics"?)") == 0);
  CHECK(load.errors[2].path == "/services/1/cookies/0");
}

// SPEC §Validation: errors in the order of the text, a check across parts of the policy at the value it names.
TEST_CASE("errors come in the order of the text, wherever the categories are", "[policy]") {
  auto load = assent::parse_policy(R"({"services":[{"id":"ga","category":"stats","vendor":"G","gcm":["ads"]},
    {"id":"x","vendor":"V"}],"site":{"name":"S","saleOrSharing":false},"revision":"1",
    "texts":{"fr":{"banner.title":"T"}},"categories":[{"id":"essential","required":true},{"id":"marketing","saleOrSharing":true}],
    "ui":{"layout":"side"}})");
  std::vector<std::string> got;
  for (const auto& e : load.errors) got.push_back(e.path);
  INFO(paths(load));
  CHECK(got == std::vector<std::string>{"/services/0/category", "/services/0/gcm/0", "/services/1/category",
                                        "/site/saleOrSharing", "/texts/fr", "/ui/layout"});
}

TEST_CASE("the order of keys changes neither validity nor the model", "[policy]") {
  auto forward = assent::parse_policy(R"({"revision":"1","site":{"name":"S"},"languages":["de","en"],
    "categories":[{"id":"essential"},{"id":"stats","gcm":["analytics_storage"]}],
    "services":[{"id":"m","category":"stats","vendor":"M","name":{"en":"Metrics","de":"Metrik"},
                 "cookies":[{"maxAgeDays":30,"name":"_m"}]}],"texts":{"de":{"category.stats.title":"Statistik"}}})");
  auto backward = assent::parse_policy(R"({"texts":{"de":{"category.stats.title":"Statistik"}},
    "services":[{"cookies":[{"name":"_m","maxAgeDays":30}],"name":{"de":"Metrik","en":"Metrics"},"vendor":"M",
                 "category":"stats","id":"m"}],"categories":[{"gcm":["analytics_storage"],"id":"essential"},{"id":"stats"}],
    "languages":["de","en"],"site":{"name":"S"},"revision":"1"})");
  REQUIRE(forward.ok());
  REQUIRE(backward.ok());
  const auto& s = backward.policy.services.at(0);
  CHECK(s.name.text == "Metrik");  // the policy's first language, whichever text came first
  CHECK(s.cookie_seconds == std::vector<long long>{30 * 86400});
  CHECK(backward.policy.texts_for("de")->at(0).second == "Statistik");
  CHECK(forward.policy.services.at(0).name.text == s.name.text);
}

TEST_CASE("a check made after the text is read still counts toward the limit of listed errors", "[policy][limits]") {
  // 150 services with an unknown category (found once the text is read), then one more error at the end.
  std::string services;
  for (int i = 0; i < 150; ++i) services += std::string(i ? "," : "") + R"({"id":"s)" + std::to_string(i) + R"(","category":"nope","vendor":"V"})";
  auto load = assent::parse_policy(R"({"revision":"1","site":{"name":"S"},"services":[)" + services + R"(],"ui":{"layout":"side"}})");
  REQUIRE(load.errors.size() == assent::limits::kErrors + 1);
  CHECK(load.errors.front().path == "/services/0/category");
  CHECK(load.errors[assent::limits::kErrors - 1].path == "/services/99/category");
  CHECK(load.errors.back().message == "more errors follow; fix these first");
}

TEST_CASE("defaults fill a minimal policy", "[policy]") {
  auto load = assent::parse_policy(kMinimal);
  REQUIRE(load.ok());
  const auto& p = load.policy;
  CHECK(p.categories.size() == 4);
  CHECK(p.category("essential")->required);
  CHECK(p.category("marketing")->sale_or_sharing);
  CHECK(p.max_age_days == 182);
  CHECK(p.fallback == assent::Model::OptIn);
  CHECK(p.languages == std::vector<std::string>{"en"});
  CHECK(p.cookie_name == "assent");
}

TEST_CASE("size and depth limits are enforced with clear errors", "[policy][limits]") {
  std::string big = std::string(R"({"revision":"1","site":{"name":")") + std::string(assent::limits::kPolicyBytes, 'a') + "\"}}";
  auto load = assent::parse_policy(big);
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].message.find("the limit is 262144") != std::string::npos);

  std::string deep = std::string(40, '[') + std::string(40, ']');
  load = assent::parse_policy(deep);
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].message.find("nested deeper than 32") != std::string::npos);

  std::string cats = R"({"revision":"1","site":{"name":"S"},"categories":[{"id":"essential","required":true})";
  for (int i = 0; i < 64; ++i) cats += R"(,{"id":"c)" + std::to_string(i) + "\"}";
  load = assent::parse_policy(cats + "]}");
  CHECK(has_error_at(load, "/categories"));
}

TEST_CASE("broken JSON reports line and column", "[policy]") {
  auto load = assent::parse_policy("{\n  \"revision\": \"1\",\n  \"site\": {\"name\": \"S\",}\n}");
  REQUIRE(load.errors.size() == 1);
  CHECK(load.errors[0].path == "");
  CHECK(load.errors[0].message.find("line 3") != std::string::npos);
}

TEST_CASE("hostile and random inputs never crash the parser", "[policy][robust]") {
  const char* samples[] = {"", "null", "[]", "\"x\"", "{", "{\"revision\":", "\xff\xfe", "{\"revision\":\"\xc3\x28\"}",
                           "{\"site\":{\"name\":1e999}}", "{\"services\":[null,1,\"a\",[],{}]}",
                           "{\"texts\":{\"en\":{\"banner.title\":[]}}}", "{\"regions\":{\"overrides\":{\"\":1}}}"};
  for (const char* s : samples) {
    auto load = assent::parse_policy(s);
    CHECK_FALSE(load.ok());
  }
  // Mutate a valid policy byte by byte: every result is either valid or a list of errors, never a crash.
  std::string base = test::read_text(test::repo("config/examples/saas-full.json"));
  std::uint32_t seed = 12345;
  for (int i = 0; i < 3000; ++i) {
    std::string m = base;
    for (int k = 0; k < 3; ++k) {
      seed = seed * 1103515245u + 12345u;
      std::size_t at = (seed >> 8) % m.size();
      m[at] = static_cast<char>(seed >> 24);
    }
    auto load = assent::parse_policy(m);
    for (const auto& e : load.errors) CHECK_FALSE(e.message.empty());
  }
}

// The placeholders a text may use are the ones its key fills (those of config/locales/en.json for that key);
// any other {word} would reach visitors verbatim, so validation refuses it and names the ones that work.
TEST_CASE("text overrides: a placeholder the key does not fill is refused; documented ones and literal braces pass", "[policy][texts]") {
  auto with_texts = [](const std::string& texts) {
    return assent::parse_policy(R"({"revision":"1","site":{"name":"S"},"texts":{"en":)" + texts + "}}");
  };
  auto ok = with_texts(R"x({"placeholder.load":"Play {name} ({vendor})","placeholder.text":"From {vendor}",
    "policy.intro":"{site} uses cookies {like this} and {}","banner.title":"Cookies {1}"})x");
  CHECK(paths(ok) == "");

  auto typo = with_texts(R"({"placeholder.text":"Provided by {vendr}."})");
  REQUIRE(typo.errors.size() == 1);
  CHECK(typo.errors[0].path == "/texts/en/placeholder.text");
  CHECK(typo.errors[0].message == "unknown placeholder {vendr}; this text can use {name}, {vendor}");

  auto elsewhere = with_texts(R"({"banner.title":"Cookies at {site}"})");
  REQUIRE(elsewhere.errors.size() == 1);
  CHECK(elsewhere.errors[0].message == "unknown placeholder {site}; this text has none");

  auto category = assent::parse_policy(R"({"revision":"1","site":{"name":"S"},
    "texts":{"en":{"category.analytics.title":"Stats for {vendor}"}}})");
  REQUIRE(category.errors.size() == 1);
  CHECK(category.errors[0].path == "/texts/en/category.analytics.title");
}
