// `assent keygen` and `assent receipts verify|export|purge`: the tools around the receipts store. verify needs
// only the token and the public key, so anyone can check a receipt without the site's database.
#include <ctime>
#include <iostream>

#include "files.hpp"
#include "receipt.hpp"
#include "receipt_store.hpp"
#include "serve.hpp"

namespace assent::server {

namespace {
int fail(const std::string& command, const std::string& why) {
  std::cerr << "assent " << command << ": " << why << "\n";
  return 1;
}

// "5y", "18m", "30d", "2w": that long before now, in calendar years and months; nothing when malformed.
bool cutoff(const std::string& age, std::int64_t now, std::int64_t& out) {
  if (age.size() < 2) return false;
  char unit = age.back();
  long n = 0;
  for (std::size_t i = 0; i + 1 < age.size(); ++i) {
    if (age[i] < '0' || age[i] > '9' || n > 100000) return false;
    n = n * 10 + (age[i] - '0');
  }
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  switch (unit) {
    case 'y': tm.tm_year -= static_cast<int>(n); break;
    case 'm': tm.tm_mon -= static_cast<int>(n); break;
    case 'w': tm.tm_mday -= static_cast<int>(n * 7); break;
    case 'd': tm.tm_mday -= static_cast<int>(n); break;
    default: return false;
  }
  out = static_cast<std::int64_t>(timegm(&tm));
  return true;
}

std::string csv_field(const std::string& s) {
  // Quoted always; a leading = + - @ is prefixed so a spreadsheet does not run it as a formula.
  std::string out = "\"";
  if (!s.empty() && std::string("=+-@").find(s[0]) != std::string::npos) out += '\'';
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
}  // namespace

int run_keygen(const ReceiptsArgs& a) {
  std::string public_out = a.public_out;
  if (public_out.empty()) {
    std::string base = a.out.size() > 4 && a.out.substr(a.out.size() - 4) == ".pem" ? a.out.substr(0, a.out.size() - 4) : a.out;
    public_out = base + ".pub.pem";
  }
  if (!a.force && (file_exists(a.out) || file_exists(public_out)))
    return fail("keygen", a.out + " or " + public_out + " exists; receipts signed with it could no longer be verified if it were replaced (--force to overwrite)");
  SigningKey key = SigningKey::generate();
  if (!write_file(a.out, key.private_pem(), 0600)) return fail("keygen", "cannot write " + a.out);
  if (!write_file(public_out, key.public_pem(), 0644)) return fail("keygen", "cannot write " + public_out);
  std::cerr << "assent keygen: private key " << a.out << " (keep it secret, mode 600), public key " << public_out << ", key id "
            << key.key_id() << "\n";
  std::cout << key.public_pem();
  return 0;
}

int run_receipts_verify(const ReceiptsArgs& a) {
  std::string error;
  SigningKey key = SigningKey::from_file(a.public_key, error);
  if (key.empty()) return fail("receipts verify", error);
  std::string token = a.token;
  if (token == "-") std::getline(std::cin, token);
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
  TokenCheck check = verify_receipt(token, key);
  if (!check.valid) return fail("receipts verify", "not valid: " + check.reason);
  const Json* kid = check.header.find("kid");
  std::cerr << "assent receipts verify: valid, signed by key " << (kid && kid->is_string() ? kid->str() : key.key_id()) << "\n";
  std::cout << dump(check.payload, 2) << "\n";
  return 0;
}

int run_receipts_export(const ReceiptsArgs& a) {
  std::int64_t since = 0;
  if (!a.since.empty()) {
    std::tm tm{};
    const char* end = strptime(a.since.c_str(), a.since.size() > 10 ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d", &tm);
    if (!end || (*end && std::string(end) != "Z")) return fail("receipts export", "--since must be an ISO date such as 2026-11-01 or 2026-11-01T00:00:00Z");
    since = static_cast<std::int64_t>(timegm(&tm));
  }
  std::string error;
  std::unique_ptr<ReceiptStore> store = open_store(a.db, error);
  if (!store) return fail("receipts export", error);
  bool csv = a.format == "csv";
  if (csv) std::cout << "id,time,revision,policy_hash,record,region,model,network,browser,page,receipt\n";
  std::size_t count = 0;
  bool ok = store->backend().scan(since, [&](const Receipt& r) {
    ++count;
    if (!csv) {
      std::cout << dump(receipt_json(r)) << "\n";
      return;
    }
    std::cout << csv_field(r.id) << "," << r.time;
    for (const std::string* f : {&r.revision, &r.policy_hash, &r.record, &r.region, &r.model, &r.network, &r.browser, &r.page, &r.token})
      std::cout << "," << csv_field(*f);
    std::cout << "\n";
  }, error);
  if (!ok) return fail("receipts export", "reading the receipts failed: " + error);
  std::cerr << "assent receipts export: " << count << (count == 1 ? " receipt\n" : " receipts\n");
  return 0;
}

int run_receipts_purge(const ReceiptsArgs& a) {
  std::int64_t before = 0;
  if (!cutoff(a.older_than, static_cast<std::int64_t>(std::time(nullptr)), before))
    return fail("receipts purge", "--older-than must be a count and a unit: 5y, 18m, 8w or 30d, not \"" + a.older_than + "\"");
  std::string error;
  std::unique_ptr<ReceiptStore> store = open_store(a.db, error);
  if (!store) return fail("receipts purge", error);
  long long n = store->backend().purge(before, error);
  if (n < 0) return fail("receipts purge", "deleting failed: " + error);
  std::cerr << "assent receipts purge: " << n << (n == 1 ? " receipt" : " receipts") << " older than " << a.older_than << " deleted\n";
  std::cout << "{\"deleted\":" << n << "}\n";
  return 0;
}

}  // namespace assent::server
