// POST /assent/consent and the receipt endpoints, without sockets: statuses, the cookie's attributes (those the
// shim writes, js-shim/src/storage.ts), what is stored (coarse network and browser family, no address, no user
// agent, no query string), idempotent retries, and every refusal storing nothing.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "choice.hpp"
#include "consent_service.hpp"

using assent::Json;
using namespace assent::server;

namespace {
const std::int64_t kNow = 1795000000;  // 2026-11-18

assent::Policy policy(const std::string& revision = "2026-11-01") {
  auto load = assent::parse_policy(R"({"revision":")" + revision + R"(","site":{"name":"Shop"},"storage":{"cookie":"shop_consent","maxAgeDays":180}})");
  REQUIRE(load.ok());
  return load.policy;
}

std::string record(const assent::Policy& p, std::int64_t now, const char* action = "accept-all") {
  assent::Context ctx;
  ctx.region = "DE";
  ctx.now = now;
  ctx.nonce = "00112233445566778899aabbccddeeff";
  assent::ChoiceAction a;
  REQUIRE(assent::parse_choice_type(action, a.type));
  auto r = assent::choose(p, ctx, a);
  REQUIRE(r.error.empty());
  return r.record;
}

struct TempDb {
  std::filesystem::path path = std::filesystem::temp_directory_path() / ("assent-receipts-" + random_hex(8) + ".db");
  ~TempDb() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
};

struct Fixture {
  TempDb db;
  std::unique_ptr<ReceiptStore> store;
  SigningKey key = SigningKey::generate();
  std::unique_ptr<ConsentService> service;
  std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}, {"Host", "shop.example"}};

  explicit Fixture(ServiceOptions options = {}) {
    std::string error;
    store = open_store("sqlite:" + db.path.string(), error);
    REQUIRE(store);
    options.admin_token = options.admin_token.empty() ? "an-admin-token-of-32-characters!" : options.admin_token;
    service = std::make_unique<ConsentService>(policy(), std::string(64, 'b'), key, *store, options);
    service->now = [] { return kNow; };
  }

  Request request(const std::string& body, const std::string& ip = "203.0.113.7") {
    Request r;
    r.method = "POST";
    r.body = body;
    r.remote_ip = ip;
    r.header = [this](const std::string& name) {
      auto it = headers.find(name);
      return it == headers.end() ? std::string() : it->second;
    };
    return r;
  }
  Reply post(const std::string& body, const std::string& ip = "203.0.113.7") { return service->post_consent(request(body, ip)); }

  std::size_t rows() {
    std::size_t n = 0;
    std::string error;
    store->backend().scan(0, [&](const Receipt&) { ++n; }, error);
    return n;
  }
};

std::string header(const Reply& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

Json body(const Reply& r) { return std::move(assent::parse_json(r.body, 1 << 16, 8).value); }
std::string error_code(const Reply& r) {
  Json b = body(r);
  const Json* e = b.find("error");
  return e ? e->find("code")->str() : "";
}
}  // namespace

