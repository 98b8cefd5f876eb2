#include "language.hpp"

#include "locales.hpp"

namespace assent {

namespace {
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view primary(std::string_view tag) {
  std::size_t dash = tag.find_first_of("-_");
  return dash == std::string_view::npos ? tag : tag.substr(0, dash);
}

void overlay(TextMap& into, const TextMap* from) {
  if (!from) return;
  for (const auto& [key, text] : *from) {
    bool replaced = false;
    for (auto& kv : into) {
      if (kv.first == key) {
        kv.second = text;
        replaced = true;
        break;
      }
    }
    if (!replaced) into.emplace_back(key, text);
  }
}

const std::string* find_text(const TextMap& map, std::string_view key) {
  for (const auto& kv : map)
    if (kv.first == key) return &kv.second;
  return nullptr;
}
}  // namespace

bool same_tag(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i] == '_' ? '-' : lower(a[i]);
    char y = b[i] == '_' ? '-' : lower(b[i]);
    if (x != y) return false;
  }
  return true;
}

bool is_language_tag(std::string_view tag) {
  std::size_t i = 0, n = tag.size();
  std::size_t len = 0;
  while (i < n && ((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z'))) ++i, ++len;
  if (len < 2 || len > 3) return false;
  while (i < n) {
    if (tag[i] != '-') return false;
    ++i;
    len = 0;
    while (i < n && tag[i] != '-') {
      char c = tag[i];
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!ok) return false;
      ++i, ++len;
    }
    if (len < 1 || len > 8) return false;
  }
  return n <= 35;
}

std::string negotiate_language(const std::vector<std::string>& langs, const std::vector<std::string>& accepted) {
  if (langs.empty()) return "en";
  for (const std::string& want : accepted) {
    // Exact, then truncation (drop subtags from the right), then same primary language.
    std::string_view range = want;
    while (!range.empty()) {
      for (const std::string& have : langs)
        if (same_tag(have, range)) return have;
      std::size_t dash = range.find_last_of("-_");
      if (dash == std::string_view::npos) break;
      range = range.substr(0, dash);
    }
    for (const std::string& have : langs)
      if (same_tag(primary(have), primary(want))) return have;
  }
  return langs.front();
}

namespace {
// "{purposes}": the categories a visitor is asked about, in policy order, as words of the text's language
// ("preferences, analytics and marketing"), so a default text names only what the policy declares. A
// built-in category has its own word (purpose.<id>); a custom one is named by its title.
void fill_purposes(const Policy& policy, TextMap& texts) {
  auto text = [&](const std::string& key) {
    const std::string* t = find_text(texts, key);
    return t ? *t : std::string();
  };
  std::vector<std::string> words;
  for (const Category& c : policy.categories) {
    if (c.required) continue;
    std::string word = text("purpose." + c.id);
    words.push_back(word.empty() ? text("category." + c.id + ".title") : word);
  }
  std::string list;
  for (std::size_t i = 0; i < words.size(); ++i)
    list += (i == 0 ? "" : i + 1 == words.size() ? text("list.and") : text("list.separator")) + words[i];
  for (auto& [key, value] : texts)
    for (std::size_t at = value.find("{purposes}"); at != std::string::npos; at = value.find("{purposes}", at + list.size()))
      value.replace(at, 10, list);
}
}  // namespace

TextMap resolve_texts(const Policy& policy, std::string_view language) {
  TextMap texts;
  std::string base(primary(language));
  std::string exact;
  for (char c : language) exact += c == '_' ? '-' : c;
  overlay(texts, builtin_texts("en"));
  if (base != "en") overlay(texts, builtin_texts(base));
  if (exact != base) overlay(texts, builtin_texts(exact));
  if (exact != base) overlay(texts, policy.texts_for(base));
  overlay(texts, policy.texts_for(exact));
  for (const Category& c : policy.categories) {
    std::string key = "category." + c.id + ".title";
    if (!find_text(texts, key)) texts.emplace_back(key, c.id);
    key = "category." + c.id + ".description";
    if (!find_text(texts, key)) texts.emplace_back(key, "");
  }
  fill_purposes(policy, texts);
  return texts;
}

namespace {
const std::string* translation(const LocalText& t, std::string_view language) {
  for (const auto& [lang, text] : t.by_lang)
    if (same_tag(lang, language)) return &text;
  for (const auto& [lang, text] : t.by_lang)
    if (same_tag(lang, primary(language))) return &text;
  return nullptr;
}
}  // namespace

const std::string& local_text(const LocalText& t, std::string_view language) {
  const std::string* found = translation(t, language);
  return found ? *found : t.text;
}

bool has_translation(const LocalText& t, std::string_view language) { return translation(t, language) != nullptr; }

}  // namespace assent
