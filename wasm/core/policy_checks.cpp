// What a policy reader checks once a container closes (required keys, list lengths, whole entries), and the
// typed values every field is read as, each error naming the value and its place (policy_reader.hpp).
#include <algorithm>

#include "error_words.hpp"
#include "glob.hpp"
#include "limits.hpp"
#include "locales.hpp"
#include "policy_keys.hpp"
#include "policy_reader.hpp"
#include "policy_values.hpp"
#include "theme.hpp"

namespace assent {

using namespace policy_keys;

namespace {
Category builtin_category(const std::string& id) {
  Category c;
  c.id = id;
  if (id == "essential") c.required = true, c.gcm = {"security_storage"};
  else if (id == "preference") c.gcm = {"functionality_storage", "personalization_storage"};
  else if (id == "analytics") c.gcm = {"analytics_storage"};
  else if (id == "marketing") c.sale_or_sharing = true, c.gcm = {"ad_storage", "ad_user_data", "ad_personalization"};
  return c;
}
}  // namespace

// No "categories" key: the four built-in categories.
void PolicyReader::default_categories() {
  for (const char* id : {"essential", "preference", "analytics", "marketing"}) p_.categories.push_back(builtin_category(id));
  p_.categories_defaulted = true;
}

// What can be checked only once a container has closed: required keys, list lengths, whole entries.
void PolicyReader::closed(const Frame& f) {
  switch (f.node) {
    case Node::Root:
      if (!has(f, root::revision)) error("/revision", "is required");
      if (!has(f, root::site)) error("/site", "is required");
      return;
    case Node::Site:
      if (!has(f, site::name)) error("/site/name", "is required");
      return;
    case Node::Receipts:
      if (!has(f, 0)) error("/receipts/url", "is required");
      return;
    case Node::Categories:
      if (f.count > limits::kCategories) return too_many(f, limits::kCategories);
      if (!p_.category("essential"))
        error("/categories", "must include the \"essential\" category (cookies the site needs to work)");
      return;
    case Node::Category: return close_category(f);
    case Node::Services: return too_many(f, limits::kServices);
    case Node::Service: return close_service(f);
    case Node::Cookies: return too_many(f, limits::kPatternsPerService);
    case Node::Cookie: return close_cookie(f);
    case Node::StringList: return too_many(f, f.max);
    case Node::LocalText:
      if (f.count == 0) error(f.path, "must give the text in at least one language");
      return;
    case Node::Location:
      if (f.count == 0 || f.count > limits::kCountriesPerService)
        error(f.path, "must list 1 to " + std::to_string(limits::kCountriesPerService) + " country codes");
      return;
    case Node::Languages:
      if (f.count > limits::kLanguages) return too_many(f, limits::kLanguages);
      if (f.count == 0) error(f.path, "must list at least one language");
      if (!languages_.empty()) p_.languages = languages_;
      return;
    default: return;
  }
}

void PolicyReader::close_category(const Frame& f) {
  if (!has(f, category::id)) error(f.path + "/id", "is required");
  if (!category_.id_ok) return;
  Category c = builtin_category(category_.id);
  c.required = category_.required.value_or(c.required);
  c.sale_or_sharing = category_.sale_or_sharing.value_or(c.sale_or_sharing);
  if (category_.gcm_given) c.gcm = std::move(category_.gcm);
  if (c.id == "essential" && !c.required) error(f.path + "/required", "the essential category is always required");
  p_.categories.push_back(std::move(c));
}

void PolicyReader::close_service(const Frame& f) {
  for (int key : {service::id, service::category, service::vendor})
    if (!has(f, key)) error(f.path + "/" + service::keys[key], "is required"), service_ok_ &= key == service::vendor;
  if (!service_ok_) return;
  p_.services.push_back(std::move(service_));
  pending_services_.push_back({f.path, service_category_seq_});
}

// A cookie given as an object: its name, and at most one of its lifetimes (0 is a session cookie).
void PolicyReader::close_cookie(const Frame& f) {
  std::string name;
  if (!has(f, cookie::name)) return error(f.path + "/name", "is required");
  if (!text(cookie_.name, f.path + "/name", name, 1, 128)) return;
  bool days = has(f, cookie::max_age_days), seconds = has(f, cookie::max_age_seconds);
  if (days && seconds) return error(f.path, "give maxAgeDays or maxAgeSeconds, not both");
  long long lifetime = -1;
  if (days || seconds) {
    const Json& d = days ? cookie_.days : cookie_.seconds;
    long long limit = days ? 100000 : 100000LL * 86400;
    long long n = is_whole(d) ? whole_number(d, limit + 1) : -1;
    if (n < 0 || n > limit)
      return error(f.path + (days ? "/maxAgeDays" : "/maxAgeSeconds"),
                   days ? "must be a whole number of days (0 for a session cookie) up to 100000"
                        : "must be a whole number of seconds (0 for a session cookie) up to 8640000000");
    lifetime = n * (days ? 86400 : 1);
  }
  if (std::string why = cookie_glob_problem(name); !why.empty()) return refuse(f.path + "/name", name, ": " + why);
  service_.cookies.push_back(name);
  service_.cookie_seconds.push_back(lifetime);
}

void PolicyReader::refuse(const std::string& at, std::string_view value, std::string_view why) {
  error(at, show(value) + std::string(why));
}

void PolicyReader::wrong_type(const std::string& at, const char* expected, const Json& v) {
  error(at, expected + std::string(type_name(v)));
}

bool PolicyReader::text(const Json& v, const std::string& at, std::string& out, std::size_t min, std::size_t max) {
  if (!v.is_string()) return wrong_type(at, "must be a string, not ", v), false;
  const std::string& s = v.str();
  if (chars(s) < min) return error(at, min == 1 ? "must not be empty" : "is too short"), false;
  if (chars(s) > max) return error(at, "is longer than " + std::to_string(max) + " characters"), false;
  // "\u0000" is valid JSON, but a NUL cuts the text short wherever it is handled as a C string.
  if (s.find('\0') != std::string::npos) return error(at, "must not contain a NUL character (\\u0000)"), false;
  out = s;
  return true;
}

bool PolicyReader::container(const Json& v, const std::string& at, Frame* child, Node node) {
  bool array = node == Node::Categories || node == Node::Services || node == Node::Languages || node == Node::Cookies;
  if (array ? !v.is_array() : !v.is_object())
    return wrong_type(at, array ? "must be an array, not " : "must be an object, not ", v), false;
  child->node = node;
  return true;
}

void PolicyReader::list(const Json& v, const std::string& at, Frame* child, std::size_t max, Problem problem,
                        std::vector<std::string>* out) {
  if (!v.is_array()) return wrong_type(at, "must be an array, not ", v);
  child->node = Node::StringList;
  child->max = max;
  child->problem = problem;
  child->strings = out;
}

void PolicyReader::too_many(const Frame& f, std::size_t max) {
  if (f.count > max) error(f.path, "has " + std::to_string(f.count) + " entries; the limit is " + std::to_string(max));
}

void PolicyReader::page_url(const Json& v, const std::string& at, std::string& out) {
  if (!text(v, at, out, 1, 2048) || is_page_url(out)) return;
  refuse(at, out, " must start with https://, http:// or / (no spaces, control characters or backslashes)");
  out.clear();
}

void PolicyReader::colour(const Json& v, const std::string& at, std::string& out) {
  std::string c;
  if (!text(v, at, c, 1, 7)) return;
  if (is_hex_colour(c)) out = c;
  else refuse(at, c, " is not a colour written as #rgb or #rrggbb");
}

void PolicyReader::flag(const Json& v, const std::string& at, bool& out) {
  if (!v.is_boolean()) return wrong_type(at, "must be true or false, not ", v);
  out = v.boolean();
}

void PolicyReader::choice(const Json& v, const std::string& at, std::string& out, std::initializer_list<const char*> values) {
  std::string s;
  if (!text(v, at, s, 1, 32)) return;
  std::string list;
  for (const char* value : values) {
    if (s == value) return void(out = s);
    list += (list.empty() ? "\"" : ", \"") + std::string(value) + "\"";
  }
  refuse(at, s, " is not one of " + list);
}

bool PolicyReader::model(const Json& v, const std::string& at, Model& out) {
  std::string s;
  if (!text(v, at, s, 1, 32)) return false;
  if (parse_model(s, out)) return true;
  refuse(at, s, " is not a consent model; use \"opt-in\", \"opt-out\", \"notice\" or \"none\"");
  return false;
}

// A text the visitor reads: one string, or an object of language → string (see LocalText).
void PolicyReader::local_text(const Json& v, const std::string& at, Frame* child, LocalText& out, std::size_t max) {
  if (v.is_string()) return void(text(v, at, out.text, 1, max));
  if (!v.is_object()) return wrong_type(at, "must be a string or an object of language → text, not ", v);
  child->node = Node::LocalText;
  child->text = &out;
  child->max = max;
}

// A country code must be one the locales name (country.<code> in config/locales).
void PolicyReader::country(const std::string& code, const std::string& at) {
  if (!looks_like_country(code) || !is_text_key("country." + code))
    return refuse(at, code, " is not a country code Assent names (ISO 3166 alpha-2 in capitals, e.g. \"US\"; "
                                  "the list is the country.* keys of config/locales/en.json); use free text for others");
  std::vector<std::string>& countries = service_.countries;
  if (std::find(countries.begin(), countries.end(), code) == countries.end()) countries.push_back(code);
}

}  // namespace assent
