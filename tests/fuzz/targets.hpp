#pragma once
// The fuzz targets as plain functions of the input bytes. Each libFuzzer binary (fuzz_main.cpp) calls one;
// tests/unit/fuzz_regressions_test.cpp replays every stored input (regressions + seed corpus) through the
// same functions, so a crash found once stays a test in ctest and in the sanitizer build.
// A violated property prints what broke and aborts: libFuzzer keeps the input, ctest reports a failure.
#include <cstdint>
#include <string>
#include <string_view>

#include "engine.hpp"
#include <nlohmann/json.hpp>

namespace assent_fuzz {

void policy(std::string_view data);    // parse + validate; when valid also lint, policy text, decide, choose
void record(std::string_view data);    // check_record + encode/parse round trip
void language(std::string_view data);  // negotiation of Accept-Language-ish lists against fixed offers
void region(std::string_view data);    // "<hint>\n<time zone>" → region resolution
void decide(std::string_view data);    // "<context JSON>\n<action JSON>" → decide/choose on fixed policies

struct Target {
  const char* name;
  void (*run)(std::string_view);
};
inline constexpr Target kTargets[] = {
    {"policy", policy}, {"record", record}, {"language", language}, {"region", region}, {"decide", decide}};

// ---- shared by the targets (support.cpp) ----

// Prints "<target>: property violated: <what>" and the input (escaped, cut), then aborts.
[[noreturn]] void fail(const char* target, const std::string& what, std::string_view input);
#define ASSENT_FUZZ_CHECK(target, cond, what, input) \
  do {                                               \
    if (!(cond)) ::assent_fuzz::fail(target, what, input); \
  } while (0)

// Fixed valid policies the context/record/region targets run against (loaded once; abort if invalid).
const assent::Policy& rich_policy();    // every feature: custom category, overrides, texts, 3 languages, DNT
const assent::Policy& opt_out_policy(); // opt-out fallback, sale/sharing category, one language
constexpr std::int64_t kNow = 1795000000;

// Parses an engine output that must be JSON; fails the target when it is not.
nlohmann::json must_parse(const char* target, const std::string& output, std::string_view input);

}  // namespace assent_fuzz
