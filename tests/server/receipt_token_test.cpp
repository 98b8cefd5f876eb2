// Receipt tokens: base64url per RFC 4648 §5 vectors, Ed25519 signatures that verify with only the public key,
// and any change to a token (payload, signature, algorithm, key) refused.
#include <catch2/catch.hpp>

#include "base64url.hpp"
#include "receipt.hpp"

using assent::Json;
using namespace assent::server;

TEST_CASE("base64url: RFC 4648 test vectors, unpadded, and non-canonical text refused", "[receipts]") {
  // RFC 4648 §10 (BASE64 of "", "f", "fo", … "foobar"), padding dropped as RFC 7515 §2 requires.
  const char* const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char* const coded[] = {"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    CHECK(base64url_encode(plain[i]) == coded[i]);
    CHECK(base64url_decode(coded[i]) == std::optional<std::string>(plain[i]));
  }
  CHECK(base64url_encode("\xfb\xff") == "-_8");  // the URL-safe alphabet: - and _ for + and /
  CHECK_FALSE(base64url_decode("Zm9v+g").has_value());
  CHECK_FALSE(base64url_decode("Zm9vY").has_value());  // 5 characters cannot encode whole bytes
  CHECK_FALSE(base64url_decode("Zh").has_value());     // "Zg" with unused bits set
  CHECK_FALSE(base64url_decode("Zg==").has_value());   // padding is not part of base64url here
}

TEST_CASE("a receipt verifies with the public key alone; any change is refused", "[receipts]") {
  SigningKey key = SigningKey::generate();
  REQUIRE(key.can_sign());
  Receipt r;
  r.id = "0123456789abcdef0123456789abcdef";
  r.time = 1795000000;
  r.revision = "2026-11-01";
  r.policy_hash = std::string(64, 'a');
  r.record = "1.4f2a9c1e.1795000000.i.a.analytics~marketing..3f9c0e1a2b4d5c6e.9a8b7c6d";
  r.region = "DE";
  r.model = "opt-in";
  r.network = "203.0.113.0/24";  // never in the token
  std::string token = sign_receipt(r, key);

  std::string error;
  SigningKey public_only = SigningKey::from_pem(key.public_pem(), error);
  REQUIRE(error.empty());
  CHECK_FALSE(public_only.can_sign());
  TokenCheck check = verify_receipt(token, public_only);
  REQUIRE(check.valid);
  CHECK(check.header.find("alg")->str() == "EdDSA");  // RFC 8037 §3.1
  CHECK(check.header.find("kid")->str() == key.key_id());
  CHECK(check.payload.find("jti")->str() == r.id);
  CHECK(check.payload.find("iat")->integer() == r.time);
  CHECK(check.payload.find("record")->str() == r.record);
  CHECK(check.payload.find("policyHash")->str() == r.policy_hash);
  CHECK(check.payload.find("region")->str() == "DE");
  CHECK(check.payload.find("model")->str() == "opt-in");
  CHECK(check.payload.find("network") == nullptr);
  CHECK(token.find("203.0.113") == std::string::npos);

  // The payload changed (another record), the signature kept: refused.
  std::size_t a = token.find('.'), b = token.rfind('.');
  Receipt forged = r;
  forged.record[27] = 'r';
  std::string forged_token = sign_receipt(forged, key);
  std::string spliced = token.substr(0, a) + forged_token.substr(a, forged_token.rfind('.') - a) + token.substr(b);
  CHECK(verify_receipt(spliced, public_only).reason.rfind("bad-signature", 0) == 0);
  // One character of the signature changed.
  std::string flipped = token;
  flipped[b + 5] = flipped[b + 5] == 'A' ? 'B' : 'A';
  CHECK_FALSE(verify_receipt(flipped, public_only).valid);
  // Another key.
  CHECK_FALSE(verify_receipt(token, SigningKey::generate()).valid);
  // "alg":"none" (the classic JWT downgrade) and broken shapes.
  std::string none = base64url_encode(R"({"alg":"none"})") + token.substr(a, b - a) + ".";
  CHECK(verify_receipt(none, public_only).reason.rfind("unsupported-algorithm", 0) == 0);
  CHECK(verify_receipt("abc", public_only).reason.rfind("malformed", 0) == 0);
  CHECK(verify_receipt("a.b.c.d", public_only).reason.rfind("malformed", 0) == 0);
  CHECK(verify_receipt(token + "x", public_only).valid == false);
}

TEST_CASE("keys: PEM round trip; a non-Ed25519 or broken PEM is refused with a reason", "[receipts]") {
  SigningKey key = SigningKey::generate();
  std::string error;
  SigningKey again = SigningKey::from_pem(key.private_pem(), error);
  REQUIRE(error.empty());
  CHECK(again.can_sign());
  CHECK(again.key_id() == key.key_id());
  CHECK(again.public_raw().size() == 32);
  CHECK(SigningKey::from_pem("-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n", error).empty());
  CHECK_FALSE(error.empty());
  error.clear();
  CHECK(SigningKey::from_pem("hello", error).empty());
  CHECK(error == "not a PEM private or public key");
  Json jwk = public_jwk(key);
  CHECK(jwk.find("kty")->str() == "OKP");
  CHECK(jwk.find("crv")->str() == "Ed25519");
  CHECK(base64url_decode(jwk.find("x")->str()) == std::optional<std::string>(key.public_raw()));
}
