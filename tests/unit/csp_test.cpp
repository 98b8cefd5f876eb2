// The Content-Security-Policy layer (wasm/core/csp.hpp, SPEC.md §Content-Security-Policy). Expected sources and
// headers are written by hand from the CSP3 source grammar (host-source = [scheme "://"] host [":" port] [path];
// "*" only as the whole host or a leftmost "*." label; a path ending in "/" is a prefix, else exact; ";" and ","
// percent-encoded), not taken from the engine's output.
#include <catch2/catch.hpp>
#include <regex>

#include "csp.hpp"
#include "engine.hpp"
#include "glob.hpp"
#include "test_support.hpp"

namespace {
using test::json;
using Sources = std::vector<std::string>;

// CSP3 §2.3.1 host-source, ";" and "," excluded from the path (they end a directive or a policy).
bool is_host_source(const std::string& s) {
  static const std::regex grammar(
      R"(^[A-Za-z][A-Za-z0-9+.-]*://(\*|(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)(:([0-9]+|\*))?)"
      R"((/([A-Za-z0-9._~!$&'()*+=:@/-]|%[0-9A-Fa-f]{2})*)?$)");
  return std::regex_match(s, grammar);
}

assent::Policy load(const std::string& text) {
  assent::PolicyLoad l = assent::parse_policy(text);
  INFO(text);
  REQUIRE(l.ok());
  return l.policy;
}

json csp(const assent::Policy& p, const json& context) {
  return json::parse(assent::csp_json(p, context.dump()), nullptr, false);
}

std::string errors_at(const std::string& text) {
  std::string out;
  for (const auto& e : assent::parse_policy(text).errors) out += e.path + " ";
  return out;
}

const char* kPolicy = R"({"revision":"1","site":{"name":"S"},
  "csp":{"script-src":["'self'","https://cdn.example.com"],"img-src":["'self'","data:"],"frame-src":["'none'"],
         "media-src":[],"report-uri":"/csp-reports"},
  "services":[
    {"id":"pay","category":"essential","vendor":"P","scripts":["https://js.pay.example/v3/*"]},
    {"id":"ga","category":"analytics","vendor":"G","scripts":["https://www.googletagmanager.com/gtag/js*","https://cdn.example.com/*"]},
    {"id":"ads","category":"marketing","vendor":"A","scripts":["https://*.ads.example/*"]}]})";
}  // namespace

TEST_CASE("a URL pattern becomes the narrowest CSP source that covers it", "[csp]") {
  const std::vector<std::pair<std::string, Sources>> exact = {
      {"https://www.googletagmanager.com/gtag/js*", {"https://www.googletagmanager.com/gtag/"}},  // "*" → its directory
      {"https://*.hotjar.com/*", {"https://*.hotjar.com"}},                                          // "/" alone: any path
      {"*://x.com/a/b.js", {"http://x.com/a/b.js", "https://x.com/a/b.js"}},                       // exact path, both schemes
      {"connect.facebook.net/*", {"http://connect.facebook.net", "https://connect.facebook.net"}},  // no scheme: any
      {"*.google-analytics.com/*", {"http://*.google-analytics.com", "https://*.google-analytics.com"}},
      {"HTTPS://WWW.Example.COM./Path/X.js", {"https://www.example.com/Path/X.js"}},  // host lowercased, no trailing dot
      {"https://x.com:8443/*", {"https://x.com:8443"}},
      {"https://x.com:*/*", {"https://x.com:*"}},
      {"https://x.com/a/*/b.js", {"https://x.com/a/"}},
      {"https://x.com/*.js", {"https://x.com"}},
      {"https://x.com/gtag/js?id=G-1", {"https://x.com/gtag/js"}},  // CSP never sees the query
      {"https://x.com/p#frag", {"https://x.com/p"}},
      {"https://x.com/a;b,c.js", {"https://x.com/a%3Bb%2Cc.js"}},
      {"https://x.com/caf%C3%A9/\xC3\xA9.js", {"https://x.com/caf%C3%A9/%C3%A9.js"}},
      {"https://x.com/100%/x", {"https://x.com/100%25/x"}},
      {"https://x.com/a\"b", {"https://x.com/a%22b"}},
      {"wss://rt.x.com/socket", {"wss://rt.x.com/socket"}},
      {"http://127.0.0.1:41234/csp-layer/analytics/*", {"http://127.0.0.1:41234/csp-layer/analytics/"}},
      {"https://*/tracker.js", {"https://*/tracker.js"}},
      {"https://x.com", {"https://x.com"}},
  };
  for (const auto& [pattern, want] : exact) {
    INFO(pattern);
    assent::CspSources got = assent::csp_sources(pattern);
    CHECK(got.sources == want);
    CHECK(got.note.empty());
  }
}

