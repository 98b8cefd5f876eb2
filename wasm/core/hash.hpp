#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace assent {
// FNV-1a 32-bit: tiny, deterministic across native and wasm. Used for the revision tag and the record's
// integrity check (it catches edits and corruption; it is not a signature — there is no secret client-side).
inline std::uint32_t fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

inline std::string hex8(std::uint32_t v) {
  static const char digits[] = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 0xF];
  return out;
}
}  // namespace assent
