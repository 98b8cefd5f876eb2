#include "client_info.hpp"

#include <arpa/inet.h>

#include <cctype>
#include <cstring>
#include <utility>
#include <vector>

namespace assent::server {

std::string network_prefix(std::string_view ip) {
  std::string text(ip);
  unsigned char buf[16];
  if (inet_pton(AF_INET, text.c_str(), buf) == 1) {
    buf[3] = 0;
    char out[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, buf, out, sizeof out);
    return std::string(out) + "/24";
  }
  if (inet_pton(AF_INET6, text.c_str(), buf) == 1) {
    static const unsigned char v4_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(buf, v4_mapped, 12) == 0) {  // ::ffff:a.b.c.d is an IPv4 client
      char v4[INET_ADDRSTRLEN];
      inet_ntop(AF_INET, buf + 12, v4, sizeof v4);
      return network_prefix(v4);
    }
    std::memset(buf + 6, 0, 10);
    char out[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, buf, out, sizeof out);
    return std::string(out) + "/48";
  }
  return "";
}

std::string browser_family(std::string_view ua) {
  auto has = [&](const char* s) { return ua.find(s) != std::string_view::npos; };
  // Order matters: Edge, Opera and Samsung say "Chrome" too, and Chrome says "Safari".
  if (has("Edg/") || has("Edge/")) return "Edge";
  if (has("OPR/") || has("Opera")) return "Opera";
  if (has("SamsungBrowser/")) return "Samsung Internet";
  if (has("Firefox/") || has("FxiOS/")) return "Firefox";
  if (has("Chrome/") || has("Chromium/") || has("CriOS/")) return "Chrome";
  if (has("Safari/") && has("Version/")) return "Safari";
  return "other";
}

namespace {
bool alnum_between(const std::string& s, std::size_t min, std::size_t max) {
  if (s.size() < min || s.size() > max) return false;
  for (unsigned char c : s)
    if (!std::isalnum(c)) return false;
  return true;
}
}  // namespace

std::string cdn_region(const std::function<std::string(const std::string&)>& header, const std::string& own_country,
                       const std::string& own_subdivision) {
  std::vector<std::pair<std::string, std::string>> pairs = {{"CF-IPCountry", "CF-Region-Code"},
                                                            {"CloudFront-Viewer-Country", "CloudFront-Viewer-Country-Region"},
                                                            {"X-Vercel-IP-Country", "X-Vercel-IP-Country-Region"}};
  if (!own_country.empty()) pairs.insert(pairs.begin(), {own_country, own_subdivision});
  for (const auto& [country_header, subdivision_header] : pairs) {
    std::string country = header(country_header);
    if (country.empty()) continue;
    // Region codes per wasm/core/SPEC.md §Region codes: two letters, an optional subdivision of 1–3.
    if (country.size() != 2 || !std::isalpha(static_cast<unsigned char>(country[0])) ||
        !std::isalpha(static_cast<unsigned char>(country[1])))
      return "";
    std::string subdivision = subdivision_header.empty() ? "" : header(subdivision_header);
    return alnum_between(subdivision, 1, 3) ? country + "-" + subdivision : country;
  }
  return "";
}

}  // namespace assent::server
