#pragma once
// What the receipts server keeps of a client, coarsened so that it does not identify a person (GDPR Art. 25):
// the network, not the address; the browser family, not the user agent. And the region a CDN put on the
// request, read from the same headers as the npm server entry (js-shim/src/server/request.ts).
#include <functional>
#include <string>
#include <string_view>

namespace assent::server {

// "203.0.113.7" → "203.0.113.0/24"; "2001:db8:1:2::5" → "2001:db8:1::/48"; anything else → "".
std::string network_prefix(std::string_view ip);

// "Chrome", "Edge", "Firefox", "Safari", "Opera", "Samsung Internet" or "other": no version, no platform.
std::string browser_family(std::string_view user_agent);

// The region from the first CDN header pair present: an own --region-header first, then Cloudflare,
// CloudFront, Vercel. "DE", "US-CA", or "" when none holds a region code.
std::string cdn_region(const std::function<std::string(const std::string&)>& header, const std::string& own_country_header = "",
                       const std::string& own_subdivision_header = "");

}  // namespace assent::server
