// The policy's base sources checked for a header, and the header assembled from a decision.
#include "csp.hpp"

#include <algorithm>

namespace assent {

namespace {
// Above this, some servers and proxies refuse the response (nginx: proxy_buffer_size, 4–8 KB for all headers).
constexpr std::size_t kHeaderWarnBytes = 8192;

const char* const kKeywords[] = {"self", "none", "unsafe-inline", "unsafe-eval", "strict-dynamic", "unsafe-hashes",
                                 "report-sample", "unsafe-allow-redirects", "wasm-unsafe-eval", "inline-speculation-rules"};

void add(std::vector<std::string>& list, const std::string& source) {
  if (std::find(list.begin(), list.end(), source) == list.end()) list.push_back(source);
}
}  // namespace

std::string csp_value_problem(std::string_view v) {
  if (v.empty()) return "is empty";
  for (char c : v) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f)
      return "contains whitespace, a control character or a non-ASCII character (one source per entry; host names in punycode)";
    if (c == ';' || c == ',') return "contains ';' or ',', which would end the directive or the whole policy";
  }
  return {};
}

std::string csp_source_problem(std::string_view s) {
  std::string why = csp_value_problem(s);
  if (!why.empty()) return why;
  if (s.front() == '\'') {
    if (s.size() < 3 || s.back() != '\'') return "a quoted keyword must end with a quote, as in 'self'";
    std::string_view k = s.substr(1, s.size() - 2);
    // A nonce must be new for every response; one written in a policy file is public and never changes.
    if (k.rfind("nonce-", 0) == 0) return "a nonce in a policy file never changes; add nonces to the header per response instead";
    if (k.rfind("sha256-", 0) == 0 || k.rfind("sha384-", 0) == 0 || k.rfind("sha512-", 0) == 0) return {};
    for (const char* kw : kKeywords)
      if (k == kw) return {};
    return "is not a CSP keyword such as 'self', 'none', 'unsafe-inline' or 'sha256-…'";
  }
  for (const char* kw : kKeywords)
    if (s == kw) return std::string("needs quotes: '") + kw + "' (unquoted, it names a host)";
  return {};
}

Json compute_csp(const Policy& p, const Decision& d) {
  Json granted_ids = Json::array(), notes = Json::array(), directives = Json::object();
  std::vector<std::string> granted;  // every granted service's sources, in policy order
  for (const ServiceState& s : d.services) {
    if (!s.granted) continue;
    granted_ids.push_back(s.service->id);
    for (const auto& pattern : s.service->scripts) {
      CspSources c = csp_sources(pattern);
      for (const auto& source : c.sources) add(granted, source);
      if (c.note.empty()) continue;
      notes.push_back(make_object({{"service", s.service->id}, {"pattern", pattern}, {"message", c.note}}));
    }
  }

  std::string header;
  auto directive = [&](const std::string& name, const std::vector<std::string>& list) {
    Json& sources = directives[name] = Json::array();
    header += (header.empty() ? "" : "; ") + name;
    for (const auto& source : list) sources.push_back(source), header += " " + source;
  };
  // default-src closes the fetch directives not listed here (manifest-src, and any a browser adds later).
  directive("default-src", {"'self'"});
  for (const char* name : kCspDirectives) {
    std::vector<std::string> list;
    auto base = std::find_if(p.csp_base.begin(), p.csp_base.end(), [&](const auto& kv) { return kv.first == name; });
    if (base == p.csp_base.end()) list.push_back(std::string_view(name) == "object-src" ? "'none'" : "'self'");
    else for (const auto& source : base->second) add(list, source);
    // Assent's engine is WebAssembly: without this it cannot compile, and Assent fails closed.
    if (std::string_view(name) == "script-src") add(list, "'wasm-unsafe-eval'");
    for (const auto& source : granted) {
      add(list, source);
      // A WebSocket's ws:/wss: URL is not matched by an http:/https: source (Chromium), so connect-src names both.
      if (std::string_view(name) == "connect-src" && source.rfind("http", 0) == 0) add(list, "ws" + source.substr(4));
    }
    // Browsers ignore 'none' next to other sources (with a console warning); an empty list is 'none'.
    if (list.size() > 1) list.erase(std::remove(list.begin(), list.end(), "'none'"), list.end());
    if (list.empty()) list.push_back("'none'");
    directive(name, list);
  }
  // Fixed: a <base> elsewhere would re-point relative URLs. Then where reports go, when the policy says.
  for (const auto& [name, value] : {std::pair<const char*, const std::string>{"base-uri", "'self'"},
                                    {"report-uri", p.csp_report_uri}, {"report-to", p.csp_report_to}})
    if (!value.empty()) directive(name, {value});
  if (header.size() > kHeaderWarnBytes)
    notes.push_back(make_object({{"message", "the header is " + std::to_string(header.size()) +
                                                 " bytes; some servers and proxies refuse response headers over 8 KB"}}));
  return make_object({{"granted", std::move(granted_ids)}, {"notes", std::move(notes)},
                      {"directives", std::move(directives)}, {"header", header}});
}

}  // namespace assent
