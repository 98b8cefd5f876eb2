#include "receipt.hpp"

#include "base64url.hpp"

namespace assent::server {

Json receipt_json(const Receipt& r) {
  return make_object({{"id", r.id},
                      {"time", r.time},
                      {"revision", r.revision},
                      {"policyHash", r.policy_hash},
                      {"record", r.record},
                      {"region", r.region},
                      {"model", r.model},
                      {"network", r.network},
                      {"browser", r.browser},
                      {"page", r.page},
                      {"receipt", r.token}});
}

std::string sign_receipt(const Receipt& r, const SigningKey& key) {
  Json header = make_object({{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", key.key_id()}});
  Json payload = make_object({{"jti", r.id},
                              {"iat", r.time},
                              {"revision", r.revision},
                              {"policyHash", r.policy_hash},
                              {"record", r.record},
                              {"region", r.region},
                              {"model", r.model}});
  std::string signing_input = base64url_encode(dump(header)) + "." + base64url_encode(dump(payload));
  return signing_input + "." + base64url_encode(key.sign(signing_input));
}

TokenCheck verify_receipt(std::string_view token, const SigningKey& key) {
  TokenCheck out;
  auto fail = [&](const char* why) {
    out.reason = why;
    return std::move(out);
  };
  std::size_t a = token.find('.'), b = a == std::string_view::npos ? a : token.find('.', a + 1);
  if (token.size() > 8192 || b == std::string_view::npos || token.find('.', b + 1) != std::string_view::npos)
    return fail("malformed: a receipt has three base64url parts separated by dots");
  auto header = base64url_decode(token.substr(0, a));
  auto payload = base64url_decode(token.substr(a + 1, b - a - 1));
  auto signature = base64url_decode(token.substr(b + 1));
  if (!header || !payload || !signature) return fail("malformed: a part is not base64url");
  JsonParse h = parse_json(*header, 4096, 4), p = parse_json(*payload, 8192, 4);
  if (!h.error.empty() || !p.error.empty() || !h.value.is_object() || !p.value.is_object())
    return fail("malformed: a part is not a JSON object");
  const Json* alg = h.value.find("alg");
  if (!alg || !alg->is_string() || alg->str() != "EdDSA")
    return fail("unsupported-algorithm: receipts are signed with EdDSA (Ed25519)");
  if (!key.verify(token.substr(0, b), *signature)) return fail("bad-signature: the receipt was altered or signed with another key");
  out.valid = true;
  out.header = std::move(h.value);
  out.payload = std::move(p.value);
  return out;
}

Json public_jwk(const SigningKey& key) {
  return make_object({{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", base64url_encode(key.public_raw())}, {"kid", key.key_id()},
                      {"alg", "EdDSA"}, {"use", "sig"}});
}

}  // namespace assent::server
