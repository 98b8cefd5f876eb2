// Unit tests for the engine's building blocks: globs, regions, time zones, languages, record codec.
#include <catch2/catch.hpp>

#include "glob.hpp"
#include "hash.hpp"
#include "language.hpp"
#include "record.hpp"
#include "region.hpp"

using namespace assent;

TEST_CASE("cookie globs", "[glob]") {
  CHECK(glob_match("_ga", "_ga"));
  CHECK_FALSE(glob_match("_ga", "_gat"));
  CHECK(glob_match("_ga_*", "_ga_ABC123"));
  CHECK(glob_match("_ga_*", "_ga_"));
  CHECK_FALSE(glob_match("_ga_*", "_gid"));
  CHECK(glob_match("*.google-analytics.com/*", "https://www.google-analytics.com/analytics.js"));
  CHECK(glob_match("intercom-*-id", "intercom-abc-id"));
  CHECK_FALSE(glob_match("intercom-*-id", "intercom-abc-idx"));
  CHECK(cookie_glob_problem("_ga_*").empty());
  CHECK_FALSE(cookie_glob_problem("*").empty());
  CHECK_FALSE(cookie_glob_problem("a**").empty());
  CHECK_FALSE(cookie_glob_problem("a b").empty());
  CHECK_FALSE(cookie_glob_problem("a;b").empty());
  // The refused character is shown whole: a UTF-8 one as written, a control character as \xNN.
  CHECK(cookie_glob_problem("caf\xc3\xa9") == "character '\xc3\xa9' is not allowed in a cookie name (names are ASCII)");
  CHECK(cookie_glob_problem("a\x01") == "character '\\x01' is not allowed in a cookie name");
  CHECK_FALSE(url_pattern_problem("https://x.com/ a").empty());
}

TEST_CASE("region codes normalize and aliases map", "[region]") {
  std::string out;
  CHECK((normalize_region("de", out) && out == "DE"));
  CHECK((normalize_region("us_ca", out) && out == "US-CA"));
  CHECK((normalize_region("UK", out) && out == "GB"));
  CHECK((normalize_region("EL", out) && out == "GR"));
  CHECK_FALSE(normalize_region("Europe", out));
  CHECK_FALSE(normalize_region("1A", out));
  CHECK_FALSE(normalize_region("D", out));
  CHECK(is_known_country("FR"));
  CHECK_FALSE(is_known_country("ZZ"));
}

TEST_CASE("time zones map to countries, including backward links", "[region][tz]") {
  CHECK(country_for_time_zone("Europe/Paris") == "FR");
  CHECK(country_for_time_zone("America/Los_Angeles") == "US");
  CHECK(country_for_time_zone("Asia/Tokyo") == "JP");
  CHECK(country_for_time_zone("Asia/Calcutta") == "IN");
  CHECK(country_for_time_zone("US/Pacific") == "US");
  CHECK(country_for_time_zone("Europe/Kiev") == "UA");
  CHECK(country_for_time_zone("Mars/Olympus").empty());
  // A link into a zone shared by several countries is not guessed: Asmera (Eritrea) links to Nairobi (Kenya).
  CHECK(country_for_time_zone("Africa/Asmera").empty());
  CHECK(country_for_time_zone("Europe/Paris;x=").empty());
  CHECK(country_for_time_zone("").empty());
}

TEST_CASE("built-in models follow jurisdictions.md §0", "[region]") {
  auto model = [](const char* r) {
    Model m = Model::None;
    return builtin_model(r, m) ? model_name(m) : "unknown";
  };
  for (const char* eu : {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
                         "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"})
    CHECK(std::string(model(eu)) == "opt-in");
  CHECK(std::string(model("US-CA")) == "opt-out");
  CHECK(std::string(model("US-NY")) == "notice");
  CHECK(std::string(model("US")) == "opt-out");
  CHECK(std::string(model("CA-QC")) == "opt-in");
  CHECK(std::string(model("CA-ON")) == "opt-out");
  CHECK(std::string(model("CA")) == "opt-in");
  CHECK(std::string(model("MX")) == "notice");
  CHECK(std::string(model("ZZ")) == "unknown");
}

TEST_CASE("language negotiation is BCP 47 aware", "[language]") {
  std::vector<std::string> langs{"en", "de", "pt-BR", "pt"};
  CHECK(negotiate_language(langs, {"de-AT"}) == "de");
  CHECK(negotiate_language(langs, {"pt-BR"}) == "pt-BR");
  CHECK(negotiate_language(langs, {"pt-PT"}) == "pt");
  CHECK(negotiate_language(langs, {"ja", "de"}) == "de");
  CHECK(negotiate_language(langs, {"ja"}) == "en");
  CHECK(negotiate_language({"en", "pt-BR"}, {"pt"}) == "pt-BR");
  CHECK(is_language_tag("zh-Hant-TW"));
  CHECK_FALSE(is_language_tag("english"));
  CHECK_FALSE(is_language_tag("en--US"));
}

TEST_CASE("consent record round-trips and parsing is total", "[record]") {
  Policy p;
  p.revision = "2026-11-01";
  ConsentRecord r;
  r.revision_tag = revision_tag(p);
  r.timestamp = 1795000000;
  r.model = Model::OptIn;
  r.action = Action::Custom;
  r.gpc = true;
  r.categories = {"analytics"};
  r.services = {"youtube"};
  r.consent_id = "0123456789abcdef";
  std::string s = encode_record(r);
  CHECK(s.size() < 120);
  RecordCheck c = check_record(s, p, 1795000000 + 86400, 182);
  REQUIRE(c.valid);
  CHECK(c.record.categories == r.categories);
  CHECK(c.record.services == r.services);
  CHECK(c.record.gpc);
  CHECK(c.record.action == Action::Custom);

  CHECK(std::string(check_record(s, p, 1795000000 + 183LL * 86400, 182).reason) == "expired");
  CHECK(std::string(check_record(s, p, 1795000000 - 2LL * 86400, 182).reason) == "future-dated");
  std::string tampered = s;
  tampered.replace(tampered.find("analytics"), 9, "marketing");
  CHECK(std::string(check_record(tampered, p, 1795000000, 182).reason) == "tampered");
  CHECK(std::string(check_record("2." + s.substr(2), p, 1795000000, 182).reason) == "unknown-version");
  CHECK(std::string(check_record("", p, 1795000000, 182).reason) == "none");
  Policy revised = p;
  revised.revision = "2026-12-01";
  CHECK(std::string(check_record(s, revised, 1795000000, 182).reason) == "revision-changed");

  // Every prefix and every single-byte change of a valid record is handled without a crash.
  for (std::size_t n = 0; n < s.size(); ++n) CHECK_FALSE(check_record(s.substr(0, n), p, 1795000000, 182).valid);
  for (std::size_t i = 0; i < s.size(); ++i) {
    for (char ch : {'.', '~', 'x', '0', '\0', '\xff'}) {
      std::string m = s;
      if (m[i] == ch) continue;
      m[i] = ch;
      CHECK_FALSE(check_record(m, p, 1795000000, 182).valid);
    }
  }
}

TEST_CASE("fnv1a matches the published test vectors", "[hash]") {
  CHECK(hex8(fnv1a("")) == "811c9dc5");
  CHECK(hex8(fnv1a("a")) == "e40c292c");
  CHECK(hex8(fnv1a("foobar")) == "bf9cf968");
}
