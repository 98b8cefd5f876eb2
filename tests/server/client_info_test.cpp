// What the server keeps of a client: a network prefix and a browser family, never more.
#include <catch2/catch.hpp>

#include <map>

#include "client_info.hpp"
#include "rate_limiter.hpp"

using namespace assent::server;

TEST_CASE("network prefixes: IPv4 /24, IPv6 /48, mapped IPv4 as IPv4, garbage as nothing", "[receipts]") {
  CHECK(network_prefix("203.0.113.77") == "203.0.113.0/24");
  CHECK(network_prefix("2001:db8:abcd:12:1:2:3:4") == "2001:db8:abcd::/48");
  CHECK(network_prefix("::ffff:198.51.100.9") == "198.51.100.0/24");
  CHECK(network_prefix("::1") == "::/48");
  CHECK(network_prefix("example.com") == "");
  CHECK(network_prefix("") == "");
}

TEST_CASE("browser families, without versions or platforms", "[receipts]") {
  CHECK(browser_family("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0") == "Edge");
  CHECK(browser_family("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0") == "Firefox");
  CHECK(browser_family("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15") == "Safari");
  CHECK(browser_family("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36") == "Chrome");
  CHECK(browser_family("curl/8.5.0") == "other");
  CHECK(browser_family("") == "other");
}

TEST_CASE("regions from CDN headers: own header first, then Cloudflare, CloudFront, Vercel", "[receipts]") {
  std::map<std::string, std::string> h;
  auto get = [&](const std::string& n) { return h.count(n) ? h[n] : std::string(); };
  CHECK(cdn_region(get) == "");
  h["CF-IPCountry"] = "US";
  h["CF-Region-Code"] = "CA";
  CHECK(cdn_region(get) == "US-CA");
  h["X-Geo"] = "DE";
  CHECK(cdn_region(get, "X-Geo") == "DE");
  h["CF-IPCountry"] = "T1";  // Cloudflare's Tor code is no region
  CHECK(cdn_region(get) == "");
  h = {{"CloudFront-Viewer-Country", "CA"}, {"CloudFront-Viewer-Country-Region", "QC"}};
  CHECK(cdn_region(get) == "CA-QC");
  h = {{"X-Vercel-IP-Country", "FR"}, {"X-Vercel-IP-Country-Region", "<script>"}};
  CHECK(cdn_region(get) == "FR");
}

TEST_CASE("rate limiter: a burst of N, then one token per 60/N seconds", "[receipts]") {
  RateLimiter limiter(3);
  auto t0 = RateLimiter::Clock::now();
  CHECK(limiter.admit("a", t0) == 0);
  CHECK(limiter.admit("a", t0) == 0);
  CHECK(limiter.admit("a", t0) == 0);
  CHECK(limiter.admit("a", t0) == 20);
  CHECK(limiter.admit("b", t0) == 0);
  CHECK(limiter.admit("a", t0 + std::chrono::seconds(20)) == 0);
  CHECK(RateLimiter(0).admit("a", t0) == 0);
}