TEST_CASE("what CSP cannot say is widened to the next form it can, and reported", "[csp]") {
  struct Case {
    std::string pattern;
    Sources want;
    std::string note_mentions;
  };
  const std::vector<Case> widened = {
      {"https://cdn*.x.com/*", {"https://*.x.com"}, "*.x.com"},  // "*" inside a label: the whole label and those left of it
      {"https://a.*.x.com/*", {"https://*.x.com"}, "*.x.com"},
      {"https://*cdn.x.com/*", {"https://*.x.com"}, "widened to *.x.com"},
      {"https://x.*/*", {"https://*"}, "widened to *"},
      {"https://x.com*", {"https://x.com:*"}, "any port of that host"},
      {"https://x.com*/a.js", {"https://x.com:*/a.js"}, "any port"},
      {"https://x.com:80*/", {"https://x.com:*"}, "any port"},
      {"http*://x.com/", {"http://x.com", "https://x.com"}, "scheme"},
  };
  for (const auto& c : widened) {
    INFO(c.pattern);
    assent::CspSources got = assent::csp_sources(c.pattern);
    CHECK(got.sources == c.want);
    CHECK(got.note.find(c.note_mentions) != std::string::npos);
  }
  const std::vector<std::pair<std::string, std::string>> left_out = {
      {"https://b\xC3\xBC" "cher.de/*", "punycode"},  // punycode is out of scope: the owner writes xn--…
      {"https://[::1]:8080/*", "not a host name"},
      {"https://my_host.example/*", "not a host name"},
      {"https://user@x.com/*", "not a host name"},
      {"/js/app.js*", "names no host"},
      {"https:///x.js", "names no host"},
      {"ht_tp://x.com/", "not a URL scheme"},
      {"https://x.com:http/", "not a port"},
  };
  for (const auto& [pattern, why] : left_out) {
    INFO(pattern);
    assent::CspSources got = assent::csp_sources(pattern);
    CHECK(got.sources.empty());
    CHECK(got.note.find(why) != std::string::npos);
    CHECK(got.note.find("left out") != std::string::npos);
  }
}

TEST_CASE("every source made from a valid pattern fits the CSP3 grammar", "[csp]") {
  CHECK(is_host_source("https://*.x.com:443/a/b%3B"));  // the checker itself
  CHECK_FALSE(is_host_source("https://cdn*.x.com"));
  CHECK_FALSE(is_host_source("https://x.com/a;b"));
  int checked = 0;
  std::vector<std::string> patterns = {"https://cdn*.x.com/*", "x.com*", "*://*", "https://x.*:9*/a b", "a*b*c", "*.*.*"};
  auto files = test::json_files(test::repo("config/examples"));
  for (const auto& f : test::json_files(test::repo("tests/vectors/policies"))) files.push_back(f);
  for (const auto& f : files)
    for (const auto& s : assent::parse_policy(test::read_text(f)).policy.services) patterns.insert(patterns.end(), s.scripts.begin(), s.scripts.end());
  for (const auto& pattern : patterns) {
    if (!assent::url_pattern_problem(pattern).empty()) continue;
    for (const auto& source : assent::csp_sources(pattern).sources) {
      INFO(pattern << " → " << source);
      CHECK(is_host_source(source));
      ++checked;
    }
  }
  CHECK(checked >= 20);
}

