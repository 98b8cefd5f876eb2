#pragma once
// The shapes a policy value must have (ids, cookie names, domains, page URLs, whole numbers): small pure
// checks, kept apart from the validator that walks the policy and reports where a value breaks them.
#include <string>
#include <string_view>

#include "json_util.hpp"

namespace assent {
bool is_id(std::string_view s);
// What is_id asks, for the error that names an id it refuses (it follows the id).
constexpr const char* kIdRule = " must start with a lowercase letter and use only a-z, 0-9, '_' and '-' (max 32)";
bool is_cookie_name(std::string_view s);
bool is_domain(std::string_view s);
// Two capital letters: a "location" string read as an ISO 3166 country code rather than free text.
bool looks_like_country(std::string_view s);
// A whole number as JSON Schema counts them: 30 and 30.0 alike (the schema and the engine must agree).
bool is_whole(const Json& v);
// A whole JSON number clamped to [-1, max], never wrapped or cast out of range.
long long whole_number(const Json& v, long long max);
// https://, http:// or a same-site path that no browser reads as another host.
bool is_page_url(std::string_view s);
// Why a service's storage key glob is refused ("" when fine): keys are matched and deleted like cookies.
std::string storage_glob_problem(std::string_view g);
// Why a Consent Mode type is refused ("" when it is one).
std::string gcm_problem(std::string_view s);
}  // namespace assent
