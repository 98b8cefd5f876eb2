// A service's `*` URL pattern (glob.hpp) as CSP3 host-source expressions: scheme "://" host [":" port] [path].
// CSP can say less than a glob: "*" only as the whole host or its whole leftmost label, a port or "*", and a
// path that is exact or, ending in "/", a prefix. So each part is read as a URL part and widened to the next
// form CSP can say; anything beyond the usual reading is reported in `note`, never dropped silently.
#include "csp.hpp"
#include "policy_values.hpp"

namespace assent {

namespace {
constexpr auto npos = std::string_view::npos;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

// CSP3 scheme-part: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
bool is_scheme(std::string_view s) {
  if (s.empty() || !is_alpha(s[0])) return false;
  for (char c : s)
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  return true;
}

// ';' and ',' would end the directive or the policy, so they, and anything else outside RFC 3986 pchar, are
// percent-encoded (CSP compares paths percent-decoded); an existing %XX stays as it is.
std::string encode_path(std::string_view p) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    const bool escape = c == '%' && i + 2 < p.size() && is_hex(p[i + 1]) && is_hex(p[i + 2]);
    if (is_alpha(c) || is_digit(c) || escape || std::string_view("-._~!$&'()*+=:@/").find(c) != npos) {
      out += c;
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

CspSources left_out(const char* why) { return {{}, std::string(why) + "; left out"}; }
}  // namespace

CspSources csp_sources(std::string_view p) {
  CspSources out;
  auto widen = [&out](const std::string& what) { out.note += (out.note.empty() ? "" : "; ") + what; };

  // Scheme: "x://"; "*://" or none at all (the shim then matches the URL without its scheme) mean http and https.
  // Both are listed, rather than a scheme-less source, which would follow the page's own scheme.
  std::string scheme;  // empty: http and https
  std::string_view rest = p;
  if (std::size_t sep = p.find("://"); sep != npos && p.find('/') == sep + 1) {
    std::string_view given = p.substr(0, sep);
    rest = p.substr(sep + 3);
    if (is_scheme(given)) scheme = lower(given);
    else if (given.find('*') == npos) return left_out("not a URL scheme");
    else if (given != "*") widen("a \"*\" in the scheme is read as http and https");
  }

  // Authority up to the path, query or fragment; a "*" in it stands for host or port characters, not the path.
  const std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  std::string_view path = end == npos ? std::string_view() : rest.substr(end);
  const std::size_t colon = authority.rfind(':');
  std::string host = lower(authority.substr(0, colon));
  std::string port(colon == npos ? std::string_view() : authority.substr(colon + 1));
  if (port.find('*') != npos && port != "*") {
    port = "*";
    widen("a \"*\" in the port is read as any port");
  }
  if (port != "*")
    for (char c : port)
      if (!is_digit(c)) return left_out("not a port");

  // "x.com*" almost always means "x.com, anything after it": read as any port there. Hosts that merely begin
  // with x.com (x.com.example) cannot be named in CSP, and widening to every host would defeat the policy.
  if (host.size() > 1 && host.back() == '*' && host[host.size() - 2] != '.') {
    host.pop_back();
    if (port.empty()) port = "*";
    widen("a \"*\" right after the host is read as any port of that host (CSP cannot name other hosts that begin with it)");
  }
  if (host.size() > 1 && host.back() == '.') host.pop_back();  // "example.com." is example.com
  // "*" only as the whole host or as the whole leftmost label: the label with the last "*", and all labels
  // left of it, become "*." ("cdn*.x.com" → "*.x.com").
  if (std::size_t star = host.rfind('*'); star != npos && host != "*" && !(star == 0 && host.rfind("*.", 0) == 0)) {
    const std::size_t dot = host.find('.', star);
    host = dot == npos ? "*" : "*" + host.substr(dot);
    widen("CSP allows \"*\" only as the leftmost label of a host: widened to " + host);
  }
  if (host.empty()) return left_out("the pattern names no host");
  if (host != "*") {
    std::string_view name = host.rfind("*.", 0) == 0 ? std::string_view(host).substr(2) : std::string_view(host);
    for (char c : name)
      if (static_cast<unsigned char>(c) >= 0x80) return left_out("CSP needs an internationalised host name in punycode (xn--…)");
    if (name.empty() || name[0] == '.' || !is_domain(name)) return left_out("not a host name CSP can name");
  }

  // Path: CSP never sees the query or fragment. A "*" cuts it back to its directory (a path ending in "/" is a
  // prefix); "/" alone is any path.
  std::string_view dir = path.substr(0, path.find_first_of("?#"));
  if (std::size_t star = dir.find('*'); star != npos) dir = dir.substr(0, dir.rfind('/', star) + 1);
  const std::string tail = "://" + host + (port.empty() ? "" : ":" + port) + (dir.size() > 1 ? encode_path(dir) : "");
  if (scheme.empty()) out.sources = {"http" + tail, "https" + tail};
  else out.sources.push_back(scheme + tail);
  return out;
}

}  // namespace assent
