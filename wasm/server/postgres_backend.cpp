// Receipts in PostgreSQL, for sites that run several server instances: they share the table, and the unique
// record hash makes the same record posted to two instances one receipt. A lost connection is re-opened on
// the next request; until then every request gets "unavailable" (the server answers 503, never 201).
#include <libpq-fe.h>

#include <mutex>

#include "receipt_store.hpp"

namespace assent::server {

namespace {
const char* const kSchema =
    "CREATE TABLE IF NOT EXISTS assent_receipts ("
    " id TEXT PRIMARY KEY, record_sha256 TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL,"
    " revision TEXT NOT NULL, policy_hash TEXT NOT NULL, record TEXT NOT NULL, region TEXT NOT NULL,"
    " model TEXT NOT NULL, token TEXT NOT NULL, network TEXT NOT NULL, browser TEXT NOT NULL, page TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS assent_receipts_created_at ON assent_receipts(created_at);";
const std::string kColumns = "id, created_at, revision, policy_hash, record, region, model, token, network, browser, page";

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

Receipt row(PGresult* res, int i) {
  auto col = [&](int c) { return std::string(PQgetvalue(res, i, c), static_cast<std::size_t>(PQgetlength(res, i, c))); };
  Receipt r;
  r.id = col(0);
  r.time = std::stoll(col(1));
  r.revision = col(2), r.policy_hash = col(3), r.record = col(4), r.region = col(5), r.model = col(6);
  r.token = col(7), r.network = col(8), r.browser = col(9), r.page = col(10);
  return r;
}

class PostgresBackend : public StoreBackend {
 public:
  ~PostgresBackend() override {
    if (conn_) PQfinish(conn_);
  }

  bool open(const std::string& conninfo, std::string& error) {
    conn_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) return error = "cannot connect to PostgreSQL: " + last_error(), false;
    // Two instances starting at once both run this; one may lose the race on the catalogue, which is harmless.
    Result r(PQexec(conn_, kSchema), PQclear);
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK && !table_exists())
      return error = "cannot create the receipts table: " + last_error(), false;
    return true;
  }

  std::vector<PutResult> insert_batch(const std::vector<Receipt>& batch) override {
    std::lock_guard<std::mutex> lock(m_);
    std::vector<PutResult> out;
    auto fail = [&](const std::string& what) {
      std::string why = what + ": " + last_error();
      if (PQstatus(conn_) == CONNECTION_OK) command("ROLLBACK");
      return std::vector<PutResult>(batch.size(), PutResult{PutStatus::Unavailable, {}, why});
    };
    if (!connected()) return fail("PostgreSQL is unreachable");
    if (!command("BEGIN")) return fail("cannot begin a transaction");
    for (const Receipt& r : batch) {
      std::string key = sha256_hex(r.record), time = std::to_string(r.time);
      const char* values[] = {r.id.c_str(), time.c_str(), r.revision.c_str(), r.policy_hash.c_str(), r.record.c_str(),
                              r.region.c_str(), r.model.c_str(), r.token.c_str(), r.network.c_str(), r.browser.c_str(), r.page.c_str(), key.c_str()};
      Result ins(PQexecParams(conn_,
                              ("INSERT INTO assent_receipts (" + kColumns + ", record_sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                               "$9, $10, $11, $12) ON CONFLICT (record_sha256) DO NOTHING").c_str(),
                              12, nullptr, values, nullptr, nullptr, 0),
                 PQclear);
      if (PQresultStatus(ins.get()) != PGRES_COMMAND_OK) return fail("cannot insert a receipt");
      if (std::string(PQcmdTuples(ins.get())) == "1") {
        out.push_back({PutStatus::Stored, r, {}});
        continue;
      }
      const char* k[] = {key.c_str()};
      Result sel(PQexecParams(conn_, ("SELECT " + kColumns + " FROM assent_receipts WHERE record_sha256 = $1").c_str(), 1, nullptr, k,
                              nullptr, nullptr, 0),
                 PQclear);
      if (PQresultStatus(sel.get()) != PGRES_TUPLES_OK || PQntuples(sel.get()) != 1) return fail("cannot read the earlier receipt");
      out.push_back({PutStatus::Existing, row(sel.get(), 0), {}});
    }
    if (!command("COMMIT")) return fail("cannot commit");
    return out;
  }

  std::optional<Receipt> get(const std::string& id, std::string& error) override {
    std::lock_guard<std::mutex> lock(m_);
    if (!connected()) return error = "PostgreSQL is unreachable: " + last_error(), std::nullopt;
    const char* v[] = {id.c_str()};
    Result res(PQexecParams(conn_, ("SELECT " + kColumns + " FROM assent_receipts WHERE id = $1").c_str(), 1, nullptr, v, nullptr, nullptr, 0),
               PQclear);
    if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) return error = last_error(), std::nullopt;
    if (PQntuples(res.get()) == 0) return std::nullopt;
    return row(res.get(), 0);
  }

  bool scan(std::int64_t since, const std::function<void(const Receipt&)>& each, std::string& error) override {
    std::lock_guard<std::mutex> lock(m_);
    if (!connected()) return error = "PostgreSQL is unreachable: " + last_error(), false;
    std::string s = std::to_string(since);
    const char* v[] = {s.c_str()};
    Result res(PQexecParams(conn_, ("SELECT " + kColumns + " FROM assent_receipts WHERE created_at >= $1 ORDER BY created_at, id").c_str(), 1,
                            nullptr, v, nullptr, nullptr, 0),
               PQclear);
    if (PQresultStatus(res.get()) != PGRES_TUPLES_OK) return error = last_error(), false;
    for (int i = 0; i < PQntuples(res.get()); ++i) each(row(res.get(), i));
    return true;
  }

  long long purge(std::int64_t before, std::string& error) override {
    std::lock_guard<std::mutex> lock(m_);
    if (!connected()) return error = "PostgreSQL is unreachable: " + last_error(), -1;
    std::string b = std::to_string(before);
    const char* v[] = {b.c_str()};
    Result res(PQexecParams(conn_, "DELETE FROM assent_receipts WHERE created_at < $1", 1, nullptr, v, nullptr, nullptr, 0), PQclear);
    if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return error = last_error(), -1;
    return std::stoll(PQcmdTuples(res.get()));
  }

 private:
  bool command(const char* sql) {
    Result r(PQexec(conn_, sql), PQclear);
    return PQresultStatus(r.get()) == PGRES_COMMAND_OK;
  }
  bool table_exists() {
    Result r(PQexec(conn_, "SELECT 1 FROM assent_receipts LIMIT 0"), PQclear);
    return PQresultStatus(r.get()) == PGRES_TUPLES_OK;
  }
  // After a restart of PostgreSQL the old connection is dead: try once to re-open it.
  bool connected() {
    if (PQstatus(conn_) == CONNECTION_OK) {
      Result ping(PQexec(conn_, "SELECT 1"), PQclear);
      if (PQresultStatus(ping.get()) == PGRES_TUPLES_OK) return true;
    }
    PQreset(conn_);
    return PQstatus(conn_) == CONNECTION_OK;
  }
  std::string last_error() {
    std::string e = PQerrorMessage(conn_);
    while (!e.empty() && (e.back() == '\n' || e.back() == ' ')) e.pop_back();
    return e;
  }

  PGconn* conn_ = nullptr;
  std::mutex m_;
};
}  // namespace

std::unique_ptr<StoreBackend> open_postgres(const std::string& conninfo, std::string& error) {
  auto b = std::make_unique<PostgresBackend>();
  if (!b->open(conninfo, error)) return nullptr;
  return b;
}

}  // namespace assent::server
