#pragma once
#include <cstdint>
#include <string>
#include <vector>

// Command-line parsing for the `assent` CLI, kept apart from the commands so it can be read in one go.
struct CliArgs {
  std::string command, policy_path;
  std::string region, tz, record, nonce;
  std::vector<std::string> languages;
  bool gpc = false, dnt = false, has_now = false, strict = false;
  std::string format = "md";                 // policy: md | html | json
  std::int64_t now = 0;
  std::string action;                        // accept-all | reject-all | custom | opt-out | acknowledge
  std::vector<std::string> allow;            // --allow a,b (categories or services)
  std::string error;                         // usage error, empty when fine
};

CliArgs parse_args(int argc, char** argv);

// "2026-11-24", "2026-11-24T10:00:00Z", "2026-11-24T10:00+02:00" or unix seconds → unix seconds.
bool parse_time(const std::string& s, std::int64_t& out);
