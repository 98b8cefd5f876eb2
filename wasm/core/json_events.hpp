#pragma once
// The events of a JSON text, as nlohmann's SAX parser delivers them. Every reader in the engine (the small Json
// tree in json_util.cpp, the policy reader) is a JsonEvents, so nlohmann's parser is compiled once, not once
// per reader (about 3 KB of wasm each).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace assent {

class JsonEvents {
 public:
  virtual ~JsonEvents() = default;
  virtual bool null() = 0;
  virtual bool boolean(bool v) = 0;
  virtual bool number_integer(std::int64_t v) = 0;
  virtual bool number_unsigned(std::uint64_t v) = 0;
  virtual bool number_float(double v) = 0;
  virtual bool string(std::string& v) = 0;
  virtual bool start_object() = 0;
  virtual bool start_array() = 0;
  virtual bool key(std::string& k) = 0;
  virtual bool end_object() = 0;
  virtual bool end_array() = 0;
};

// Parses a text already checked by json_limits_problem (json_util.hpp), handing each event to `events`.
// Returns "" on success, else the syntax error as "line L, column C: invalid JSON near '…'".
std::string parse_events(std::string_view text, JsonEvents& events);

}  // namespace assent
