#pragma once
// `assent serve`, `assent keygen` and `assent receipts verify|export|purge`: the receipts server and its tools.
#include <string>
#include <vector>

namespace assent::server {

struct ServeArgs {
  std::string policy_path, db = "sqlite:receipts.db", listen = "127.0.0.1:8787", key_path, admin_token_file;
  std::vector<std::string> allow_origins;
  bool trust_proxy = false;
  std::string region_header, subdivision_header;
  int rate_per_minute = 60;
  int threads = 32;
  int timeout_seconds = 5;  // per read or write on a connection: a stalled client is dropped after this
};

struct ReceiptsArgs {
  std::string out, public_out;   // keygen
  bool force = false;            // keygen: overwrite
  std::string token, public_key; // receipts verify
  std::string db, since, format = "jsonl", older_than;  // receipts export / purge
};

// Each returns the process's exit status: 0 ok, 1 failure (said on stderr).
int run_serve(const ServeArgs& a);
int run_keygen(const ReceiptsArgs& a);
int run_receipts_verify(const ReceiptsArgs& a);
int run_receipts_export(const ReceiptsArgs& a);
int run_receipts_purge(const ReceiptsArgs& a);

}  // namespace assent::server
