#include "glob.hpp"

namespace assent {

bool glob_match(std::string_view p, std::string_view t) {
  // Iterative matcher with single backtrack point: linear for the patterns we accept (no `**`).
  std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (pi < p.size() && p[pi] == t[ti]) {
      ++pi;
      ++ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

namespace {
// RFC 6265 cookie-name token characters.
bool cookie_token_char(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '+': case '-': case '.':
    case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}
}  // namespace

std::string cookie_glob_problem(std::string_view g) {
  if (g.empty()) return "cookie name is empty";
  if (g.size() > 128) return "cookie name is longer than 128 characters";
  if (g.find("**") != std::string_view::npos) return "\"**\" is not allowed; one \"*\" matches any run of characters";
  if (g.find_first_not_of('*') == std::string_view::npos)
    return "a pattern of only \"*\" would match every cookie, including essential ones";
  for (std::size_t i = 0; i < g.size(); ++i) {
    char c = g[i];
    if (c == '*' || cookie_token_char(c)) continue;
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {  // the whole UTF-8 character, as the policy has it (its text is valid UTF-8)
      std::size_t end = i + 1;
      while (end < g.size() && (static_cast<unsigned char>(g[end]) & 0xC0) == 0x80) ++end;
      return "character '" + std::string(g.substr(i, end - i)) + "' is not allowed in a cookie name (names are ASCII)";
    }
    std::string shown = byte >= 0x20 && byte < 0x7f ? std::string(1, c)
                                                    : std::string("\\x") + "0123456789abcdef"[byte >> 4] + "0123456789abcdef"[byte & 0xF];
    return "character '" + shown + "' is not allowed in a cookie name";
  }
  return {};
}

std::string url_pattern_problem(std::string_view p) {
  if (p.empty()) return "pattern is empty";
  if (p.size() > 512) return "pattern is longer than 512 characters";
  if (p.find("**") != std::string_view::npos) return "\"**\" is not allowed; one \"*\" matches any run of characters";
  if (p.find_first_not_of('*') == std::string_view::npos) return "a pattern of only \"*\" would block every script";
  for (char c : p) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return "pattern contains whitespace or a control character";
  }
  return {};
}

}  // namespace assent
