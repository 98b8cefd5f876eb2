// Policy bytes → parse + validate. A valid policy then goes through every other public path (lint, the
// policy text in each format, decide, choose, csp) so the fuzzer's policies reach them too.
#include "targets.hpp"

namespace assent_fuzz {

namespace {
constexpr const char* kName = "policy";

// The HTML policy text may hold only the renderer's own tags; every policy string must arrive escaped,
// and every link must use a scheme the validator allows.
void check_html(const std::string& html, std::string_view input) {
  static const char* const kTags[] = {"section", "h1", "h2", "h3", "h4", "h5", "h6", "p", "table", "thead", "tbody", "tr", "th", "td", "a", "button"};
  for (std::size_t i = html.find('<'); i != std::string::npos; i = html.find('<', i + 1)) {
    std::size_t start = i + 1 + (html.compare(i + 1, 1, "/") == 0);
    std::size_t end = html.find_first_of(" >", start);
    std::string tag = html.substr(start, end == std::string::npos ? std::string::npos : end - start);
    bool known = false;
    for (const char* t : kTags) known = known || tag == t;
    ASSENT_FUZZ_CHECK(kName, known, "policy HTML has an unexpected tag <" + tag.substr(0, 40) + ">", input);
  }
  for (std::size_t i = html.find("href=\""); i != std::string::npos; i = html.find("href=\"", i + 1)) {
    std::string_view href = std::string_view(html).substr(i + 6);
    bool safe = href.rfind("https://", 0) == 0 || href.rfind("http://", 0) == 0 || href.rfind("mailto:", 0) == 0 ||
                href.rfind("#assent-settings\"", 0) == 0 ||  // the settings link's own anchor
                (href.rfind("/", 0) == 0 && href.rfind("//", 0) != 0);
    ASSENT_FUZZ_CHECK(kName, safe, "policy HTML links to " + std::string(href.substr(0, 60)), input);
  }
}

// The CSP header goes into a response as it is: no control character, no ',' (a second policy), and every
// directive's sources free of whitespace and ';'.
void check_csp(const nlohmann::json& c, std::string_view input) {
  ASSENT_FUZZ_CHECK(kName, !c.contains("error") && c["header"].is_string(), "csp failed for a valid policy: " + c.dump().substr(0, 300), input);
  for (char ch : c["header"].get<std::string>())
    ASSENT_FUZZ_CHECK(kName, static_cast<unsigned char>(ch) >= 0x20 && static_cast<unsigned char>(ch) < 0x7f && ch != ',',
                      "CSP header has a control, non-ASCII or ',' character", input);
  for (const auto& [name, sources] : c["directives"].items())
    for (const auto& s : sources) {
      const std::string& v = s.get_ref<const std::string&>();
      ASSENT_FUZZ_CHECK(kName, !v.empty() && v.find_first_of(" ;") == std::string::npos, "CSP source \"" + v + "\" in " + name + " would break the header", input);
    }
}

bool in(const std::vector<std::string>& v, const std::string& s) {
  for (const auto& x : v) if (x == s) return true;
  return false;
}
}  // namespace

void policy(std::string_view data) {
  assent::PolicyLoad load = assent::parse_policy(data);
  nlohmann::json summary = must_parse(kName, assent::load_result_json(load), data);
  ASSENT_FUZZ_CHECK(kName, summary["ok"] == load.ok(), "load_result_json ok flag disagrees with the load", data);
  if (!load.ok()) {
    for (const auto& e : load.errors) {
      ASSENT_FUZZ_CHECK(kName, e.path.empty() || e.path[0] == '/', "error path is not a JSON Pointer: " + e.path, data);
      ASSENT_FUZZ_CHECK(kName, !e.message.empty(), "error without a message at " + e.path, data);
    }
    return;
  }
  const assent::Policy& p = load.policy;
  ASSENT_FUZZ_CHECK(kName, !p.languages.empty() && !p.categories.empty(), "valid policy without languages/categories", data);
  ASSENT_FUZZ_CHECK(kName, p.max_age_days >= 1 && p.max_age_days <= 395, "effective maxAgeDays outside 1..395", data);
  must_parse(kName, assent::lint_json(p), data);
  must_parse(kName, assent::policy_text_json(p, ""), data);
  must_parse(kName, assent::policy_text(p, "de", "json"), data);
  check_html(assent::policy_text(p, p.languages.back(), "html"), data);
  ASSENT_FUZZ_CHECK(kName, !assent::policy_text(p, "", "md").empty(), "empty Markdown policy text", data);

  for (const char* ctx : {R"({"now":1795000000,"languages":["de-AT","en"]})", R"({"now":1795000000,"region":"US-CA","gpc":true})",
                          R"({"now":1795000000,"timeZone":"Europe/London","dnt":true})"}) {
    nlohmann::json d = must_parse(kName, assent::decide_json(p, ctx), data);
    ASSENT_FUZZ_CHECK(kName, !d.contains("error"), "a valid policy and context gave an error: " + d.dump(), data);
    ASSENT_FUZZ_CHECK(kName, in(p.languages, d["language"].get<std::string>()), "decided a language the policy lacks", data);
    nlohmann::json c = must_parse(kName, assent::choose_json(p, ctx, R"({"type":"accept-all"})"), data);
    ASSENT_FUZZ_CHECK(kName, c.contains("record") && c["decision"]["record"]["valid"] == true,
                      "accept-all did not yield a valid record: " + c.dump().substr(0, 300), data);
    check_csp(must_parse(kName, assent::csp_json(p, ctx), data), data);
  }
}

}  // namespace assent_fuzz
