// The engine's small JSON value and writer (wasm/core/json_util.*) against nlohmann::basic_json, which the engine
// used before: the same parse (types, sorted members, errors) and byte-identical dumps, compact and indented.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "json_util.hpp"

namespace {
using nj = nlohmann::json;

std::string reference_dump(const nj& j, int indent) { return j.dump(indent, ' ', false, nj::error_handler_t::replace); }

// A JSON text round trip: parsed by both, dumped by both.
void same_dump(const std::string& text) {
  nj ref = nj::parse(text, nullptr, false);
  REQUIRE_FALSE(ref.is_discarded());
  assent::JsonParse ours = assent::parse_json(text, 1 << 20, 64);
  REQUIRE(ours.error.empty());
  for (int indent : {-1, 0, 2, 4}) CHECK(assent::dump(ours.value, indent) == reference_dump(ref, indent));
}
}  // namespace

TEST_CASE("json writer: the same bytes as basic_json::dump for parsed texts", "[json]") {
  for (const char* text : {
           "null", "true", "false", "0", "-0", "1", "-1", "18446744073709551615", "-9223372036854775808", "-0.0",
           "1.0", "30.0", "1e3", "-123456789012345.0", "[]", "{}", "[[]]", "{\"a\":{}}", "[1,[2,[3,{}]],{\"b\":[]}]",
           "{\"b\":1,\"a\":2,\"B\":3,\"\":4,\"aa\":5,\"\\u00e9\":6,\"z\":[true,null]}",
           "\"\\u0000\\u0001\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\\u007f\\u0080\\u00ff\\ud83d\\ude00\"",
           "{\"texts\":{\"de\":{\"x\":\"y\"}},\"list\":[\"a\",\"b\"]}"})
    same_dump(text);
}

// Fractions never appear in an engine output; they are written in exponent form, valid JSON close to the value.
TEST_CASE("json writer: a fraction or a huge number in exponent form", "[json]") {
  for (double d : {0.5, -0.125, 1e300, 1e15, 1.5e-7, 123456789.125, -2.2250738585072014e-308}) {
    std::string text = assent::dump(assent::Json(d));
    nj back = nj::parse(text, nullptr, false);
    REQUIRE(back.is_number_float());
    CHECK(std::abs(back.get<double>() - d) <= std::abs(d) * 1e-14);
  }
  CHECK(assent::dump(assent::Json(0.5)) == "5e-1");
  CHECK(assent::dump(assent::Json(1e15)) == "1e15");
}

TEST_CASE("json writer: invalid UTF-8 is replaced exactly as basic_json's error_handler_t::replace does", "[json]") {
  std::mt19937 rng(7);
  const std::string alphabet = std::string("a\"\\\x01\x7f", 5) + "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xc3\xe2\xf0\x80\xbf\xff\xc0\xed\xa0";
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (int n = rng() % 12; n-- > 0;) s += alphabet[rng() % alphabet.size()];
    CHECK(assent::dump(assent::Json(s)) == reference_dump(nj(s), -1));
  }
}

TEST_CASE("json value: objects keep their members sorted; [] adds, assignment replaces", "[json]") {
  assent::Json o = assent::make_object({{"b", 1}, {"a", "x"}});
  o["c"] = assent::Json::array();
  o["a"] = false;
  o["c"].push_back(std::string("s"));
  CHECK(assent::dump(o) == R"({"a":false,"b":1,"c":["s"]})");
  CHECK(o.find("b") != nullptr);
  CHECK(o.find("d") == nullptr);
  CHECK(assent::dump(assent::Json()) == "null");
}

TEST_CASE("json parse: repeated keys are reported in text order, the first 16, with their pointers", "[json]") {
  assent::JsonParse p = assent::parse_json(R"({"z":1,"a":{"q":1,"q":2},"z":2,"l":[{"k":0},{"k":1,"k":2}],"a":0})", 1000, 8);
  REQUIRE(p.duplicates.size() == 4);
  CHECK(p.duplicates[0].pointer == "/a/q");
  CHECK(p.duplicates[1].pointer == "/z");
  CHECK(p.duplicates[2].pointer == "/l/1/k");
  CHECK(p.duplicates[3].pointer == "/a");
  CHECK(p.error == "has a duplicate key \"q\" (at /a/q); each key may appear only once");
  CHECK(p.value.is_null());

  std::string many = "{";
  for (int i = 0; i < 40; ++i) many += std::string(i ? "," : "") + "\"k" + std::to_string(39 - i % 20) + "\":1";
  p = assent::parse_json(many + "}", 10000, 8);
  REQUIRE(p.duplicates.size() == 16);
  for (int i = 0; i < 16; ++i) CHECK(p.duplicates[static_cast<std::size_t>(i)].key == "k" + std::to_string(39 - i));
}
