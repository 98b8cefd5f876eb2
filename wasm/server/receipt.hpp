#pragma once
// A consent receipt and its token: a JWS in compact form (RFC 7515) signed with Ed25519 ("alg":"EdDSA",
// RFC 8037), so any JOSE library holding the public key can check it, as can `assent receipts verify`.
// The payload holds what demonstrates the consent (GDPR Art. 7(1)) and nothing that identifies a person
// beyond the record's random consent id.
#include <cstdint>
#include <string>
#include <string_view>

#include "json_util.hpp"
#include "signing_key.hpp"

namespace assent::server {

struct Receipt {
  std::string id;           // 32 random hex digits, the token's "jti"
  std::int64_t time = 0;    // unix seconds when the server accepted it ("iat")
  std::string revision;     // the policy's revision
  std::string policy_hash;  // SHA-256 of the policy file the server served, hex
  std::string record;       // the consent record the engine wrote
  std::string region;       // as the server saw it ("" when no header named one)
  std::string model;        // opt-in | opt-out | notice | none: the model the record was made under
  std::string token;        // the signed receipt
  // Kept in the store beside the receipt, never in the token: coarse and not identifying.
  std::string network;      // the client's network prefix (IPv4 /24, IPv6 /48)
  std::string browser;      // a browser family: Chrome, Firefox, Safari, Edge, other
  std::string page;         // where the choice was made: the page's origin and path, no query or fragment
};

// Every stored field, token included (GET /assent/receipts/{id}, `assent receipts export`).
Json receipt_json(const Receipt& r);

// Signs the receipt's fields; returns the token (the receipt's `token` is not read).
std::string sign_receipt(const Receipt& r, const SigningKey& key);

struct TokenCheck {
  bool valid = false;
  std::string reason;  // why not: malformed, unsupported-algorithm, bad-signature
  Json header, payload;
};
TokenCheck verify_receipt(std::string_view token, const SigningKey& key);

// The public key as a JWK (RFC 8037 §2) for /assent/receipts/key.
Json public_jwk(const SigningKey& key);

}  // namespace assent::server
