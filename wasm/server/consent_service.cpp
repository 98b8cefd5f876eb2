#include "consent_service.hpp"

#include <openssl/crypto.h>

#include <chrono>

#include "client_info.hpp"
#include "decision.hpp"
#include "limits.hpp"
#include "model.hpp"
#include "receipt.hpp"

namespace assent::server {

namespace {
constexpr std::size_t kMaxBody = 8192;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return s;
}

// "https://shop.example/checkout?x=1#y" → "https://shop.example/checkout": the query may carry personal data.
std::string page_of(const std::string& url) {
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) return "";
  std::string page = url.substr(0, url.find_first_of("?#"));
  return page.size() > 512 ? page.substr(0, 512) : page;
}

// What the record check's reason means, for the 422's message (reasons: wasm/core/record.hpp).
std::string record_problem(const std::string& reason) {
  if (reason == "tampered") return "the record's checksum does not match: it was altered";
  if (reason == "expired") return "the record has expired under this policy's storage.maxAgeDays";
  if (reason == "future-dated") return "the record is dated in the future (check the clock of the device that made it)";
  if (reason == "revision-changed") return "the record was made under another revision of the policy";
  if (reason == "unknown-version") return "the record's format version is not one this server knows";
  return "the text is not a consent record";
}
}  // namespace

Reply error_reply(int status, const std::string& code, const std::string& message, const std::string& reason) {
  Reply r;
  r.status = status;
  Json error = make_object({{"code", code}, {"message", message}});
  if (!reason.empty()) error["reason"] = reason;
  r.body = dump(make_object({{"error", std::move(error)}}));
  return r;
}

bool constant_time_equal(const std::string& a, const std::string& b) {
  // Comparing digests hides the length too; CRYPTO_memcmp does not stop at the first difference.
  std::string da = sha256_hex(a), db = sha256_hex(b);
  return CRYPTO_memcmp(da.data(), db.data(), da.size()) == 0;
}

ConsentService::ConsentService(Policy policy, std::string policy_hash, SigningKey key, ReceiptStore& store, ServiceOptions options)
    : now([] { return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch()).count()); }),
      policy_(std::move(policy)),
      policy_hash_(std::move(policy_hash)),
      key_(std::move(key)),
      store_(store),
      options_(std::move(options)),
      limiter_(options_.rate_per_minute) {}

std::string ConsentService::client_ip(const Request& req) const {
  if (options_.trust_proxy) {
    // Our proxy appends the address it saw, so the last entry is the one nobody else could write.
    std::string xff = req.header("X-Forwarded-For");
    std::size_t comma = xff.rfind(',');
    std::string last = comma == std::string::npos ? xff : xff.substr(comma + 1);
    while (!last.empty() && last.front() == ' ') last.erase(0, 1);
    if (!last.empty()) return last;
  }
  return req.remote_ip;
}

// The page's origin when the request came from a browser page; `refused` when that origin may not post.
// Same origin: the Origin header names the host the request was sent to. Others only with --allow-origin.
std::string ConsentService::allowed_origin(const Request& req, bool& refused) const {
  refused = false;
  std::string origin = req.header("Origin");
  if (origin.empty()) {
    refused = req.header("Sec-Fetch-Site") == "cross-site";  // a browser that sends no Origin still says this
    return "";
  }
  std::string host = options_.trust_proxy && !req.header("X-Forwarded-Host").empty() ? req.header("X-Forwarded-Host") : req.header("Host");
  std::size_t scheme_end = origin.find("://");
  if (scheme_end != std::string::npos && lower(origin.substr(scheme_end + 3)) == lower(host)) return origin;
  for (const std::string& allowed : options_.allow_origins)
    if (allowed == origin) return origin;
  refused = true;
  return origin;
}

Reply ConsentService::preflight(const Request& req) {
  bool refused = false;
  std::string origin = allowed_origin(req, refused);
  if (refused) return error_reply(403, "cross-origin", "this origin may not post consent here (the server's --allow-origin)");
  Reply r;
  r.status = 204;
  r.content_type.clear();
  if (!origin.empty()) {
    r.headers = {{"Access-Control-Allow-Origin", origin},
                 {"Access-Control-Allow-Methods", "POST"},
                 {"Access-Control-Allow-Headers", "Content-Type"},
                 {"Access-Control-Allow-Credentials", "true"},
                 {"Access-Control-Max-Age", "600"},
                 {"Vary", "Origin"}};
  }
  return r;
}

