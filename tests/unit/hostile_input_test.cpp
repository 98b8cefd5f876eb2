// Hostile input: what a careful engine must do with texts it did not write. A policy is fetched at runtime,
// the context and the record come from the visitor's browser (the record is a cookie anyone can set).
// Every case ends in a clear error naming what and where, or in a safe decision: never a crash, never a
// silently chosen value.
#include <catch2/catch.hpp>

#include "decision.hpp"
#include "engine.hpp"
#include "hash.hpp"
#include "limits.hpp"
#include "region.hpp"
#include "test_support.hpp"

namespace {
using test::json;

const char* const kPolicy = R"({"revision":"r1","site":{"name":"S"},"categories":[{"id":"essential","required":true},{"id":"analytics"}],
"services":[{"id":"ga","category":"analytics","vendor":"G","cookies":[{"name":"_ga","maxAgeDays":30}]}],"languages":["en","de"]})";
constexpr std::int64_t kNow = 1795000000;

// The policy with `find` replaced by `with` (once); fails the test when `find` is missing.
std::string edited(const std::string& find, const std::string& with) {
  std::string s = kPolicy;
  std::size_t at = s.find(find);
  REQUIRE(at != std::string::npos);
  return s.replace(at, find.size(), with);
}

// Whether some error sits at `path` with a message containing `words`.
bool has_error(const assent::PolicyLoad& load, const std::string& path, const std::string& words) {
  for (const auto& e : load.errors)
    if (e.path == path && e.message.find(words) != std::string::npos) return true;
  return false;
}

std::string errors_of(const assent::PolicyLoad& load) {
  std::string out;
  for (const auto& e : load.errors) out += "\n  " + e.path + ": " + e.message;
  return out;
}

const assent::Policy& policy() {
  static const assent::PolicyLoad load = assent::parse_policy(kPolicy);
  REQUIRE(load.ok());
  return load.policy;
}

json decide(const std::string& context) { return json::parse(assent::decide_json(policy(), context), nullptr, false); }

bool valid_utf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

// A well-formed record for the test policy at `timestamp` (the engine's own encoder builds the text).
std::string record_at(std::int64_t timestamp) {
  assent::ConsentRecord r;
  r.revision_tag = assent::revision_tag(policy());
  r.timestamp = timestamp;
  r.action = assent::Action::AcceptAll;
  r.categories = {"analytics"};
  r.consent_id = "0123456789abcdef";
  return assent::encode_record(r);
}
}  // namespace

TEST_CASE("hostile policy: size limit", "[hostile]") {
  std::string text = kPolicy;
  std::string at_limit = text + std::string(assent::limits::kPolicyBytes - text.size(), ' ');
  CHECK(assent::parse_policy(at_limit).ok());  // the limit itself is allowed
  auto load = assent::parse_policy(at_limit + " ");
  INFO(errors_of(load));
  CHECK(has_error(load, "", "262145 bytes; the limit is 262144"));
}

TEST_CASE("hostile policy: nesting", "[hostile]") {
  auto load = assent::parse_policy(std::string(100000, '['));  // would overflow a recursive parser's stack
  INFO(errors_of(load));
  CHECK(has_error(load, "", "nested deeper than 32 levels"));
  CHECK(has_error(load, "", "line 1, column 33"));  // where the 33rd level opens
  // Brackets inside strings are text, not nesting.
  CHECK(assent::parse_policy(edited("\"name\":\"S\"", "\"name\":\"" + std::string(150, '[') + "\"")).ok());
}

// nlohmann's lexer takes a NUL byte for the end of the input; JSON allows none (RFC 8259 §2, §7).
TEST_CASE("hostile input: a NUL byte is an error, not the end of the text", "[hostile]") {
  auto load = assent::parse_policy(std::string(kPolicy) + std::string(1, '\0') + "{\"more\":\"text\"}");
  INFO(errors_of(load));
  CHECK_FALSE(load.ok());
  CHECK(has_error(load, "", "a NUL byte, which JSON does not allow"));
  json answer = decide(std::string("{\"now\":1}\0{", 12));  // a context too
  INFO(answer.dump());
  CHECK(answer["error"]["message"].get<std::string>().find("line 1, column 10: a NUL byte") != std::string::npos);
}

