// The shared glob cases (tests/glob/vectors.json) against the engine's matcher; tests/shim/glob.test.mjs runs
// the same file against the shim's mirror, so the two cannot disagree. urlMatches is the shim's alone.
#include <catch2/catch.hpp>

#include "glob.hpp"
#include "test_support.hpp"

namespace {
using test::json;

// A string, or [[piece, count], …] concatenated (for long inputs); anything else is a broken case file.
bool expand(const json& v, std::string& out) {
  if (v.is_string()) return out = v.get<std::string>(), true;
  if (!v.is_array()) return false;
  out.clear();
  for (const auto& part : v) {
    if (!part.is_array() || part.size() != 2 || !part[0].is_string() || !part[1].is_number_unsigned()) return false;
    for (std::size_t i = 0; i < part[1].get<std::size_t>(); ++i) out += part[0].get<std::string>();
  }
  return true;
}

json field(const json& c, const char* key) { return c.is_object() && c.contains(key) ? c[key] : json(); }
}  // namespace

TEST_CASE("glob_match passes the shared glob vectors", "[glob]") {
  json file = test::read_json(test::repo("tests/glob/vectors.json"));
  REQUIRE(file.is_object());
  REQUIRE(file.contains("globMatch"));
  const json& cases = file["globMatch"];
  REQUIRE(cases.is_array());
  REQUIRE(cases.size() >= 30);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const json& c = cases[i];
    INFO("globMatch[" << i << "]: " << c.dump().substr(0, 160));
    std::string pattern, text;
    REQUIRE(expand(field(c, "pattern"), pattern));
    REQUIRE(expand(field(c, "text"), text));
    REQUIRE(field(c, "match").is_boolean());
    CHECK(assent::glob_match(pattern, text) == field(c, "match").get<bool>());
  }
}