TEST_CASE("a directive is the base sources plus every granted service's, in header order", "[csp]") {
  assent::Policy p = load(kPolicy);
  const std::string pay = "https://js.pay.example/v3/", pay_ws = "wss://js.pay.example/v3/";

  // DE, no choice: only the essential service. frame-src 'none' and the empty media-src give way to it; connect-src
  // also names it for WebSockets (wss:), which an https: source does not cover.
  json de = csp(p, {{"region", "DE"}, {"now", 1795000000}});
  CHECK(de["granted"] == json::array({"pay"}));
  CHECK(de["header"] ==
        "default-src 'self'; script-src 'self' https://cdn.example.com 'wasm-unsafe-eval' " + pay + "; connect-src 'self' " + pay +
            " " + pay_ws + "; img-src 'self' data: " + pay + "; frame-src " + pay + "; style-src 'self' " + pay + "; font-src 'self' " + pay +
            "; media-src " + pay + "; worker-src 'self' " + pay + "; form-action 'self' " + pay +
            "; object-src " + pay + "; base-uri 'self'; report-uri /csp-reports");
  CHECK(de["directives"]["img-src"] == json::array({"'self'", "data:", pay}));
  CHECK(de["notes"] == json::array());

  // Accept all: ga's cdn.example.com is already a base source (listed once); the order is base, then services.
  json r = json::parse(assent::choose_json(p, R"({"region":"DE","now":1795000000})", R"({"type":"accept-all"})"), nullptr, false);
  json all = csp(p, {{"region", "DE"}, {"now", 1795000000}, {"record", r["record"]}});
  CHECK(all["granted"] == json::array({"pay", "ga", "ads"}));
  CHECK(all["directives"]["script-src"] == json::array({"'self'", "https://cdn.example.com", "'wasm-unsafe-eval'", pay,
                                                         "https://www.googletagmanager.com/gtag/", "https://*.ads.example"}));
  CHECK(all["directives"]["connect-src"] == json::array({"'self'", pay, pay_ws, "https://www.googletagmanager.com/gtag/",
                                                          "wss://www.googletagmanager.com/gtag/", "https://cdn.example.com",
                                                          "wss://cdn.example.com", "https://*.ads.example", "wss://*.ads.example"}));

  // US-CA with GPC: opt-out, but the sale/sharing category (marketing) is off.
  json ca = csp(p, {{"region", "US-CA"}, {"gpc", true}, {"now", 1795000000}});
  CHECK(ca["granted"] == json::array({"pay", "ga"}));
  CHECK(ca["header"].get<std::string>().find("ads.example") == std::string::npos);

  // A tampered record is no choice: back to the DE default.
  std::string tampered = r["record"].get<std::string>();
  tampered.back() = tampered.back() == '0' ? '1' : '0';
  CHECK(csp(p, {{"region", "DE"}, {"now", 1795000000}, {"record", tampered}})["header"] == de["header"]);
}

TEST_CASE("defaults: 'self' everywhere, 'wasm-unsafe-eval' in script-src, 'none' when nothing is left", "[csp]") {
  assent::Policy p = load(R"({"revision":"1","site":{"name":"S"},"csp":{"frame-src":["'none'"],"media-src":[],"script-src":["'none'"]}})");
  json d = csp(p, json::object());
  CHECK(d["header"] ==
        "default-src 'self'; script-src 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self'; frame-src 'none'; "
        "style-src 'self'; font-src 'self'; media-src 'none'; worker-src 'self'; form-action 'self'; object-src 'none'; "
        "base-uri 'self'");
  CHECK(d["granted"] == json::array());

  assent::Policy bare = load(R"({"revision":"1","site":{"name":"S"},"csp":{"report-to":"csp-endpoint"}})");
  CHECK(csp(bare, json::object())["header"] ==
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; img-src 'self'; frame-src 'self'; "
        "style-src 'self'; font-src 'self'; media-src 'self'; worker-src 'self'; form-action 'self'; object-src 'none'; "
        "base-uri 'self'; report-to csp-endpoint");
}

// SPEC §Content-Security-Policy: object-src is 'none' unless the policy's base says otherwise.
TEST_CASE("a policy can set object-src's base", "[csp]") {
  assent::Policy p = load(R"({"revision":"1","site":{"name":"S"},"csp":{"object-src":["'self'","https://media.example"]}})");
  std::string header = csp(p, json::object())["header"].get<std::string>();
  CHECK(header.find("; object-src 'self' https://media.example; ") != std::string::npos);
}

TEST_CASE("notes name the service and the pattern; a large header is reported", "[csp]") {
  assent::Policy p = load(R"({"revision":"1","site":{"name":"S"},"regions":{"fallback":"none"},"services":[
    {"id":"cdn","category":"analytics","vendor":"C","scripts":["https://cdn*.x.com/*","https://x.com/a.js","https://x.com/a.js"]},
    {"id":"idn","category":"marketing","vendor":"I","scripts":["https://b\u00fccher.de/*"]}]})");
  json d = csp(p, json::object());
  CHECK(d["granted"] == json::array({"cdn", "idn"}));
  REQUIRE(d["notes"].size() == 2);
  CHECK(d["notes"][0]["service"] == "cdn");
  CHECK(d["notes"][0]["pattern"] == "https://cdn*.x.com/*");
  CHECK(d["notes"][1]["service"] == "idn");
  CHECK(d["notes"][1]["message"].get<std::string>().find("left out") != std::string::npos);
  CHECK(d["directives"]["img-src"] == json::array({"'self'", "https://*.x.com", "https://x.com/a.js"}));  // listed once

  std::string services;
  for (int i = 0; i < 40; ++i)
    services += std::string(i ? "," : "") + R"({"id":"s)" + std::to_string(i) + R"(","category":"analytics","vendor":"V","scripts":["https://tracker-)" +
                std::to_string(i) + R"(.example.com/*"]})";
  json big = csp(load(R"({"revision":"1","site":{"name":"S"},"regions":{"fallback":"none"},"services":[)" + services + "]}"), json::object());
  CHECK(big["header"].get<std::string>().size() > 8192);
  CHECK(big["notes"].back()["message"].get<std::string>().find("8 KB") != std::string::npos);
  CHECK_FALSE(big["notes"].back().contains("service"));
}

