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

// The DOM builder, plus a note of where parsing failed. One SAX type means one instantiation of
// nlohmann's parser in the wasm (a separate error pass doubled it: ~10 KB).
struct DomWithErrorPosition {
  using Dom = nlohmann::detail::json_sax_dom_parser<json>;
  using string_t = json::string_t;
  using binary_t = json::binary_t;
  Dom dom;
  std::size_t position = 0;
  std::string token;
  explicit DomWithErrorPosition(json& into) : dom(into, false) {}
  bool null() { return dom.null(); }
  bool boolean(bool v) { return dom.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom.number_unsigned(v); }
  bool number_float(json::number_float_t v, const string_t& s) { return dom.number_float(v, s); }
  bool string(string_t& v) { return dom.string(v); }
  bool binary(binary_t& v) { return dom.binary(v); }
  bool start_object(std::size_t n) { return dom.start_object(n); }
  bool key(string_t& k) { return dom.key(k); }
  bool end_object() { return dom.end_object(); }
  bool start_array(std::size_t n) { return dom.start_array(n); }
  bool end_array() { return dom.end_array(); }
  bool parse_error(std::size_t pos, const std::string& last, const nlohmann::detail::exception& ex) {
    position = pos;
    token = last;
    return dom.parse_error(pos, last, ex);
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
  DomWithErrorPosition sax(out.value);
  if (!json::sax_parse(text.begin(), text.end(), &sax) || sax.dom.is_errored()) {
    out.value = json();
    std::size_t at = sax.position > 0 ? sax.position - 1 : 0;
    std::string near = sax.token.size() > 20 ? sax.token.substr(0, 20) + "…" : sax.token;
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