Reply ConsentService::post_consent(const Request& req) {
  bool refused = false;
  std::string origin = allowed_origin(req, refused);
  if (refused)
    return error_reply(403, "cross-origin", "a page on " + (origin.empty() ? std::string("another site") : origin) +
                                                " may not post consent here; start the server with --allow-origin to permit it");
  std::string ip = client_ip(req);
  std::string network = network_prefix(ip);
  if (int wait = limiter_.admit(network.empty() ? ip : network)) {
    Reply r = error_reply(429, "rate-limited", "too many consent posts from this network; retry after " + std::to_string(wait) + " s");
    r.headers.push_back({"Retry-After", std::to_string(wait)});
    return r;
  }
  std::string type = lower(req.header("Content-Type"));
  if (type.substr(0, type.find(';')) != "application/json")
    return error_reply(415, "unsupported-media-type", "send the consent as application/json, not " + (type.empty() ? std::string("no content type") : "\"" + type + "\""));
  if (req.body.size() > kMaxBody) return error_reply(413, "too-large", "the body is over 8 KB");

  JsonParse parsed = parse_json(req.body, kMaxBody, 4);
  if (!parsed.error.empty()) return error_reply(400, "bad-json", "the body is not JSON: " + parsed.error);
  const Json& body = parsed.value;
  if (!body.is_object()) return error_reply(400, "bad-request", std::string("the body must be an object {\"record\": …}, not ") + type_name(body));
  for (std::size_t i = 0; i < body.size(); ++i)
    if (body.key(i) != "record" && body.key(i) != "url")
      return error_reply(400, "bad-request", "unknown field \"" + body.key(i) + "\" (the body has \"record\" and an optional \"url\")");
  const Json* record = body.find("record");
  const Json* url = body.find("url");
  if (!record || !record->is_string() || record->str().empty())
    return error_reply(400, "bad-request", "\"record\" must be the consent record the engine wrote, a non-empty string");
  if (record->str().size() > limits::kRecordChars) return error_reply(422, "record-invalid", "the record is longer than any record the engine writes");
  if (url && !url->is_string()) return error_reply(400, "bad-request", "\"url\" must be a string");

  Context ctx;
  ctx.record = record->str();
  ctx.now = now();
  ctx.region = cdn_region(req.header, options_.region_header, options_.subdivision_header);
  Decision d = decide(policy_, ctx);
  if (!d.record.valid) return error_reply(422, "record-invalid", record_problem(d.record.reason), d.record.reason);

  Receipt receipt;
  receipt.id = random_hex(16);
  receipt.time = ctx.now;
  receipt.revision = policy_.revision;
  receipt.policy_hash = policy_hash_;
  receipt.record = ctx.record;
  receipt.region = d.region;
  receipt.model = model_name(d.record.record.model);
  receipt.network = network;
  receipt.browser = browser_family(req.header("User-Agent"));
  receipt.page = url ? page_of(url->str()) : "";
  receipt.token = sign_receipt(receipt, key_);

  PutResult put = store_.put(std::move(receipt));
  if (put.status == PutStatus::Unavailable) {
    Reply r = error_reply(503, "unavailable", "the receipt could not be stored; nothing was recorded, retry later");
    r.headers.push_back({"Retry-After", "5"});
    return r;
  }
  bool secure = origin.rfind("https://", 0) == 0 || (options_.trust_proxy && lower(req.header("X-Forwarded-Proto")) == "https");
  // The cookie lives as long as the record can in any region: the server may not know the one the shim saw
  // (a US-CA refusal lives 12 months), and a shorter cookie would lose a record the engine still holds valid.
  const ConsentRecord& rec = d.record.record;
  std::int64_t max_age = rec.timestamp + static_cast<std::int64_t>(record_longest_lifetime_days(policy_, rec.action)) * 86400 - ctx.now;
  return consent_cookie_reply(put.status == PutStatus::Stored ? 201 : 200, put.receipt, max_age, secure, origin);
}

// The same cookie the shim writes (js-shim/src/storage.ts): host-only unless the policy names a domain, Path=/,
// SameSite=Lax, Secure on https. Set by the server, it is not capped at 7 days as script-written cookies are
// in Safari.
Reply ConsentService::consent_cookie_reply(int status, const Receipt& r, std::int64_t max_age, bool secure, const std::string& origin) const {
  Reply reply;
  reply.status = status;
  reply.body = dump(make_object({{"id", r.id}, {"receipt", r.token}}));
  std::string cookie = policy_.cookie_name + "=" + r.record + "; Path=/; Max-Age=" + std::to_string(max_age > 0 ? max_age : 0) + "; SameSite=Lax";
  if (!policy_.cookie_domain.empty()) cookie += "; Domain=" + policy_.cookie_domain;
  if (secure) cookie += "; Secure";
  reply.headers.push_back({"Set-Cookie", cookie});
  reply.headers.push_back({"Cache-Control", "no-store"});
  if (!origin.empty()) {
    reply.headers.push_back({"Access-Control-Allow-Origin", origin});
    reply.headers.push_back({"Access-Control-Allow-Credentials", "true"});
    reply.headers.push_back({"Vary", "Origin"});
  }
  return reply;
}

Reply ConsentService::public_key(const Request&) const {
  Reply r;
  r.body = dump(make_object({{"kid", key_.key_id()}, {"alg", "EdDSA"}, {"jwk", public_jwk(key_)}, {"pem", key_.public_pem()}}));
  r.headers.push_back({"Cache-Control", "public, max-age=3600"});
  r.headers.push_back({"Access-Control-Allow-Origin", "*"});  // public by design: anyone may verify
  return r;
}

Reply ConsentService::get_receipt(const Request& req, const std::string& id) {
  if (options_.admin_token.empty())
    return error_reply(403, "admin-off", "reading receipts needs an admin token: start the server with --admin-token-file");
  std::string auth = req.header("Authorization");
  if (auth.rfind("Bearer ", 0) != 0 || !constant_time_equal(auth.substr(7), options_.admin_token)) {
    Reply r = error_reply(401, "unauthorized", "send the admin token as \"Authorization: Bearer TOKEN\"");
    r.headers.push_back({"WWW-Authenticate", "Bearer"});
    return r;
  }
  std::string error;
  std::optional<Receipt> found = store_.backend().get(id, error);
  if (!error.empty()) return error_reply(503, "unavailable", "the database could not be read");
  if (!found) return error_reply(404, "not-found", "no receipt " + id);
  Reply r;
  r.headers.push_back({"Cache-Control", "no-store"});
  r.body = dump(receipt_json(*found));
  return r;
}

}  // namespace assent::server
