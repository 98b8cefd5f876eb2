#pragma once
#include <string>
#include <string_view>

#include "choice.hpp"
#include "policy.hpp"

// The string-in, JSON-out surface shared by the native CLI and the wasm bindings, so both produce
// byte-identical output. Every function is total: bad input comes back as {"error": {...}}.
namespace assent {

constexpr const char* kEngineVersion = "0.1.0";

// {"ok":true,"policy":{summary}} or {"ok":false,"errors":[{"path","message"}]}: the CLI's documented output.
std::string load_result_json(const PolicyLoad& load);
// load() across the wasm boundary: the same success, but a failure in the one error shape of every entry
// point: {"error":{"code":"policy-invalid","message","path"?,"errors":[{"path","message"}]}} (path: the
// first problem's JSON Pointer, when it names one; errors: the full list, for tooling).
std::string load_json(const PolicyLoad& load);

// Context JSON → Context. Returns an error message (empty on success).
std::string parse_context(std::string_view json_text, Context& out);
// Action JSON → ChoiceAction. Returns an error message (empty on success).
std::string parse_action(std::string_view json_text, ChoiceAction& out);

std::string decision_json(const Decision& d, const Policy& p, int indent = -1);
std::string choice_json(const ChoiceResult& r, const Policy& p, int indent = -1);
std::string error_json(const std::string& code, const std::string& message, int indent = -1);

std::string decide_json(const Policy& p, std::string_view context_json, int indent = -1);
// The words of the banner and of each service in one language, which decisions do not repeat:
// {"language","texts":{key: text},"services":[{"id","vendor","cookies","name"?,"purpose"?,"retention"?,"privacyUrl"?}]}
// (services in policy order). `language` is normally a decision's "language"; one the policy does not declare
// is negotiated as decide() would for a visitor accepting only it (de-AT → de; unknown or empty → the first).
std::string words_json(const Policy& p, std::string_view language, int indent = -1);
// {"language":"de"}: only the language decide() would pick, so the shim can fetch its texts first.
std::string language_json(const Policy& p, std::string_view context_json, int indent = -1);

// The cookie-policy section in `format` ("md", "html" or "json"); the language is the requested one when the
// policy declares it or a built-in locale exists, else negotiated against the policy's languages.
std::string policy_text_json(const Policy& p, std::string_view language, int indent = -1);
std::string policy_text(const Policy& p, std::string_view language, std::string_view format);

// {"warnings":[{"rule","path","message","fix","severity"}]}: severity "error" (e.g. a placeholder left in a
// site field) or "warning"
std::string lint_json(const Policy& p, int indent = -1);
std::string choose_json(const Policy& p, std::string_view context_json, std::string_view action_json, int indent = -1);
// The Content-Security-Policy for the visitor decide() sees in this context (wasm/core/csp.hpp):
// {"directives":{name:[sources]},"header","granted":[service ids],"notes":[{"service"?,"pattern"?,"message"}]}
std::string csp_json(const Policy& p, std::string_view context_json, int indent = -1);

}  // namespace assent