TEST_CASE("csp_json refuses a bad context like decide()", "[csp]") {
  json got = csp(load(kPolicy), {{"gpc", "yes"}});
  CHECK(got["error"]["code"] == "bad-context");
  CHECK(got["error"]["message"].get<std::string>().find("context.gpc") != std::string::npos);
}

TEST_CASE("the policy's csp key is validated where a header could break", "[csp][policy]") {
  auto with = [](const std::string& csp) { return R"({"revision":"1","site":{"name":"S"},"csp":)" + csp + "}"; };
  CHECK(errors_at(with(R"({"scrpt-src":["'self'"]})")) == "/csp/scrpt-src ");
  CHECK(assent::parse_policy(with(R"({"scrpt-src":["'self'"]})")).errors[0].message.find("did you mean \"script-src\"") != std::string::npos);
  CHECK(errors_at(with(R"({"default-src":["'self'"]})")) == "/csp/default-src ");  // fixed by the engine
  CHECK(errors_at(with(R"({"img-src":"'self'"})")) == "/csp/img-src ");
  CHECK(errors_at(with(R"({"script-src":["'self'; report-uri https://evil.example"]})")) == "/csp/script-src/0 ");
  CHECK(errors_at(with(R"({"connect-src":["https://a.example;"]})")) == "/csp/connect-src/0 ");
  CHECK(errors_at(with(R"({"connect-src":["https://a.example,https://b.example"]})")) == "/csp/connect-src/0 ");
  CHECK(errors_at(with(R"({"connect-src":["https://a.example\nX-Injected: 1"]})")) == "/csp/connect-src/0 ");
  CHECK(errors_at(with(R"({"img-src":["'self'",""]})")) == "/csp/img-src/1 ");
  CHECK(errors_at(with(R"({"font-src":[")" + std::string(513, 'a') + R"("]})")) == "/csp/font-src/0 ");
  CHECK(errors_at(with(R"({"font-src":[")" + std::string(512, 'a') + R"("]})")) == "");
  std::string many = "[";
  for (int i = 0; i <= 64; ++i) many += std::string(i ? "," : "") + "\"https://h" + std::to_string(i) + ".example\"";
  CHECK(errors_at(with(R"({"img-src":)" + many + "]}")) == "/csp/img-src ");
  CHECK(errors_at(with(R"({"script-src":["self"]})")) == "/csp/script-src/0 ");
  CHECK(errors_at(with(R"({"script-src":["'unsafe-inline"]})")) == "/csp/script-src/0 ");
  CHECK(errors_at(with(R"({"script-src":["'sefl'"]})")) == "/csp/script-src/0 ");
  CHECK(errors_at(with(R"({"script-src":["'nonce-abc123'"]})")) == "/csp/script-src/0 ");
  CHECK(errors_at(with(R"({"report-uri":"https://r.example/a b"})")) == "/csp/report-uri ");
  CHECK(errors_at(with(R"({"report-to":["g"]})")) == "/csp/report-to ");
  CHECK(errors_at(with("[]")) == "/csp ");
  CHECK(errors_at(with(R"({"script-src":["'self'","'sha256-abc='","'strict-dynamic'","https:","data:","*.cdn.example"],
                          "report-uri":"https://r.example/csp","report-to":"csp-endpoint"})")) == "");
}
