#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "policy.hpp"

namespace assent {
bool is_language_tag(std::string_view tag);  // BCP 47 shape: ll[l](-xxxx)*
bool same_tag(std::string_view a, std::string_view b);  // case-insensitive; '_' counts as '-'

// Picks the policy language for the visitor's accepted languages (BCP 47 aware):
// per accepted tag in order — exact match, then truncation (de-AT → de), then the same primary subtag
// (pt → pt-BR); nothing → the policy's first language.
std::string negotiate_language(const std::vector<std::string>& policy_languages,
                               const std::vector<std::string>& accepted);

// Texts for a language: built-in English, then the built-in base and exact locale, then the policy's
// texts for the base and exact language, key by key. Custom categories without a title get their id.
TextMap resolve_texts(const Policy& policy, std::string_view language);

// A service text in a language: exact, then base language (de-AT → de), then its default text.
const std::string& local_text(const LocalText& text, std::string_view language);
// Whether `text` is given for `language` (exact or base), not just by falling back to the default.
bool has_translation(const LocalText& text, std::string_view language);
}  // namespace assent
