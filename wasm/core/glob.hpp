#pragma once
#include <string>
#include <string_view>

namespace assent {
// Cookie names and script URLs are matched with `*` globs only: no regex engine in the hot path, and a
// site owner can read every pattern at a glance. The whole text must match; `*` matches any run of
// characters (empty, "/" and "." included); every other character only itself, case-sensitively. The
// shim's synchronous mirror (js-shim/src/glob.ts) runs the same cases: tests/glob/vectors.json.
bool glob_match(std::string_view pattern, std::string_view text);

// Empty string when the cookie glob is acceptable, else a plain reason.
std::string cookie_glob_problem(std::string_view glob);
// Same for a script/iframe URL pattern.
std::string url_pattern_problem(std::string_view pattern);
}  // namespace assent
