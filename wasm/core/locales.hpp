#pragma once
#include <cstddef>
#include <string_view>

#include "policy.hpp"

namespace assent {
// Built-in locale texts (config/locales/<lang>.json), compiled in by wasm/cmake/EmbedLocales.cmake: all of
// them natively, none in the wasm (the shim adds the visitor's language with add_locale).
struct BuiltinLocale {
  const char* lang;
  const char* json;
};
extern const BuiltinLocale kBuiltinLocales[];
extern const std::size_t kBuiltinLocaleCount;
// The text keys (those of config/locales/en.json), embedded in every build, each with the placeholders its
// English text uses ("{vendor}{name}"): the ones any text for that key may use.
struct TextKey {
  const char* key;
  const char* placeholders;
};
extern const TextKey kTextKeys[];
extern const std::size_t kTextKeyCount;
bool is_text_key(std::string_view key);
// A placeholder ("{site}") in `text` that `key` does not fill, or empty. Keys outside the list fill none.
std::string unknown_placeholder(std::string_view key, std::string_view text);
// The placeholders `key` fills, as "{a}, {b}", or empty.
std::string placeholders_of(std::string_view key);

// Parsed texts of a built-in (embedded or added) locale, or nullptr. Parsed once and cached.
const TextMap* builtin_texts(std::string_view lang);

// Adds a locale at runtime (config/locales/<lang>.json text). Returns an error message, empty on success.
// The wasm build embeds no locale; the shim fetches the visitor's language (and English when it falls back).
std::string add_locale(std::string_view lang, std::string_view json_text);

// Whether `key` may appear in a policy's `texts`: a text key, or
// category.<id>.title / category.<id>.description for a category the policy declares.
bool is_known_text_key(const Policy& policy, std::string_view key);
}  // namespace assent