TEST_CASE("hostile policy: duplicate keys are errors, not last-one-wins", "[hostile]") {
  SECTION("top level") {
    auto load = assent::parse_policy(edited("\"revision\":\"r1\"", "\"revision\":\"r1\",\"revision\":\"r2\""));
    INFO(errors_of(load));
    CHECK_FALSE(load.ok());
    CHECK(has_error(load, "/revision", "duplicate key \"revision\""));
  }
  SECTION("nested, in an array element, and a boolean that would flip") {
    auto load = assent::parse_policy(edited("{\"id\":\"analytics\"}", "{\"id\":\"analytics\",\"required\":false,\"required\":true}"));
    INFO(errors_of(load));
    CHECK(has_error(load, "/categories/1/required", "duplicate key \"required\""));
  }
  SECTION("pointer escaping and every duplicate reported") {
    auto load = assent::parse_policy(edited("\"site\":{\"name\":\"S\"}",
        "\"site\":{\"name\":\"S\",\"name\":\"T\"},\"regions\":{\"overrides\":{\"a/b~\":\"none\",\"a/b~\":\"opt-in\"}}"));
    INFO(errors_of(load));
    CHECK(has_error(load, "/site/name", "duplicate key"));
    CHECK(has_error(load, "/regions/overrides/a~1b~0", "duplicate key"));
  }
  SECTION("the same key in sibling objects is fine") {
    CHECK(assent::parse_policy(kPolicy).ok());  // "id" appears in every category and service
  }
  SECTION("in a context: gpc given twice") {
    json d = decide(R"({"gpc":true,"gpc":false})");
    INFO(d.dump().substr(0, 200));
    REQUIRE(d.contains("error"));
    CHECK(d["error"]["code"] == "bad-context");
    CHECK_THAT(d["error"]["message"].get<std::string>(), Catch::Contains("duplicate key \"gpc\""));
  }
  SECTION("in an action") {
    json c = json::parse(assent::choose_json(policy(), "{}", R"({"type":"reject-all","type":"accept-all"})"), nullptr, false);
    INFO(c.dump().substr(0, 200));
    REQUIRE(c.contains("error"));
    CHECK(c["error"]["code"] == "bad-action");
    CHECK_THAT(c["error"]["message"].get<std::string>(), Catch::Contains("duplicate key \"type\""));
  }
}

TEST_CASE("hostile policy: bad UTF-8, lone surrogates, NUL", "[hostile]") {
  for (const char* bad : {"\xff", "\xc0\xaf", "\xed\xa0\x80" /* U+D800 encoded */, "\\ud800", "\\udc00x", "\\ud800\\u0041"}) {
    auto load = assent::parse_policy(edited("\"name\":\"S\"", std::string("\n\"name\":\"S") + bad + "\""));
    INFO(bad << errors_of(load));
    CHECK(has_error(load, "", "line 2"));  // names where the text broke
    CHECK(has_error(load, "", "invalid JSON"));
  }
  CHECK(assent::parse_policy(edited("\"name\":\"S\"", "\"name\":\"S \\ud83d\\ude00\"")).ok());  // a proper pair is fine

  auto raw_nul = assent::parse_policy(edited("\"site\"", std::string("\0\"site\"", 7)));
  CHECK(has_error(raw_nul, "", "a NUL byte, which JSON does not allow"));
  auto escaped_nul = assent::parse_policy(edited("\"name\":\"S\"", "\"name\":\"S\\u0000hidden\""));
  INFO(errors_of(escaped_nul));
  CHECK(has_error(escaped_nul, "/site/name", "NUL"));

  // Messages quote the offending value cut to 80 bytes; the cut must not split a character.
  auto long_cookie = assent::parse_policy(edited("\"site\":", "\"storage\":{\"cookie\":\"" + [] {
    std::string s = "x";  // one ASCII byte first, so byte 80 falls inside an é
    for (int i = 0; i < 60; ++i) s += "\xc3\xa9";
    return s;
  }() + "\"},\"site\":"));
  REQUIRE_FALSE(long_cookie.ok());
  for (const auto& e : long_cookie.errors) CHECK(valid_utf8(e.message));
}

