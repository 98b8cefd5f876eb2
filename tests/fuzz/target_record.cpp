// The stored consent record (a cookie value: anything a visitor or an extension can write) against a fixed
// policy. Properties: the result is one of the documented reasons; a record that parses re-encodes to a
// record that parses to the same thing. The checksum is also repaired so the fuzzer gets past it.
#include <cstring>

#include "hash.hpp"
#include "targets.hpp"

namespace assent_fuzz {

namespace {
constexpr const char* kName = "record";

bool same(const assent::ConsentRecord& a, const assent::ConsentRecord& b) {
  return a.revision_tag == b.revision_tag && a.timestamp == b.timestamp && a.model == b.model && a.action == b.action &&
         a.gpc == b.gpc && a.categories == b.categories && a.services == b.services && a.consent_id == b.consent_id;
}

void check(std::string_view text, std::string_view input) {
  const assent::Policy& p = rich_policy();
  assent::RecordCheck r = assent::check_record(text, p, kNow, 395);
  std::string_view reason = r.reason;
  bool known = false;
  for (const char* k : {"none", "malformed", "unknown-version", "tampered", "future-dated", "revision-changed", "expired", "ok"})
    known = known || reason == k;
  ASSENT_FUZZ_CHECK(kName, known, "unknown reason " + std::string(reason), input);
  ASSENT_FUZZ_CHECK(kName, r.valid == (reason == "ok"), "valid flag disagrees with reason " + std::string(reason), input);
  ASSENT_FUZZ_CHECK(kName, !text.empty() || reason == "none", "empty record is not 'none'", input);
  ASSENT_FUZZ_CHECK(kName, text.size() <= 4096 || reason == "malformed", "a record over 4096 bytes was not malformed", input);
  // Past the checksum every field is set: the record must survive encode → parse unchanged.
  if (reason == "ok" || reason == "expired" || reason == "future-dated" || reason == "revision-changed") {
    std::string again = assent::encode_record(r.record);
    assent::RecordCheck r2 = assent::check_record(again, p, kNow, 395);
    ASSENT_FUZZ_CHECK(kName, same(r.record, r2.record) && std::strcmp(r.reason, r2.reason) == 0,
                      "re-encoded record " + again + " parses differently (" + r2.reason + ")", input);
    ASSENT_FUZZ_CHECK(kName, r.valid || r.record.timestamp > kNow + 86400 || r.record.revision_tag != assent::revision_tag(p) ||
                                 kNow - r.record.timestamp > 395LL * 86400,
                      "record rejected without a reason", input);
  }
}
}  // namespace

void record(std::string_view data) {
  check(data, data);
  // Same text with a correct checksum, so the fields behind it get fuzzed too.
  std::size_t dot = data.rfind('.');
  if (dot == std::string_view::npos) return;
  std::string fixed = std::string(data.substr(0, dot)) + "." + assent::hex8(assent::fnv1a(data.substr(0, dot)));
  assent::RecordCheck r = assent::check_record(fixed, rich_policy(), kNow, 395);
  ASSENT_FUZZ_CHECK(kName, std::strcmp(r.reason, "tampered") != 0, "a correct checksum was reported as tampered", data);
  check(fixed, data);
}

}  // namespace assent_fuzz
