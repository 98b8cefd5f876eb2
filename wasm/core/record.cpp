#include "record.hpp"

#include "hash.hpp"
#include "limits.hpp"

namespace assent {

namespace {
bool all_hex(std::string_view s, std::size_t n) {
  if (s.size() != n) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool id_list(std::string_view s, std::vector<std::string>& out) {
  out.clear();
  if (s.empty()) return true;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t end = s.find('~', pos);
    if (end == std::string_view::npos) end = s.size();
    std::string_view id = s.substr(pos, end - pos);
    if (id.empty() || id.size() > 32) return false;
    for (char c : id)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
    out.emplace_back(id);
    pos = end + 1;
  }
  return true;
}

std::string join(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : "~") + id;
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (true) {
    std::size_t end = s.find(sep, pos);
    if (end == std::string_view::npos) {
      parts.push_back(s.substr(pos));
      return parts;
    }
    parts.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
}
}  // namespace

std::string revision_tag(const Policy& policy) { return hex8(fnv1a(policy.revision)); }

std::string encode_record(const ConsentRecord& r) {
  std::string body = "1." + r.revision_tag + "." + std::to_string(r.timestamp) + "." + model_code(r.model) + "." +
                     static_cast<char>(r.action) + (r.gpc ? "g" : "") + "." + join(r.categories) + "." +
                     join(r.services) + "." + r.consent_id;
  return body + "." + hex8(fnv1a(body));
}

RecordCheck check_record(std::string_view text, const Policy& policy, std::int64_t now, int max_age_days) {
  RecordCheck out;
  if (text.empty()) return out;
  out.reason = "malformed";
  if (text.size() > limits::kRecordChars) return out;
  auto f = split(text, '.');
  if (f[0] != "1") {
    bool numeric = !f[0].empty() && f[0].size() < 6 && f[0].find_first_not_of("0123456789") == std::string_view::npos;
    if (numeric) out.reason = "unknown-version";
    return out;
  }
  if (f.size() != 9) return out;
  ConsentRecord& r = out.record;
  std::string_view flags = f[4];
  if (!all_hex(f[1], 8) || f[2].empty() || f[2].size() > 12 ||
      f[2].find_first_not_of("0123456789") != std::string_view::npos || f[3].size() != 1 ||
      !model_from_code(f[3][0], r.model) || flags.empty() || flags.size() > 2 ||
      std::string_view("arcok").find(flags[0]) == std::string_view::npos || (flags.size() == 2 && flags[1] != 'g') ||
      !id_list(f[5], r.categories) || !id_list(f[6], r.services) || !all_hex(f[7], 16) || !all_hex(f[8], 8)) {
    return out;
  }
  std::string_view body = text.substr(0, text.size() - 9);
  if (hex8(fnv1a(body)) != f[8]) {
    out.reason = "tampered";
    return out;
  }
  r.revision_tag = std::string(f[1]);
  r.timestamp = 0;
  for (char c : f[2]) r.timestamp = r.timestamp * 10 + (c - '0');  // ≤ 12 digits, checked above
  r.action = static_cast<Action>(flags[0]);
  r.gpc = flags.size() == 2;
  r.consent_id = std::string(f[7]);
  if (r.timestamp > now + limits::kClockSkewSeconds) out.reason = "future-dated";
  else if (r.revision_tag != revision_tag(policy)) out.reason = "revision-changed";
  else if (now - r.timestamp > static_cast<std::int64_t>(max_age_days) * 86400) out.reason = "expired";
  else out.valid = true, out.reason = "ok";
  return out;
}

}  // namespace assent
