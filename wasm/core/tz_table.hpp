#pragma once
#include <cstddef>

namespace assent::tz {
// Zone names sorted and front-coded: per zone a byte < 0x20 (characters shared with the previous name), then the
// rest of the name ("\000Africa/Abidjan\010ccra…"); kZoneCountries holds each zone's index into kCountries.
extern const char kZoneNames[];
extern const std::size_t kZoneNamesSize;
extern const unsigned char kZoneCountries[];
extern const char kCountries[];  // "ADAEAF…", sorted
extern const std::size_t kCountryCount;
}  // namespace assent::tz
