#include "json_util.hpp"

namespace assent {

namespace {
// Nesting depth of a JSON text, ignoring brackets inside strings.
int max_depth_of(std::string_view s, std::size_t& where) {
  int depth = 0, max_depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) {
        max_depth = depth;
        where = i;
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return max_depth;
}

std::string position_of(std::string_view s, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < s.size(); ++i) {
    if (s[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

// SAX sink that only remembers where parsing failed; the DOM parse itself runs without exceptions.
struct ErrorSink : nlohmann::json_sax<json> {
  std::size_t position = 0;
  std::string token;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string& last, const nlohmann::detail::exception&) override {
    position = pos;
    token = last;
    return false;
  }
};
}  // namespace

JsonParse parse_json(std::string_view text, std::size_t max_bytes, int max_depth) {
  JsonParse out;
  if (text.size() > max_bytes) {
    out.error = "is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes);
    return out;
  }
  std::size_t where = 0;
  if (max_depth_of(text, where) > max_depth) {
    out.error = position_of(text, where) + ": nested deeper than " + std::to_string(max_depth) + " levels";
    return out;
  }
  out.value = json::parse(text.begin(), text.end(), nullptr, false);
  if (out.value.is_discarded()) {
    ErrorSink sink;
    json::sax_parse(text.begin(), text.end(), &sink);
    std::size_t at = sink.position > 0 ? sink.position - 1 : 0;
    std::string near = sink.token.size() > 20 ? sink.token.substr(0, 20) + "…" : sink.token;
    out.error = position_of(text, at) + ": invalid JSON" + (near.empty() ? "" : " near '" + near + "'");
  }
  return out;
}

std::string dump(const json& j, int indent) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

const char* type_name(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::number_float: return "a number";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "an integer";
    default: return "an unsupported value";
  }
}

}  // namespace assent
