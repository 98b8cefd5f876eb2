#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "policy.hpp"

namespace assent {

// What the visitor did, as stored in the record.
enum class Action : char { AcceptAll = 'a', RejectAll = 'r', Custom = 'c', OptOut = 'o', Acknowledge = 'k' };

// The stored consent, e.g. 1.4f2a9c1e.1795000000.i.a.analytics~marketing..3f9c0e1a2b4d5c6e.9a8b7c6d
//   version . revision tag . unix seconds . model . action[+g if GPC was on] . categories . services . id . checksum
struct ConsentRecord {
  std::string revision_tag;  // hex8(fnv1a(revision))
  std::int64_t timestamp = 0;
  Model model = Model::OptIn;
  Action action = Action::Custom;
  bool gpc = false;
  std::vector<std::string> categories;  // granted, non-required
  std::vector<std::string> services;    // granted individually (beyond their category)
  std::string consent_id;               // 16 hex
};

std::string encode_record(const ConsentRecord& r);

struct RecordCheck {
  bool valid = false;
  // none | malformed | unknown-version | tampered | future-dated | revision-changed | expired | ok
  const char* reason = "none";
  ConsentRecord record;
};

// Total: any input yields a result, never an exception. `max_age_days` is the record's lifetime.
RecordCheck check_record(std::string_view text, const Policy& policy, std::int64_t now, int max_age_days);

std::string revision_tag(const Policy& policy);
}  // namespace assent
