#pragma once
#include <cstddef>

// Input limits. A policy is written by a site owner but fetched at runtime, so the engine must survive any
// text it is handed: these bound memory and time, and each produces a clear validation error.
namespace assent::limits {
constexpr std::size_t kPolicyBytes = 256 * 1024;
constexpr int kNestingDepth = 32;
constexpr std::size_t kCategories = 64;
constexpr std::size_t kServices = 512;
constexpr std::size_t kPatternsPerService = 64;  // cookies, storage keys and scripts each
constexpr std::size_t kCountriesPerService = 32;  // "location" as a list of country codes
constexpr std::size_t kLanguages = 32;
constexpr std::size_t kTextChars = 2000;
constexpr std::size_t kErrors = 100;  // validation errors listed; then one "more errors follow"
constexpr int kMaxAgeDaysCap = 395;  // ~13 months (CNIL; config/jurisdictions.md §0)
constexpr int kDefaultMaxAgeDays = 182;  // ~6 months (CNIL)
constexpr std::size_t kRecordChars = 4096;  // a cookie cannot hold more anyway
constexpr std::size_t kContextBytes = 16 * 1024;
constexpr std::size_t kCspSources = 64;        // base sources per CSP directive (policy "csp")
constexpr std::size_t kCspValueChars = 512;    // one CSP source, report-uri or report-to value
constexpr long long kClockSkewSeconds = 24 * 3600;  // records up to a day "in the future" are tolerated
}  // namespace assent::limits
