#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace assent {
using json = nlohmann::json;

struct DuplicateKey {
  std::string pointer;  // JSON Pointer of the repeated key, e.g. /site/name
  std::string key;
};

struct JsonParse {
  json value;
  std::string error;  // empty on success: "line 3, column 5: <what>", "has a duplicate key …"
  std::vector<DuplicateKey> duplicates;  // each repeated key (the first 16); the text is then rejected
};

// Parses JSON without exceptions, rejecting texts over max_bytes or nested deeper than max_depth
// (checked before nlohmann recurses, so a hostile input cannot exhaust the stack). A key given twice in
// one object is an error, not "last one wins": for a consent policy, either value could be the intended one.
JsonParse parse_json(std::string_view text, std::size_t max_bytes, int max_depth);

// Serializes without ever throwing on bad UTF-8 (it is replaced).
std::string dump(const json& j, int indent = -1);

// JSON Pointer escaping of one reference token (RFC 6901).
std::string pointer_token(std::string_view key);

const char* type_name(const json& j);
}  // namespace assent
