#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "serve.hpp"

// Command-line parsing for the `assent` CLI (on CLI11), kept apart from the commands so it can be read in
// one go. Only args.cpp includes CLI11, so the other files compile without it.
struct CliArgs {
  std::string command, policy_path;          // validate | decide | choose | words | policy | lint | csp | serve | keygen | receipts-verify | receipts-export | receipts-purge
  std::string region, tz, record, nonce;
  std::vector<std::string> languages;
  bool gpc = false, dnt = false, has_now = false, strict = false;
  bool header_only = false;                  // csp --header: only the header value
  std::string format = "md";                 // policy: md | html | json
  std::int64_t now = 0;
  std::string action;                        // accept-all | reject-all | custom | opt-out | acknowledge
  std::vector<std::string> allow;            // --allow a,b (categories or services)
  assent::server::ServeArgs serve;           // serve
  assent::server::ReceiptsArgs receipts;     // keygen, receipts verify|export|purge
};

// Fills `out` from argv. Returns an exit status when main should stop: 0 once --help or --version is
// printed, 2 once a usage error is printed; nothing when the command should run.
std::optional<int> parse_args(int argc, char** argv, CliArgs& out);

// Prints "assent <command>: <message>" and a hint to that command's --help on stderr; returns 2.
int usage_error(const std::string& command, const std::string& message);
