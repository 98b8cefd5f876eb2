#pragma once
#include <cstddef>
#include <string_view>

#include "policy.hpp"

namespace assent {
// Built-in locale texts (config/locales/<lang>.json), compiled in by wasm/cmake/EmbedLocales.cmake.
struct BuiltinLocale {
  const char* lang;
  const char* json;
};
extern const BuiltinLocale kBuiltinLocales[];
extern const std::size_t kBuiltinLocaleCount;

// Parsed texts of a built-in (embedded or added) locale, or nullptr. Parsed once and cached.
const TextMap* builtin_texts(std::string_view lang);

// Adds a locale at runtime (config/locales/<lang>.json text). Returns an error message, empty on success.
// The wasm build embeds only English; the shim fetches the languages a policy declares and adds them.
std::string add_locale(std::string_view lang, std::string_view json_text);

// Whether `key` may appear in a policy's `texts`: a key of the English locale, or
// category.<id>.title / category.<id>.description for a category the policy declares.
bool is_known_text_key(const Policy& policy, std::string_view key);
}  // namespace assent
