#include "locales.hpp"

#include <memory>
#include <vector>

#include "json_util.hpp"
#include "limits.hpp"

namespace assent {

namespace {
TextMap parse_locale(const char* text) {
  TextMap out;
  JsonParse parsed = parse_json(text, limits::kPolicyBytes, 4);
  if (!parsed.value.is_object()) return out;  // a broken locale is caught by the locale tests
  for (auto it = parsed.value.begin(); it != parsed.value.end(); ++it)
    if (it.value().is_string()) out.emplace_back(it.key(), it.value().get<std::string>());
  return out;
}
}  // namespace

const TextMap* builtin_texts(std::string_view lang) {
  static std::vector<std::unique_ptr<TextMap>> cache(kBuiltinLocaleCount);
  for (std::size_t i = 0; i < kBuiltinLocaleCount; ++i) {
    if (lang == kBuiltinLocales[i].lang) {
      if (!cache[i]) cache[i] = std::make_unique<TextMap>(parse_locale(kBuiltinLocales[i].json));
      return cache[i].get();
    }
  }
  return nullptr;
}

bool is_known_text_key(const Policy& policy, std::string_view key) {
  const TextMap* en = builtin_texts("en");
  if (en) {
    for (const auto& kv : *en)
      if (kv.first == key) return true;
  }
  constexpr std::string_view prefix = "category.";
  if (key.substr(0, prefix.size()) != prefix) return false;
  std::string_view rest = key.substr(prefix.size());
  std::size_t dot = rest.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string_view field = rest.substr(dot + 1);
  return (field == "title" || field == "description") && policy.category(rest.substr(0, dot)) != nullptr;
}

}  // namespace assent
