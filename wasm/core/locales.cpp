#include "locales.hpp"

#include <algorithm>
#include <memory>
#include <vector>

#include "json_util.hpp"
#include "limits.hpp"

namespace assent {

namespace {
TextMap parse_locale(std::string_view text) {
  TextMap out;
  JsonParse parsed = parse_json(text, limits::kPolicyBytes, 4);
  if (!parsed.value.is_object()) return out;
  const Json& o = parsed.value;
  for (std::size_t i = 0; i < o.size(); ++i)
    if (o[i].is_string()) out.emplace_back(o.key(i), o[i].str());
  return out;
}

// Locales handed in at runtime (the browser build embeds none and fetches what the visitor needs).
std::vector<std::pair<std::string, std::unique_ptr<TextMap>>>& added() {
  static std::vector<std::pair<std::string, std::unique_ptr<TextMap>>> list;
  return list;
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
  for (const auto& [l, texts] : added())
    if (l == lang) return texts.get();
  return nullptr;
}

std::string add_locale(std::string_view lang, std::string_view json_text) {
  if (lang.size() < 2 || lang.size() > 35) return "locale language must be a tag such as \"de\"";
  JsonParse parsed = parse_json(json_text, limits::kPolicyBytes, 4);
  if (!parsed.error.empty()) return "locale " + std::string(lang) + " " + parsed.error;
  if (!parsed.value.is_object()) return "locale " + std::string(lang) + " must be a JSON object of text key → text";
  TextMap texts = parse_locale(json_text);
  // Only known keys, so a stray file cannot inject texts the policy could not.
  texts.erase(std::remove_if(texts.begin(), texts.end(), [](const auto& kv) { return !is_text_key(kv.first); }), texts.end());
  for (auto& [l, existing] : added()) {
    if (l == lang) {
      *existing = std::move(texts);
      return {};
    }
  }
  if (builtin_texts(lang)) return {};  // embedded already
  added().emplace_back(std::string(lang), std::make_unique<TextMap>(std::move(texts)));
  return {};
}

namespace {
const TextKey* text_key(std::string_view key) {
  for (std::size_t i = 0; i < kTextKeyCount; ++i)
    if (key == kTextKeys[i].key) return &kTextKeys[i];
  return nullptr;
}
}  // namespace

bool is_text_key(std::string_view key) { return text_key(key) != nullptr; }

std::string unknown_placeholder(std::string_view key, std::string_view text) {
  const TextKey* k = text_key(key);
  std::string_view allowed = k ? k->placeholders : "";
  for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
    std::size_t end = open + 1;
    while (end < text.size() && text[end] >= 'a' && text[end] <= 'z') ++end;
    if (end == open + 1 || end >= text.size() || text[end] != '}') continue;  // not {word}: literal text
    std::string_view token = text.substr(open, end - open + 1);
    if (allowed.find(token) == std::string_view::npos) return std::string(token);
  }
  return {};
}

std::string placeholders_of(std::string_view key) {
  const TextKey* k = text_key(key);
  std::string out;
  for (const char* p = k ? k->placeholders : ""; *p; ++p) {
    if (*p == '{' && !out.empty()) out += ", ";
    out += *p;
  }
  return out;
}

bool is_known_text_key(const Policy& policy, std::string_view key) {
  if (is_text_key(key)) return true;
  constexpr std::string_view prefix = "category.";
  if (key.substr(0, prefix.size()) != prefix) return false;
  std::string_view rest = key.substr(prefix.size());
  std::size_t dot = rest.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string_view field = rest.substr(dot + 1);
  return (field == "title" || field == "description") && policy.category(rest.substr(0, dot)) != nullptr;
}

}  // namespace assent
