#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace assent {
using json = nlohmann::json;

struct JsonParse {
  json value;
  std::string error;  // empty on success: "line 3, column 5: <what>"
};

// Parses JSON without exceptions, rejecting texts over max_bytes or nested deeper than max_depth
// (checked before nlohmann recurses, so a hostile input cannot exhaust the stack).
JsonParse parse_json(std::string_view text, std::size_t max_bytes, int max_depth);

// Serializes without ever throwing on bad UTF-8 (it is replaced).
std::string dump(const json& j, int indent = -1);

// JSON Pointer escaping of one reference token (RFC 6901).
std::string pointer_token(std::string_view key);

const char* type_name(const json& j);
}  // namespace assent
