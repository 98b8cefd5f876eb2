#include "signing_key.hpp"

#include "files.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <stdexcept>

namespace assent::server {

namespace {
std::string to_hex(const unsigned char* p, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += digits[p[i] >> 4], out += digits[p[i] & 0xF];
  return out;
}

template <class Write>
std::string pem_of(Write write) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || !write(bio.get())) return {};
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}
}  // namespace

void SigningKey::Free::operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }

SigningKey SigningKey::generate() {
  SigningKey k;
  EVP_PKEY* raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  if (!raw) throw std::runtime_error("OpenSSL could not generate an Ed25519 key");
  k.key_.reset(raw, Free{});
  k.private_ = true;
  return k;
}

SigningKey SigningKey::from_pem(std::string_view pem, std::string& error) {
  SigningKey k;
  auto read = [&](auto reader) -> EVP_PKEY* {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
    return bio ? reader(bio.get(), nullptr, nullptr, nullptr) : nullptr;
  };
  EVP_PKEY* raw = nullptr;
  if (pem.find("PRIVATE KEY-----") != std::string_view::npos) {
    raw = read(PEM_read_bio_PrivateKey);
    k.private_ = raw != nullptr;
  } else if (pem.find("PUBLIC KEY-----") != std::string_view::npos) {
    raw = read(PEM_read_bio_PUBKEY);
  }
  if (!raw) return error = "not a PEM private or public key", k;
  k.key_.reset(raw, Free{});
  if (EVP_PKEY_get_base_id(raw) != EVP_PKEY_ED25519) {
    k.key_.reset();
    k.private_ = false;
    error = "the key is not an Ed25519 key (make one with `assent keygen`)";
  }
  return k;
}

SigningKey SigningKey::from_file(const std::string& path, std::string& error) {
  std::string pem;
  if (!read_text(path, pem, 16384)) return error = "cannot read " + path, SigningKey();
  SigningKey k = from_pem(pem, error);
  if (!error.empty()) error = path + ": " + error;
  return k;
}

std::string SigningKey::private_pem() const {
  if (!private_) return {};
  return pem_of([&](BIO* b) { return PEM_write_bio_PrivateKey(b, key_.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1; });
}

std::string SigningKey::public_pem() const {
  return pem_of([&](BIO* b) { return PEM_write_bio_PUBKEY(b, key_.get()) == 1; });
}

std::string SigningKey::public_raw() const {
  unsigned char buf[32];
  std::size_t n = sizeof buf;
  if (EVP_PKEY_get_raw_public_key(key_.get(), buf, &n) != 1) return {};
  return std::string(reinterpret_cast<char*>(buf), n);
}

std::string SigningKey::key_id() const { return sha256_hex(public_raw()).substr(0, 16); }

std::string SigningKey::sign(std::string_view message) const {
  // EVP_DigestSignInit looks the algorithm up in OpenSSL's provider tables on every call (a sixth of the
  // server's CPU under load); each thread initialises a context once per key and signs with copies of it.
  thread_local std::shared_ptr<EVP_PKEY> ready_for;
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ready(nullptr, EVP_MD_CTX_free);
  if (!ready || ready_for != key_) {
    ready.reset(EVP_MD_CTX_new());
    if (!ready || EVP_DigestSignInit(ready.get(), nullptr, nullptr, nullptr, key_.get()) != 1) {
      ready.reset();
      throw std::runtime_error("OpenSSL could not prepare to sign");
    }
    ready_for = key_;
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char sig[64];
  std::size_t n = sizeof sig;
  if (!ctx || EVP_MD_CTX_copy_ex(ctx.get(), ready.get()) != 1 ||
      EVP_DigestSign(ctx.get(), sig, &n, reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1)
    throw std::runtime_error("OpenSSL could not sign");
  return std::string(reinterpret_cast<char*>(sig), n);
}

bool SigningKey::verify(std::string_view message, std::string_view signature) const {
  if (!key_ || signature.size() != 64) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return to_hex(digest, sizeof digest);
}

std::string random_hex(std::size_t bytes) {
  std::string buf(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(buf.data()), static_cast<int>(bytes)) != 1)
    throw std::runtime_error("OpenSSL's random generator failed");
  return to_hex(reinterpret_cast<const unsigned char*>(buf.data()), bytes);
}

}  // namespace assent::server
