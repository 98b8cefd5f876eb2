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
  for (char c : g) {
    if (c != '*' && !cookie_token_char(c)) {
      std::string why = "character '";
      if (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f) why += c;
      else why += "\\x" + std::string(1, "0123456789abcdef"[(c >> 4) & 0xF]) + "0123456789abcdef"[c & 0xF];
      return why + "' is not allowed in a cookie name";
    }
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
