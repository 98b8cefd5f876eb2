// The only Embind code in Assent: eleven free functions (eight in the visitor build, ASSENT_VISITOR=1), JSON strings in and out (Embind's glue
// costs bytes and call time, so no class graph). Errors come back as values; nothing throws.
#include <emscripten/bind.h>

#include "engine.hpp"
#include "locales.hpp"

namespace {
// One policy per page, loaded once; wasm is single-threaded so a static is safe.
assent::PolicyLoad g_load;
bool g_loaded = false;

std::string load(std::string policy_text) {
  g_load = assent::parse_policy(policy_text);
  g_loaded = g_load.ok();
  return assent::load_json(g_load);
}

std::string decide(std::string context_json) {
  if (!g_loaded) return assent::error_json("not-loaded", "call load() with a valid policy before decide()");
  return assent::decide_json(g_load.policy, context_json);
}

std::string choose(std::string context_json, std::string action_json) {
  if (!g_loaded) return assent::error_json("not-loaded", "call load() with a valid policy before choose()");
  return assent::choose_json(g_load.policy, context_json, action_json);
}

// {"language":"de"}: what decide() would pick, for the shim to fetch that locale before the first decision.
std::string language(std::string context_json) {
  if (!g_loaded) return assent::error_json("not-loaded", "call load() with a valid policy before language()");
  return assent::language_json(g_load.policy, context_json);
}

// The banner's texts and each service's words in a decision's language (engine.hpp words_json): a decision
// leaves them out, so the shim asks once per language instead of receiving them with every decision.
std::string words(std::string language) {
  if (!g_loaded) return assent::error_json("not-loaded", "call load() with a valid policy before words()");
  return assent::words_json(g_load.policy, language);
}

// The Content-Security-Policy for this visitor (engine.hpp csp_json): the server middleware's question.
std::string csp(std::string context_json) {
  if (!g_loaded) return assent::error_json("not-loaded", "call load() with a valid policy before csp()");
  return assent::csp_json(g_load.policy, context_json);
}

#if !ASSENT_VISITOR
// The cookie-policy section as a JSON document, for elements with data-assent-policy. Full build only: the
// shim loads assent-full.wasm for pages that have such elements (the visitor wasm lacks the renderer).
std::string policyText(std::string language) {
  if (!g_loaded) return assent::error_json("not-loaded", "call load() with a valid policy before policyText()");
  return assent::policy_text_json(g_load.policy, language);
}

// For the npm package's CLI (js-shim/src/cli/): `policy --format md|html|json` as the native CLI prints it.
std::string policySection(std::string language, std::string format) {
  if (!g_loaded) return assent::error_json("not-loaded", "call load() with a valid policy before policySection()");
  return assent::policy_text(g_load.policy, language, format);
}

// For the npm package's CLI: {"warnings":[{"rule","path","message","fix"}]}, as `assent lint` prints it.
std::string lint() {
  if (!g_loaded) return assent::error_json("not-loaded", "call load() with a valid policy before lint()");
  return assent::lint_json(g_load.policy);
}
#endif

// Adds a built-in locale fetched by the shim (the wasm embeds none, not even English).
std::string addLocale(std::string language, std::string locale_json) {
  std::string err = assent::add_locale(language, locale_json);
  return err.empty() ? "{\"ok\":true}" : assent::error_json("bad-locale", err);
}

std::string version() { return assent::kEngineVersion; }
}  // namespace

EMSCRIPTEN_BINDINGS(assent) {
  emscripten::function("load", &load);
  emscripten::function("decide", &decide);
  emscripten::function("choose", &choose);
  emscripten::function("language", &language);
  emscripten::function("words", &words);
  emscripten::function("csp", &csp);
#if !ASSENT_VISITOR
  emscripten::function("policyText", &policyText);
  emscripten::function("policySection", &policySection);
  emscripten::function("lint", &lint);
#endif
  emscripten::function("addLocale", &addLocale);
  emscripten::function("version", &version);
}
