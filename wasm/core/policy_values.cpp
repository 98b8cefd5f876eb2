#include "policy_values.hpp"

#include <algorithm>
#include <cmath>

#include "gcm.hpp"
#include "glob.hpp"

namespace assent {

bool is_id(std::string_view s) {
  if (s.empty() || s.size() > 32 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

bool is_cookie_name(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  return true;
}

bool is_domain(std::string_view s) {
  if (!s.empty() && s[0] == '.') s.remove_prefix(1);
  if (s.empty() || s.size() > 253 || s.front() == '-' || s.back() == '.' || s.back() == '-') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
  return s.find("..") == std::string_view::npos;
}

bool looks_like_country(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

bool is_whole(const Json& v) {
  if (v.is_number_integer()) return true;
  if (!v.is_number_float()) return false;
  double d = v.number();
  return std::isfinite(d) && d == std::floor(d);
}

// A whole JSON number, clamped to [-1, max]: values above INT64_MAX arrive as unsigned or as doubles, and a
// plain get<long long>() would wrap them to negative numbers (or be undefined for doubles).
long long whole_number(const Json& v, long long max) {
  if (v.is_number_unsigned()) return static_cast<long long>(std::min<unsigned long long>(v.unsigned_integer(), static_cast<unsigned long long>(max)));
  if (v.is_number_float()) {
    double d = v.number();
    return d >= static_cast<double>(max) ? max : d < 0 ? -1 : static_cast<long long>(d);
  }
  return std::max(-1LL, std::min(static_cast<long long>(v.integer()), max));
}

// Browsers drop tabs and newlines from URLs and read "\" as "/", so "/\evil.example" or "/<TAB>/evil.example"
// would leave the site: such characters are refused outright, and a path may not start with two slashes.
bool is_page_url(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) <= 0x20 || c == '\\' || c == 0x7f) return false;
  return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0 || (s.size() >= 1 && s[0] == '/' && s.rfind("//", 0) != 0);
}

bool is_gcm_type(std::string_view s) {
  for (const char* t : kGcmTypes)
    if (s == t) return true;
  return false;
}

std::string storage_glob_problem(std::string_view g) {
  std::string why = cookie_glob_problem(g);
  return why.empty() ? why : why + " (storage keys follow the cookie-name rules)";
}

std::string gcm_problem(std::string_view s) {
  return is_gcm_type(s) ? std::string() : "not a Consent Mode type (ad_storage, ad_user_data, ad_personalization, "
                                          "analytics_storage, functionality_storage, personalization_storage, "
                                          "security_storage)";
}

}  // namespace assent