TEST_CASE("hostile policy: numbers out of range", "[hostile]") {
  auto with_days = [](const std::string& v) { return assent::parse_policy(edited("\"site\":", "\"storage\":{\"maxAgeDays\":" + v + "},\"site\":")); };
  auto overflow = with_days("1e400");
  INFO(errors_of(overflow));
  CHECK(has_error(overflow, "", "invalid JSON"));
  for (const char* v : {"-1", "0", "-9223372036854775808", "-9223372036854775809", "-1e300"}) {
    INFO(v);
    CHECK(has_error(with_days(v), "/storage/maxAgeDays", "at least 1"));
  }
  for (const char* v : {"30.5", "1e-300", "\"30\"", "true"}) {
    INFO(v);
    CHECK(has_error(with_days(v), "/storage/maxAgeDays", "whole number"));
  }
  // Huge but whole: capped at 395 days like any value above the cap (lint says so), never wrapped negative.
  for (const char* v : {"9223372036854775808", "18446744073709551615", "18446744073709551616", "1e300", "1000000000"}) {
    auto load = with_days(v);
    INFO(v << errors_of(load));
    REQUIRE(load.ok());
    CHECK(load.policy.max_age_days == 395);
    CHECK(load.policy.max_age_days_declared > 395);
    CHECK_THAT(assent::lint_json(load.policy), Catch::Contains("/storage/maxAgeDays"));
  }
  // JSON Schema counts 30.0 as an integer, and the engine agrees with the schema.
  auto float_days = with_days("30.0");
  INFO(errors_of(float_days));
  REQUIRE(float_days.ok());
  CHECK(float_days.policy.max_age_days == 30);
  CHECK(assent::parse_policy(edited("\"maxAgeDays\":30", "\"maxAgeDays\":30.0")).ok());
  // A cookie lifetime: 0 (session) to 100000 days.
  CHECK(assent::parse_policy(edited("\"maxAgeDays\":30", "\"maxAgeDays\":100000")).ok());
  for (const char* v : {"-1", "100001", "9223372036854775808", "1.5"}) {
    auto load = assent::parse_policy(edited("\"maxAgeDays\":30", std::string("\"maxAgeDays\":") + v));
    INFO(v << errors_of(load));
    CHECK(has_error(load, "/services/0/cookies/0/maxAgeDays", "whole number of days"));
  }
  CHECK(has_error(assent::parse_policy(edited("\"maxAgeDays\":30", "\"maxAgeSeconds\":8640000001")),
                  "/services/0/cookies/0/maxAgeSeconds", "whole number of seconds"));
}

TEST_CASE("hostile record: oversized, binary, garbage → malformed", "[hostile]") {
  std::string big = record_at(kNow) + std::string(4097, 'a');
  CHECK(std::string(assent::check_record(big, policy(), kNow, 182).reason) == "malformed");
  std::string binary;
  for (int i = 0; i < 256; ++i) binary += static_cast<char>(i);
  for (const std::string& r : {binary, std::string("1........"), std::string(9, '.'), std::string("1.\0.", 4), std::string(5000, '.')}) {
    auto check = assent::check_record(r, policy(), kNow, 182);
    CHECK_FALSE(check.valid);
    CHECK(std::string(check.reason) == "malformed");
  }
  // Through decide, the context refuses a record longer than any cookie can be, naming the field
  // (tests/wasm/boundary.test.mjs holds the shim to that error); 4096 bytes of garbage is a malformed record.
  json d = decide(json{{"now", kNow}, {"record", big}}.dump());
  INFO(d.dump().substr(0, 300));
  CHECK(d["error"]["code"] == "bad-context");
  CHECK(d["error"]["message"] == "context.record is too long");
  json at_limit = decide(json{{"now", kNow}, {"record", std::string(4096, 'x')}}.dump());
  CHECK(at_limit["record"]["reason"] == "malformed");
  CHECK(at_limit["showBanner"] == true);
  json ctl = decide(json{{"now", kNow}, {"record", std::string("1.\x01\x02\x7f.x", 7)}}.dump());
  CHECK(ctl["record"]["reason"] == "malformed");
}

TEST_CASE("hostile record: future-dated beyond the clock skew", "[hostile]") {
  const std::int64_t skew = assent::limits::kClockSkewSeconds;
  CHECK(std::string(assent::check_record(record_at(kNow + skew), policy(), kNow, 182).reason) == "ok");  // edge: tolerated
  auto future = assent::check_record(record_at(kNow + skew + 1), policy(), kNow, 182);
  CHECK_FALSE(future.valid);
  CHECK(std::string(future.reason) == "future-dated");
  CHECK(std::string(assent::check_record(record_at(999999999999), policy(), kNow, 182).reason) == "future-dated");
  CHECK(std::string(assent::check_record(record_at(9999999999999), policy(), kNow, 182).reason) == "malformed");  // 13 digits
  json d = decide(json{{"now", kNow}, {"region", "DE"}, {"record", record_at(kNow + skew + 1)}}.dump());
  CHECK(d["record"]["valid"] == false);
  CHECK(d["showBanner"] == true);
  CHECK(d["reason"] == "record-invalid");
}

