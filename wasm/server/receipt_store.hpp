#pragma once
// Where receipts are kept: SQLite (embedded, the default) or PostgreSQL (several server instances). Writes are
// batched: requests that arrive while a commit is under way go into the next one, so each 201 waits for one
// fsync'd commit instead of each receipt paying for its own (sqlite_backend.cpp, postgres_backend.cpp).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "receipt.hpp"

namespace assent::server {

enum class PutStatus { Stored, Existing, Unavailable };

struct PutResult {
  PutStatus status = PutStatus::Unavailable;
  Receipt receipt;    // Stored: the one given; Existing: the one stored earlier for the same record
  std::string error;  // Unavailable: why
};

// One database. Every call is total: a failure comes back as an error text, never as an exception.
class StoreBackend {
 public:
  virtual ~StoreBackend() = default;
  // Inserts each receipt unless one for the same record exists, in one transaction; results in order.
  virtual std::vector<PutResult> insert_batch(const std::vector<Receipt>& batch) = 0;
  virtual std::optional<Receipt> get(const std::string& id, std::string& error) = 0;
  // Calls `each` for every receipt created at or after `since` (unix seconds), oldest first.
  virtual bool scan(std::int64_t since, const std::function<void(const Receipt&)>& each, std::string& error) = 0;
  // Deletes receipts created before `before`; the count, or -1 with `error`.
  virtual long long purge(std::int64_t before, std::string& error) = 0;
};

class ReceiptStore {
 public:
  explicit ReceiptStore(std::unique_ptr<StoreBackend> backend);
  ~ReceiptStore();
  ReceiptStore(const ReceiptStore&) = delete;
  ReceiptStore& operator=(const ReceiptStore&) = delete;

  // Blocks until the receipt (or the one already stored for its record) is durable, or the database failed.
  PutResult put(Receipt r);
  StoreBackend& backend() { return *backend_; }

 private:
  struct Batcher;
  std::unique_ptr<StoreBackend> backend_;
  std::unique_ptr<Batcher> batcher_;
};

// "sqlite:PATH" (or a bare path) or "postgresql://…" / "postgres://…". Nothing, with `error`, when the
// database cannot be opened or its table created.
std::unique_ptr<ReceiptStore> open_store(const std::string& url, std::string& error);

// The backends (sqlite_backend.cpp, postgres_backend.cpp).
std::unique_ptr<StoreBackend> open_sqlite(const std::string& path, std::string& error);
std::unique_ptr<StoreBackend> open_postgres(const std::string& conninfo, std::string& error);

}  // namespace assent::server
