#pragma once
#include <cstddef>

namespace assent::tz {
struct ZoneCountry {
  const char* zone;
  char country[3];
};
extern const ZoneCountry kZones[];
extern const std::size_t kZoneCount;
extern const char kCountries[];
extern const std::size_t kCountryCount;
}  // namespace assent::tz
