#pragma once
#include <cstdint>
#include <string>

// "2026-11-24", "2026-11-24T10:00:00Z", "2026-11-24T10:00+02:00" or unix seconds → unix seconds.
// Returns false for anything else; `out` is then unspecified.
bool parse_time(const std::string& s, std::int64_t& out);