TEST_CASE("hostile context: odd and huge values", "[hostile]") {
  auto error_of = [](const std::string& ctx) {
    json d = decide(ctx);
    INFO(ctx.substr(0, 120) << " → " << d.dump().substr(0, 200));
    REQUIRE(d.contains("error"));
    CHECK(d["error"]["code"] == "bad-context");
    return d["error"]["message"].get<std::string>();
  };
  for (const char* now : {"-1", "1e12", "18446744073709551616", "-1e308"}) CHECK_THAT(error_of(std::string("{\"now\":") + now + "}"), Catch::Contains("context.now"));
  CHECK_THAT(error_of(R"({"now":1e400})"), Catch::Contains("invalid JSON"));
  CHECK_THAT(error_of(R"({"now":"1795000000"})"), Catch::Contains("context.now"));
  CHECK_THAT(error_of(R"({"gpc":"true"})"), Catch::Contains("context.gpc"));
  CHECK_THAT(error_of(R"({"languages":"de"})"), Catch::Contains("context.languages"));
  CHECK_THAT(error_of(R"({"region":"DEDEDEDEDEDEDEDEDE"})"), Catch::Contains("context.region"));
  CHECK_THAT(error_of(R"({"Now":1})"), Catch::Contains("\"Now\""));
  CHECK_THAT(error_of("[]"), Catch::Contains("JSON object"));
  CHECK_THAT(error_of(""), Catch::Contains("invalid JSON"));
  CHECK_THAT(error_of(R"({"languages":[[[[["en"]]]]]})"), Catch::Contains("nested deeper"));

  // 10k languages: over the 16 KB context limit, rejected by size before anything is parsed.
  std::string many = "{\"languages\":[";
  for (int i = 0; i < 10000; ++i) many += std::string(i ? "," : "") + "\"xx\"";
  CHECK_THAT(error_of(many + "]}"), Catch::Contains("the limit is 16384"));
  // 3000 short entries fit: the decision uses a language the policy offers.
  std::string fits = "{\"now\":1795000000,\"languages\":[";
  for (int i = 0; i < 3000; ++i) fits += std::string(i ? "," : "") + (i == 2999 ? "\"de\"" : "\"q\"");
  fits += "]}";
  REQUIRE(fits.size() <= assent::limits::kContextBytes);
  json d = decide(fits);
  REQUIRE(d.contains("language"));
  CHECK((d["language"] == "en" || d["language"] == "de"));

  // Size limit edge: exactly 16 KB is read, one byte more is not.
  std::string padded = "{\"now\":1795000000}";
  padded += std::string(assent::limits::kContextBytes - padded.size(), ' ');
  CHECK(decide(padded).contains("showBanner"));
  CHECK_THAT(error_of(padded + " "), Catch::Contains("16385 bytes"));

  // The largest accepted time, and a fractional one (Date.now() / 1000), still decide.
  CHECK(decide(R"({"now":100000000000})").contains("showBanner"));
  CHECK(decide(R"({"now":1795000000.75})").contains("showBanner"));
}

TEST_CASE("hostile context: NUL and odd bytes in region, time zone and languages", "[hostile]") {
  // A NUL inside a time zone once made the table search match a prefix and read past the table.
  CHECK(assent::country_for_time_zone(std::string("W-SU\0", 5) + std::string(59, 'x')) == "");
  CHECK(assent::country_for_time_zone(std::string("Europe/Paris\0", 13)) == "");
  CHECK(assent::country_for_time_zone("Europe/Paris;") == "");
  CHECK(assent::country_for_time_zone("Paris=FR") == "");
  CHECK(assent::country_for_time_zone("Europe/Paris") == "FR");  // still found
  CHECK(assent::country_for_time_zone("W-SU") == "RU");

  json d = decide(R"({"now":1795000000,"region":"D\u0000","timeZone":"Europe/Berlin\u0000","languages":["de\u0000","\u0000"]})");
  INFO(d.dump().substr(0, 300));
  REQUIRE(d.contains("showBanner"));
  CHECK(d["regionSource"] == "fallback");  // neither the hint nor the zone is usable
  CHECK(d["model"] == "opt-in");
  CHECK(d["language"] == "en");
}

TEST_CASE("hostile policy: thousands of mistakes give a bounded error list", "[hostile]") {
  std::string keys;
  for (int i = 0; i < 5000; ++i) keys += "\"unknown" + std::to_string(i) + "\":1,";
  auto load = assent::parse_policy(edited("\"site\":", keys + "\"site\":"));
  REQUIRE_FALSE(load.ok());
  CHECK(load.errors.size() == assent::limits::kErrors + 1);
  CHECK(load.errors.front().path == "/unknown0");
  CHECK_THAT(load.errors.back().message, Catch::Contains("more errors follow"));
}
