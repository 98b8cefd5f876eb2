// The output half of the engine's JSON: dump() writes a Json exactly as nlohmann's basic_json::dump did
// (tests/unit/json_writer_test.cpp), so every engine output stayed byte-identical when basic_json left the build.
#include <cmath>
#include <cstdint>
#include <string>

#include "json_util.hpp"

namespace assent {

namespace {
// Björn Höhrmann's UTF-8 decoder, as basic_json's serializer runs it (nlohmann/detail/output/serializer.hpp).
constexpr std::uint8_t kAccept = 0, kReject = 1;
std::uint8_t decode(std::uint8_t& state, std::uint32_t& codep, std::uint8_t byte) {
  static const std::uint8_t utf8d[] = {
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 00..1F
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 20..3F
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 40..5F
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // 60..7F
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,  // 80..9F
      7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,  // A0..BF
      8, 8, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,  // C0..DF
      0xA, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x3, 0x4, 0x3, 0x3,                  // E0..EF
      0xB, 0x6, 0x6, 0x6, 0x5, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8, 0x8,                  // F0..FF
      0x0, 0x1, 0x2, 0x3, 0x5, 0x8, 0x7, 0x1, 0x1, 0x1, 0x4, 0x6, 0x1, 0x1, 0x1, 0x1,                  // s0..s0
      1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1,  // s1..s2
      1, 2, 1, 1, 1, 1, 1, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1,  // s3..s4
      1, 2, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 1, 3, 1, 1, 1, 1, 1, 1,  // s5..s6
      1, 3, 1, 1, 1, 1, 1, 3, 1, 3, 1, 1, 1, 1, 1, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1   // s7..s8
  };
  const std::uint8_t type = utf8d[byte];
  codep = (state != kAccept) ? (byte & 0x3fu) | (codep << 6u) : (0xFFu >> type) & (byte);
  state = utf8d[256u + state * 16u + type];
  return state;
}

// The string escaping of basic_json::dump with ensure_ascii false and error_handler_t::replace: the short
// escapes, \u00xx for other control characters, UTF-8 copied, each invalid sequence replaced with U+FFFD
// (a byte that broke a sequence is read again on its own).
void write_string(std::string& o, const std::string& s) {
  o += '"';
  std::uint32_t codepoint = 0;
  std::uint8_t state = kAccept;
  std::size_t last_accept = o.size();
  std::size_t undumped = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto byte = static_cast<std::uint8_t>(s[i]);
    switch (decode(state, codepoint, byte)) {
      case kAccept:
        switch (codepoint) {
          case 0x08: o += "\\b"; break;
          case 0x09: o += "\\t"; break;
          case 0x0A: o += "\\n"; break;
          case 0x0C: o += "\\f"; break;
          case 0x0D: o += "\\r"; break;
          case 0x22: o += "\\\""; break;
          case 0x5C: o += "\\\\"; break;
          default:
            if (codepoint <= 0x1F) {
              o += "\\u00";
              o += "0123456789abcdef"[codepoint >> 4];
              o += "0123456789abcdef"[codepoint & 0xF];
            } else {
              o += s[i];
            }
        }
        last_accept = o.size();
        undumped = 0;
        break;
      case kReject:
        if (undumped > 0) --i;
        o.resize(last_accept);
        o += "\xEF\xBF\xBD";
        last_accept = o.size();
        undumped = 0;
        state = kAccept;
        break;
      default:  // inside a multi-byte sequence
        o += s[i];
        ++undumped;
    }
  }
  if (state != kAccept) {  // the text ended inside a sequence
    o.resize(last_accept);
    o += "\xEF\xBF\xBD";
  }
  o += '"';
}

// No engine output holds a fraction (its numbers are counts, times and limits): a Float only ever comes from a
// parsed text. Whole values below 1e15 are written as basic_json wrote them ("30.0", "-0.0"); any other with
// 17 significant digits in exponent form: valid JSON, but not basic_json's shortest form, whose grisu2 code
// cost 2.5 KB gzip of wasm for numbers the engine never writes.
void write_float(std::string& o, double d) {
  if (!std::isfinite(d)) return void(o += "null");
  if (std::signbit(d)) o += '-', d = -d;
  if (d < 1e15 && d == std::floor(d)) return void(o += std::to_string(static_cast<long long>(d)) + ".0");
  int exp10 = 0;
  for (; d >= 10; d /= 10) ++exp10;
  for (; d < 1; d *= 10) --exp10;
  std::string digits;
  for (int i = 0; i < 17; ++i, d = (d - static_cast<int>(d)) * 10) digits += static_cast<char>('0' + static_cast<int>(d));
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  o += digits[0];
  if (digits.size() > 1) o += '.' + digits.substr(1);
  o += 'e' + std::to_string(exp10);
}

void write(std::string& o, const Json& j, int indent, int level) {
  switch (j.type()) {
    case Json::Type::Null: o += "null"; return;
    case Json::Type::Boolean: o += j.boolean() ? "true" : "false"; return;
    case Json::Type::Integer: o += std::to_string(j.integer()); return;
    case Json::Type::Unsigned: o += std::to_string(j.unsigned_integer()); return;
    case Json::Type::Float: return write_float(o, j.number());
    case Json::Type::String: return write_string(o, j.str());
    case Json::Type::Array:
    case Json::Type::Object: break;
  }
  const bool object = j.is_object();
  if (j.empty()) return void(o += object ? "{}" : "[]");
  o += object ? '{' : '[';
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (i > 0) o += ',';
    if (indent >= 0) {
      o += '\n';
      o.append(static_cast<std::size_t>(indent) * (level + 1), ' ');
    }
    if (object) {
      write_string(o, j.key(i));
      o += indent >= 0 ? ": " : ":";
    }
    write(o, j[i], indent, level + 1);
  }
  if (indent >= 0) {
    o += '\n';
    o.append(static_cast<std::size_t>(indent) * level, ' ');
  }
  o += object ? '}' : ']';
}
}  // namespace

std::string dump(const Json& j, int indent) {
  std::string out;
  write(out, j, indent, 0);
  return out;
}

}  // namespace assent
