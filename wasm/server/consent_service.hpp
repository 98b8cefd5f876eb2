#pragma once
// The receipts endpoints as plain functions of a request, apart from the HTTP library (http_server.cpp), so
// that every status and header can be tested without sockets (tests/unit/consent_service_test.cpp).
//   POST    /assent/consent            {record, url?} → 201 {id, receipt} + the consent cookie (200 for a retry)
//   OPTIONS /assent/consent            CORS preflight, for the origins given with --allow-origin
//   GET     /assent/receipts/key       the public key (JWK and PEM), for anyone to verify receipts
//   GET     /assent/receipts/{id}      a stored receipt, with the admin token
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "policy.hpp"
#include "rate_limiter.hpp"
#include "receipt_store.hpp"
#include "signing_key.hpp"

namespace assent::server {

struct ServiceOptions {
  std::vector<std::string> allow_origins;      // other origins whose pages may post (exact "https://host[:port]")
  bool trust_proxy = false;                    // X-Forwarded-For/-Proto/-Host come from our own reverse proxy
  std::string region_header, subdivision_header;  // a CDN's country/subdivision headers beyond the known ones
  int rate_per_minute = 60;                    // per client network; 0: no limit
  std::string admin_token;                     // empty: GET /assent/receipts/{id} is off
};

struct Request {
  std::string method, body, remote_ip;
  std::function<std::string(const std::string&)> header;  // case-insensitive; "" when absent
};

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

class ConsentService {
 public:
  ConsentService(Policy policy, std::string policy_hash, SigningKey key, ReceiptStore& store, ServiceOptions options);

  Reply post_consent(const Request& req);
  Reply preflight(const Request& req);
  Reply public_key(const Request& req) const;
  Reply get_receipt(const Request& req, const std::string& id);

  // For the clock in tests; defaults to the system clock.
  std::function<std::int64_t()> now;

 private:
  std::string allowed_origin(const Request& req, bool& refused) const;
  std::string client_ip(const Request& req) const;
  Reply consent_cookie_reply(int status, const Receipt& r, std::int64_t max_age, bool secure, const std::string& origin) const;

  Policy policy_;
  std::string policy_hash_;
  SigningKey key_;
  ReceiptStore& store_;
  ServiceOptions options_;
  RateLimiter limiter_;
};

// {"error":{"code","message","reason"?}}, the engine's error shape (wasm/core/engine.hpp); `reason`: why the
// engine refused a record (record.hpp's reasons), for a 422.
Reply error_reply(int status, const std::string& code, const std::string& message, const std::string& reason = "");

// `a == b` in time that depends only on their lengths' hashes, not on where they differ.
bool constant_time_equal(const std::string& a, const std::string& b);

}  // namespace assent::server
