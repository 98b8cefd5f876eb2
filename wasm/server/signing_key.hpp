#pragma once
// Ed25519 keys for receipts, through OpenSSL's EVP interface (Debian's libssl-dev). The private key lives in a
// PKCS#8 PEM file the site owner keeps (`assent keygen`); the public key is served for anyone to verify with.
#include <memory>
#include <string>
#include <string_view>

typedef struct evp_pkey_st EVP_PKEY;

namespace assent::server {

class SigningKey {
 public:
  // A new random key pair.
  static SigningKey generate();
  // From PEM text: a private key (can sign and verify) or a public key (can only verify). On failure the key is
  // empty and `error` says why.
  static SigningKey from_pem(std::string_view pem, std::string& error);
  // The same from a PEM file; `error` names the file when it cannot be read.
  static SigningKey from_file(const std::string& path, std::string& error);

  bool empty() const { return !key_; }
  bool can_sign() const { return private_; }
  std::string private_pem() const;   // PKCS#8; empty for a public-only key
  std::string public_pem() const;    // SubjectPublicKeyInfo
  std::string public_raw() const;    // the 32 raw bytes (a JWK's "x")
  std::string key_id() const;        // first 16 hex digits of SHA-256(raw public key): names the key in tokens

  std::string sign(std::string_view message) const;  // 64 bytes
  bool verify(std::string_view message, std::string_view signature) const;

 private:
  struct Free {
    void operator()(EVP_PKEY* k) const;
  };
  std::shared_ptr<EVP_PKEY> key_;
  bool private_ = false;
};

// SHA-256 as lowercase hex (the policy's hash in a receipt, the record's key in the store).
std::string sha256_hex(std::string_view bytes);
// Cryptographically random bytes as lowercase hex.
std::string random_hex(std::size_t bytes);

}  // namespace assent::server
