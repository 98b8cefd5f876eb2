// Receipts in SQLite: WAL with synchronous=FULL, so a committed receipt survives a crash of the process or of
// the machine; the batcher (receipt_store.cpp) makes one commit carry many receipts.
#include <sqlite3.h>

#include <mutex>

#include "receipt_store.hpp"

namespace assent::server {

namespace {
const char* const kSchema =
    "CREATE TABLE IF NOT EXISTS receipts ("
    " id TEXT PRIMARY KEY, record_sha256 TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL,"
    " revision TEXT NOT NULL, policy_hash TEXT NOT NULL, record TEXT NOT NULL, region TEXT NOT NULL,"
    " model TEXT NOT NULL, token TEXT NOT NULL, network TEXT NOT NULL, browser TEXT NOT NULL, page TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS receipts_created_at ON receipts(created_at);";
const char* const kColumns = "id, created_at, revision, policy_hash, record, region, model, token, network, browser, page";

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) { sqlite3_prepare_v2(db, sql.c_str(), -1, &s_, nullptr); }
  ~Statement() { sqlite3_finalize(s_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  explicit operator bool() const { return s_ != nullptr; }
  Statement& text(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& integer(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  int step() { return sqlite3_step(s_); }
  std::string column_text(int i) {
    auto p = sqlite3_column_text(s_, i);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(s_, i))) : std::string();
  }
  Receipt row() {
    Receipt r;
    r.id = column_text(0);
    r.time = sqlite3_column_int64(s_, 1);
    r.revision = column_text(2), r.policy_hash = column_text(3), r.record = column_text(4), r.region = column_text(5);
    r.model = column_text(6), r.token = column_text(7), r.network = column_text(8), r.browser = column_text(9);
    r.page = column_text(10);
    return r;
  }
  void reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }

 private:
  sqlite3_stmt* s_ = nullptr;
};

class SqliteBackend : public StoreBackend {
 public:
  ~SqliteBackend() override { sqlite3_close_v2(db_); }

  bool open(const std::string& path, std::string& error) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK)
      return error = "cannot open SQLite database " + path + ": " + sqlite3_errmsg(db_), false;
    sqlite3_busy_timeout(db_, 5000);  // another process (export, purge) may hold the write lock briefly
    if (!exec("PRAGMA journal_mode=WAL") || !exec("PRAGMA synchronous=FULL") || !exec(kSchema))
      return error = "cannot prepare SQLite database " + path + ": " + sqlite3_errmsg(db_), false;
    return true;
  }

  std::vector<PutResult> insert_batch(const std::vector<Receipt>& batch) override {
    std::lock_guard<std::mutex> lock(m_);
    std::vector<PutResult> out;
    auto fail = [&](const char* what) {
      std::string why = std::string(what) + ": " + sqlite3_errmsg(db_);
      exec("ROLLBACK");
      return std::vector<PutResult>(batch.size(), PutResult{PutStatus::Unavailable, {}, why});
    };
    if (!exec("BEGIN IMMEDIATE")) return fail("cannot begin a transaction");
    Statement insert(db_, std::string("INSERT OR IGNORE INTO receipts (") + kColumns +
                              ", record_sha256) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    Statement existing(db_, std::string("SELECT ") + kColumns + " FROM receipts WHERE record_sha256 = ?1");
    if (!insert || !existing) return fail("cannot prepare the insert");
    for (const Receipt& r : batch) {
      std::string key = sha256_hex(r.record);
      insert.text(1, r.id).integer(2, r.time).text(3, r.revision).text(4, r.policy_hash).text(5, r.record);
      insert.text(6, r.region).text(7, r.model).text(8, r.token).text(9, r.network).text(10, r.browser).text(11, r.page).text(12, key);
      if (insert.step() != SQLITE_DONE) return fail("cannot insert a receipt");
      insert.reset();
      if (sqlite3_changes(db_) == 1) {
        out.push_back({PutStatus::Stored, r, {}});
        continue;
      }
      existing.text(1, key);
      if (existing.step() != SQLITE_ROW) return fail("cannot read the earlier receipt");
      out.push_back({PutStatus::Existing, existing.row(), {}});
      existing.reset();
    }
    if (!exec("COMMIT")) return fail("cannot commit");
    return out;
  }

  std::optional<Receipt> get(const std::string& id, std::string& error) override {
    std::lock_guard<std::mutex> lock(m_);
    Statement q(db_, std::string("SELECT ") + kColumns + " FROM receipts WHERE id = ?1");
    if (!q) return error = sqlite3_errmsg(db_), std::nullopt;
    q.text(1, id);
    int rc = q.step();
    if (rc == SQLITE_ROW) return q.row();
    if (rc != SQLITE_DONE) error = sqlite3_errmsg(db_);
    return std::nullopt;
  }

  bool scan(std::int64_t since, const std::function<void(const Receipt&)>& each, std::string& error) override {
    std::lock_guard<std::mutex> lock(m_);
    Statement q(db_, std::string("SELECT ") + kColumns + " FROM receipts WHERE created_at >= ?1 ORDER BY created_at, id");
    if (!q) return error = sqlite3_errmsg(db_), false;
    q.integer(1, since);
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) each(q.row());
    if (rc != SQLITE_DONE) return error = sqlite3_errmsg(db_), false;
    return true;
  }

  long long purge(std::int64_t before, std::string& error) override {
    std::lock_guard<std::mutex> lock(m_);
    Statement q(db_, "DELETE FROM receipts WHERE created_at < ?1");
    if (!q) return error = sqlite3_errmsg(db_), -1;
    q.integer(1, before);
    if (q.step() != SQLITE_DONE) return error = sqlite3_errmsg(db_), -1;
    return sqlite3_changes(db_);
  }

 private:
  bool exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

  sqlite3* db_ = nullptr;
  std::mutex m_;  // one connection: the batch writer and the readers take turns
};
}  // namespace

std::unique_ptr<StoreBackend> open_sqlite(const std::string& path, std::string& error) {
  auto b = std::make_unique<SqliteBackend>();
  if (!b->open(path, error)) return nullptr;
  return b;
}

}  // namespace assent::server
