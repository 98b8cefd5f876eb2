#pragma once
#include <cstddef>

namespace assent::tz {
extern const char kZones[];  // ";Europe/Paris=FR;Europe/Prague=CZ;…;"
extern const char kCountries[];
extern const std::size_t kCountryCount;
}  // namespace assent::tz
