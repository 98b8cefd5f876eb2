#include "region.hpp"

#include <cstring>

#include "policy.hpp"
#include "tz_table.hpp"

namespace assent {

namespace {
// Codes are compared as space-separated lists: tiny in wasm, and each list reads like the law table.
bool in_list(const char* list, std::string_view code) {
  std::string_view all(list);
  std::size_t pos = 0;
  while (pos < all.size()) {
    std::size_t end = all.find(' ', pos);
    if (end == std::string_view::npos) end = all.size();
    if (all.substr(pos, end - pos) == code) return true;
    pos = end + 1;
  }
  return false;
}

// config/jurisdictions.md §0.
const char* const kOptInCountries =
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "  // EU-27
    "IS LI NO "                                                                           // EEA
    "GB CH BR CN IN";
const char* const kNoticeCountries = "JP KR AU";
// US states whose comprehensive privacy laws give an opt-out (UOOM states, then states without a signal mandate).
const char* const kUsOptOutStates = "CA CO CT TX MT NE NH NJ MN MD DE OR VA UT IA IN TN KY RI";
const char* const kUsStates =
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC AS GU MP PR UM VI";
const char* const kCaProvinces = "AB BC MB NB NL NS NT NU ON PE QC SK YT";

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_alnum(char c) { return is_alpha(c) || (c >= '0' && c <= '9'); }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

Model override_for(const Policy& p, std::string_view code, bool& found) {
  for (const auto& [region, model] : p.overrides) {
    if (region == code) {
      found = true;
      return model;
    }
  }
  found = false;
  return Model::OptIn;
}
}  // namespace

bool normalize_region(std::string_view in, std::string& out) {
  if (in.size() < 2 || !is_alpha(in[0]) || !is_alpha(in[1])) return false;
  if (in.size() > 2) {
    if ((in[2] != '-' && in[2] != '_') || in.size() < 4 || in.size() > 6) return false;
    for (std::size_t i = 3; i < in.size(); ++i)
      if (!is_alnum(in[i])) return false;
  }
  out.clear();
  for (char c : in) out += (c == '_') ? '-' : upper(c);
  if (out.compare(0, 2, "UK") == 0) out.replace(0, 2, "GB");  // common alias, not ISO 3166
  if (out.compare(0, 2, "EL") == 0) out.replace(0, 2, "GR");  // the EU's code for Greece
  return true;
}

bool is_known_country(std::string_view cc) {
  if (cc.size() != 2) return false;
  std::size_t lo = 0, hi = tz::kCountryCount;
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    int cmp = std::strncmp(tz::kCountries + mid * 2, cc.data(), 2);
    if (cmp == 0) return true;
    if (cmp < 0) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

std::string country_for_time_zone(std::string_view tzname) {
  // Only the characters IANA names use (anything else cannot be a zone, and a byte below 0x20 would read as
  // the table's own separators).
  if (tzname.empty() || tzname.size() > 64) return {};
  for (char c : tzname)
    if (!is_alnum(c) && c != '/' && c != '_' && c != '-' && c != '+') return {};
  // One pass over the front-coded names (wasm/core/tz_table.hpp): each name is rebuilt from the one before;
  // they are sorted, so the walk stops at the first name past the one asked for.
  std::string name;
  std::size_t zone = 0;
  for (std::size_t i = 0; i < tz::kZoneNamesSize; ++zone) {
    name.resize(static_cast<unsigned char>(tz::kZoneNames[i++]));
    while (i < tz::kZoneNamesSize && static_cast<unsigned char>(tz::kZoneNames[i]) >= 0x20) name += tz::kZoneNames[i++];
    if (name == tzname) return std::string(tz::kCountries + 2 * tz::kZoneCountries[zone], 2);
    if (std::string_view(name) > tzname) break;
  }
  return {};
}

bool builtin_model(std::string_view region, Model& out) {
  std::string_view country = region.substr(0, 2);
  std::string_view sub = region.size() > 3 ? region.substr(3) : std::string_view{};
  if (country == "US") {
    // A known state without a comprehensive law gets a notice; an unknown state takes the strictest of
    // the country's subdivisions (opt-out), so a visitor located only by time zone is still protected.
    if (!sub.empty() && in_list(kUsStates, sub)) out = in_list(kUsOptOutStates, sub) ? Model::OptOut : Model::Notice;
    else out = Model::OptOut;
    return true;
  }
  if (country == "CA") {
    // Quebec's Law 25 is opt-in; PIPEDA allows implied consent elsewhere; unknown province → strictest.
    if (sub == "QC" || sub.empty() || !in_list(kCaProvinces, sub)) out = Model::OptIn;
    else out = Model::OptOut;
    return true;
  }
  if (!is_known_country(country)) return false;
  if (in_list(kOptInCountries, country)) out = Model::OptIn;
  else if (in_list(kNoticeCountries, country)) out = Model::Notice;
  else out = Model::Notice;  // any other known country: notice (config/jurisdictions.md §0)
  return true;
}

namespace {
constexpr int kCaliforniaReaskDays = 365;  // CCPA 1798.135(c)(4): 12 months before asking again after an opt-out
}  // namespace

int reask_after_opt_out_days(std::string_view region) { return region == "US-CA" ? kCaliforniaReaskDays : 0; }
int longest_reask_after_opt_out_days() { return kCaliforniaReaskDays; }

RegionResolution resolve_region(const Policy& policy, std::string_view hint, std::string_view time_zone) {
  RegionResolution r{{}, "fallback", policy.fallback};
  std::string code;
  if (!hint.empty() && normalize_region(hint, code)) {
    r.region = code;
    r.source = "hint";
  } else if (!time_zone.empty()) {
    std::string cc = country_for_time_zone(time_zone);
    if (!cc.empty()) {
      r.region = cc;
      r.source = "timezone";
    }
  }
  if (r.region.empty()) return r;
  // Exact override, then the country's override (covers its subdivisions), then the built-in table.
  bool found = false;
  Model m = override_for(policy, r.region, found);
  if (!found && r.region.size() > 2) m = override_for(policy, r.region.substr(0, 2), found);
  if (!found && !builtin_model(r.region, m)) m = policy.fallback;
  r.model = m;
  return r;
}

}  // namespace assent
