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

// A service's purpose in a language (exact, then base, then the default string).
std::string service_purpose(const Service& service, std::string_view language);
}  // namespace assent
