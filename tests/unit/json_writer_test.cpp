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

namespace {
// The engine's former duplicate-key finder (a basic_json DOM, each key looked up in its object as it is read):
// the reference for the reports of the new one, which finds repeated keys when their object closes.
struct ReferenceDuplicates {
  using Dom = nlohmann::detail::json_sax_dom_parser<nj>;
  using string_t = nj::string_t;
  using binary_t = nj::binary_t;
  struct Open {
    nj* node;
    std::string at;
  };
  nj& root;
  Dom dom;
  std::vector<Open> open;
  std::string last_key;
  std::vector<assent::DuplicateKey> duplicates;
  explicit ReferenceDuplicates(nj& into) : root(into), dom(into, false) {}
  bool opened(bool ok) {
    if (open.empty()) open.push_back({&root, ""});
    else if (open.back().node->is_array()) {
      nj& arr = *open.back().node;
      open.push_back({&arr.back(), open.back().at + "/" + std::to_string(arr.size() - 1)});
    } else {
      open.push_back({&*open.back().node->find(last_key), open.back().at + "/" + assent::pointer_token(last_key)});
    }
    return ok;
  }
  bool closed(bool ok) { return open.pop_back(), ok; }
  bool null() { return dom.null(); }
  bool boolean(bool v) { return dom.boolean(v); }
  bool number_integer(nj::number_integer_t v) { return dom.number_integer(v); }
  bool number_unsigned(nj::number_unsigned_t v) { return dom.number_unsigned(v); }
  bool number_float(nj::number_float_t v, const string_t& s) { return dom.number_float(v, s); }
  bool string(string_t& v) { return dom.string(v); }
  bool binary(binary_t& v) { return dom.binary(v); }
  bool start_object(std::size_t n) { return opened(dom.start_object(n)); }
  bool key(string_t& k) {
    if (open.back().node->contains(k) && duplicates.size() < 16) duplicates.push_back({open.back().at + "/" + assent::pointer_token(k), k});
    last_key = k;
    return dom.key(k);
  }
  bool end_object() { return closed(dom.end_object()); }
  bool start_array(std::size_t n) { return opened(dom.start_array(n)); }
  bool end_array() { return closed(dom.end_array()); }
  bool parse_error(std::size_t p, const std::string& l, const nlohmann::detail::exception& e) { return dom.parse_error(p, l, e); }
};

std::string random_value(std::mt19937& rng, int depth) {
  const char* keys[] = {"a", "b", "a/b", "~", "c"};
  switch (depth > 3 ? 0 : rng() % 4) {
    case 0: return std::to_string(rng() % 3);
    case 1: {
      std::string s = "[";
      for (int n = rng() % 4, i = 0; i < n; ++i) s += (i ? "," : "") + random_value(rng, depth + 1);
      return s + "]";
    }
    default: {
      std::string s = "{";
      for (int n = rng() % 7, i = 0; i < n; ++i) s += std::string(i ? "," : "") + "\"" + keys[rng() % 5] + "\":" + random_value(rng, depth + 1);
      return s + "}";
    }
  }
}
}  // namespace

TEST_CASE("json parse: repeated keys reported as the former basic_json finder did, on random documents", "[json]") {
  std::mt19937 rng(11);
  int with_duplicates = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = random_value(rng, 0);
    nj dom;
    ReferenceDuplicates ref(dom);
    REQUIRE(nj::sax_parse(text, &ref));
    assent::JsonParse ours = assent::parse_json(text, 1 << 20, 64);
    INFO(text);
    REQUIRE(ours.duplicates.size() == ref.duplicates.size());
    for (std::size_t i = 0; i < ref.duplicates.size(); ++i) {
      CHECK(ours.duplicates[i].pointer == ref.duplicates[i].pointer);
      CHECK(ours.duplicates[i].key == ref.duplicates[i].key);
    }
    if (ref.duplicates.empty()) CHECK(assent::dump(ours.value) == dom.dump());
    else ++with_duplicates;
  }
  CHECK(with_duplicates > 500);
}