TEST_CASE("a valid record gets 201, a signed receipt and the consent cookie; a retry gets the same receipt", "[receipts]") {
  Fixture f;
  std::string rec = record(policy(), kNow - 60);
  f.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
  f.headers["Origin"] = "http://shop.example";
  Reply r = f.post(R"({"record":")" + rec + R"(","url":"http://shop.example/pricing?email=a@b.example#top"})");
  REQUIRE(r.status == 201);
  Json b = body(r);
  std::string id = b.find("id")->str(), token = b.find("receipt")->str();
  CHECK(id.size() == 32);
  // The cookie the shim would write: host-only, Path=/, SameSite=Lax; http here, so no Secure. Its lifetime is
  // what is left of the record's 180 days.
  CHECK(header(r, "Set-Cookie") == "shop_consent=" + rec + "; Path=/; Max-Age=" + std::to_string(180 * 86400 - 60) + "; SameSite=Lax");
  CHECK(header(r, "Cache-Control") == "no-store");

  std::string error;
  TokenCheck check = verify_receipt(token, SigningKey::from_pem(f.key.public_pem(), error));
  REQUIRE(check.valid);
  CHECK(check.payload.find("jti")->str() == id);
  CHECK(check.payload.find("iat")->integer() == kNow);
  CHECK(check.payload.find("record")->str() == rec);
  CHECK(check.payload.find("revision")->str() == "2026-11-01");
  CHECK(check.payload.find("model")->str() == "opt-in");

  Reply again = f.post(R"({"record":")" + rec + R"("})");
  CHECK(again.status == 200);
  CHECK(body(again).find("id")->str() == id);
  CHECK(body(again).find("receipt")->str() == token);
  CHECK(f.rows() == 1);

  // What was stored of the client: its /24 and browser family; the page without its query.
  auto stored = f.store->backend().get(id, error);
  REQUIRE(stored);
  CHECK(stored->network == "203.0.113.0/24");
  CHECK(stored->browser == "Chrome");
  CHECK(stored->page == "http://shop.example/pricing");
  CHECK(stored->token == token);
}

TEST_CASE("a refusal's cookie lasts the longest re-ask period of any region, whatever region the server sees", "[receipts]") {
  // CCPA 1798.135(c)(4): no new request for 12 months after an opt-out in California. The shim may have known
  // the visitor was there (a time zone, a data-region) while the server sees no CDN header.
  Fixture f;
  Reply r = f.post(R"({"record":")" + record(policy(), kNow - 10, "reject-all") + R"("})");
  REQUIRE(r.status == 201);
  CHECK(header(r, "Set-Cookie").find("; Max-Age=" + std::to_string(365 * 86400 - 10) + ";") != std::string::npos);
}

TEST_CASE("https pages get a Secure cookie; a policy domain is kept", "[receipts]") {
  Fixture f;
  f.headers["Origin"] = "https://shop.example";
  Reply r = f.post(R"({"record":")" + record(policy(), kNow) + R"("})");
  REQUIRE(r.status == 201);
  CHECK(header(r, "Set-Cookie").find("; SameSite=Lax; Secure") != std::string::npos);
}

TEST_CASE("records the engine refuses get 422 with the reason, and nothing is stored", "[receipts]") {
  Fixture f;
  std::string good = record(policy(), kNow);
  std::string tampered = good;
  tampered[tampered.find(".a.") + 1] = 'r';  // accept-all → reject-all, checksum kept
  struct Case {
    std::string record, reason;
  } cases[] = {
      {tampered, "tampered"},
      {record(policy("2026-10-01"), kNow), "revision-changed"},
      {record(policy(), kNow - 181LL * 86400), "expired"},
      {record(policy(), kNow + 2 * 86400), "future-dated"},  // a day of clock skew is tolerated
      {"not-a-record", "malformed"},
  };
  for (const Case& c : cases) {
    INFO(c.reason);
    Reply r = f.post(R"({"record":")" + c.record + R"("})");
    CHECK(r.status == 422);
    Json b = body(r);
    const Json* e = b.find("error");
    REQUIRE(e);
    CHECK(e->find("reason")->str() == c.reason);
    CHECK_FALSE(e->find("message")->str().empty());
    CHECK(header(r, "Set-Cookie").empty());
  }
  CHECK(f.rows() == 0);
}

TEST_CASE("bad requests: 415, 400, 413 and 403, each with a clear error and nothing stored", "[receipts]") {
  Fixture f;
  std::string ok = R"({"record":")" + record(policy(), kNow) + R"("})";
  f.headers["Content-Type"] = "text/plain";
  CHECK(f.post(ok).status == 415);
  f.headers["Content-Type"] = "application/json; charset=utf-8";
  Reply bad = f.post(R"({"record": )");
  CHECK(bad.status == 400);
  CHECK(error_code(bad) == "bad-json");
  CHECK(body(bad).find("error")->find("message")->str().find("line 1") != std::string::npos);
  CHECK(f.post("[1]").status == 400);
  CHECK(f.post(R"({"record":1})").status == 400);
  Reply extra = f.post(R"({"record":"x","ip":"1.2.3.4"})");
  CHECK(extra.status == 400);
  CHECK(body(extra).find("error")->find("message")->str().find("\"ip\"") != std::string::npos);
  CHECK(f.post(R"({"record":")" + std::string(9000, 'a') + R"("})").status == 413);

  f.headers["Origin"] = "https://evil.example";
  Reply cross = f.post(ok);
  CHECK(cross.status == 403);
  CHECK(error_code(cross) == "cross-origin");
  f.headers.erase("Origin");
  f.headers["Sec-Fetch-Site"] = "cross-site";
  CHECK(f.post(ok).status == 403);
  CHECK(f.rows() == 0);
}

TEST_CASE("an origin given with --allow-origin may post, with CORS headers and a preflight", "[receipts]") {
  ServiceOptions options;
  options.allow_origins = {"https://www.shop.example"};
  Fixture f(options);
  f.headers["Origin"] = "https://www.shop.example";
  Reply pre = f.service->preflight(f.request(""));
  CHECK(pre.status == 204);
  CHECK(header(pre, "Access-Control-Allow-Origin") == "https://www.shop.example");
  CHECK(header(pre, "Access-Control-Allow-Headers") == "Content-Type");
  Reply r = f.post(R"({"record":")" + record(policy(), kNow) + R"("})");
  CHECK(r.status == 201);
  CHECK(header(r, "Access-Control-Allow-Origin") == "https://www.shop.example");
  f.headers["Origin"] = "https://shop.example.evil";
  CHECK(f.service->preflight(f.request("")).status == 403);
}

TEST_CASE("the rate limit is per client network and answers 429 with Retry-After", "[receipts]") {
  ServiceOptions options;
  options.rate_per_minute = 2;
  Fixture f(options);
  std::string ok = R"({"record":")" + record(policy(), kNow) + R"("})";
  CHECK(f.post(ok, "198.51.100.1").status == 201);
  CHECK(f.post(ok, "198.51.100.2").status == 200);  // same /24, a retry
  Reply limited = f.post(ok, "198.51.100.3");
  CHECK(limited.status == 429);
  CHECK(std::stoi(header(limited, "Retry-After")) >= 1);
  CHECK(f.post(ok, "192.0.2.1").status == 200);  // another network is not held back
}

namespace {
struct DownBackend : StoreBackend {
  std::vector<PutResult> insert_batch(const std::vector<Receipt>& b) override {
    return std::vector<PutResult>(b.size(), PutResult{PutStatus::Unavailable, {}, "disk I/O error"});
  }
  std::optional<Receipt> get(const std::string&, std::string& e) override { return e = "down", std::nullopt; }
  bool scan(std::int64_t, const std::function<void(const Receipt&)>&, std::string& e) override { return e = "down", false; }
  long long purge(std::int64_t, std::string& e) override { return e = "down", -1; }
};
}  // namespace

TEST_CASE("a database that fails gives 503 with Retry-After, never 201 and never a cookie", "[receipts]") {
  ReceiptStore store(std::make_unique<DownBackend>());
  ConsentService service(policy(), "h", SigningKey::generate(), store, {});
  service.now = [] { return kNow; };
  Request r;
  r.body = R"({"record":")" + record(policy(), kNow) + R"("})";
  r.header = [](const std::string& n) { return n == "Content-Type" ? std::string("application/json") : std::string(); };
  Reply reply = service.post_consent(r);
  CHECK(reply.status == 503);
  CHECK(header(reply, "Retry-After") == "5");
  CHECK(header(reply, "Set-Cookie").empty());
}

TEST_CASE("reading a receipt needs the admin token; the public key is for anyone", "[receipts]") {
  Fixture f;
  Reply posted = f.post(R"({"record":")" + record(policy(), kNow) + R"("})");
  std::string id = body(posted).find("id")->str();
  CHECK(f.service->get_receipt(f.request(""), id).status == 401);
  f.headers["Authorization"] = "Bearer an-admin-token-of-32-characters";  // one character short
  CHECK(f.service->get_receipt(f.request(""), id).status == 401);
  f.headers["Authorization"] = "Bearer an-admin-token-of-32-characters!";
  Reply got = f.service->get_receipt(f.request(""), id);
  CHECK(got.status == 200);
  CHECK(body(got).find("receipt")->str() == body(posted).find("receipt")->str());
  CHECK(f.service->get_receipt(f.request(""), std::string(32, '0')).status == 404);

  Reply key = f.service->public_key(f.request(""));
  CHECK(key.status == 200);
  std::string error;
  SigningKey from_served = SigningKey::from_pem(body(key).find("pem")->str(), error);
  CHECK(verify_receipt(body(posted).find("receipt")->str(), from_served).valid);
  CHECK(body(key).find("jwk")->find("crv")->str() == "Ed25519");
}

TEST_CASE("constant_time_equal and the client's coarse traits", "[receipts]") {
  CHECK(constant_time_equal("secret-token", "secret-token"));
  CHECK_FALSE(constant_time_equal("secret-token", "secret-tokem"));
  CHECK_FALSE(constant_time_equal("secret-token", "secret"));
}
