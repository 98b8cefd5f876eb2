#pragma once
// A Content-Security-Policy that allows exactly what is granted: the site's base sources plus the sources of
// every granted service. The browser then refuses what Assent's JavaScript cannot intercept (XHR, WebSockets,
// CSS imports, fonts, workers …). Rules: wasm/core/SPEC.md §Content-Security-Policy.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "decision.hpp"
#include "json_util.hpp"

namespace assent {

// The directives a policy's "csp" key may set, in header order.
// object-src too: an <object>/<embed> of a granted service loads, of any other never ('none' by default).
constexpr std::array<const char*, 10> kCspDirectives = {"script-src", "connect-src", "img-src",    "frame-src",   "style-src",
                                                        "font-src",   "media-src",   "worker-src", "form-action", "object-src"};

// Empty when `value` can stand in a CSP header as one token (no whitespace, ';' or ','), else a plain reason.
std::string csp_value_problem(std::string_view value);
// The same, plus what makes a base source wrong although well-formed: an unknown or unquoted keyword, a nonce.
std::string csp_source_problem(std::string_view source);

// One `scripts` URL pattern as CSP3 host-source expressions, the narrowest that still cover it. `note` says what
// had to be widened, or why nothing could be said (then `sources` is empty); empty when the sources are exact.
struct CspSources {
  std::vector<std::string> sources;
  std::string note;
};
CspSources csp_sources(std::string_view pattern);

// {"directives": {name: [sources]}, "header": "<Content-Security-Policy value>", "granted": [service ids],
//  "notes": [{"service", "pattern", "message"} | {"message"}]}: directives in the header in a fixed order,
// sources deduplicated, first occurrence kept.
Json compute_csp(const Policy& policy, const Decision& decision);

}  // namespace assent
