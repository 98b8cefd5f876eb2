#pragma once
#include <string>
#include <string_view>

#include "model.hpp"

namespace assent {
struct Policy;

// "de", "us_ca", "UK", "EL" → "DE", "US-CA", "GB", "GR". False unless the input has the shape CC or CC-SUB.
bool normalize_region(std::string_view in, std::string& out);

bool is_known_country(std::string_view cc);  // ISO 3166-1 alpha-2, from tzdata's iso3166.tab

// Country of an IANA time zone (incl. backward links such as US/Pacific), or empty.
std::string country_for_time_zone(std::string_view tz);

// Built-in model for a normalized region code (config/jurisdictions.md §0). False when the region is unknown,
// in which case the policy's fallback applies.
bool builtin_model(std::string_view region, Model& out);

// Days a refusal/opt-out must be respected before asking again (US-CA: 12 months, CCPA 1798.135(c)(4)).
int reask_after_opt_out_days(std::string_view region);
// The longest of those over every region (a record whose region is not known here: the receipts server).
int longest_reask_after_opt_out_days();

struct RegionResolution {
  std::string region;  // empty when unknown
  const char* source;  // "hint" | "timezone" | "fallback"
  Model model;
};

// Explicit hint → time zone → fallback; policy overrides win over the built-in table.
RegionResolution resolve_region(const Policy& policy, std::string_view hint, std::string_view time_zone);
}  // namespace assent
