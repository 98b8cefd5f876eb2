#include "json_util.hpp"

namespace assent {

namespace {
// Whether a JSON text nests deeper than `limit` (brackets inside strings do not count); `where` is the
// bracket that first goes too deep, and the scan stops there.
bool too_deep(std::string_view s, int limit, std::size_t& where) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > limit) {
        where = i;
        return true;
      }
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return false;
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

// The DOM builder, plus a note of where parsing failed and of repeated keys. One SAX type means one
// instantiation of nlohmann's parser in the wasm (a separate error pass doubled it: ~10 KB).
struct DomWithErrorPosition {
  using Dom = nlohmann::detail::json_sax_dom_parser<json>;
  using string_t = json::string_t;
  using binary_t = json::binary_t;
  struct Open {
    json* node;       // the container being filled (map nodes and an open last array element stay put)
    std::string at;   // its JSON Pointer
  };
  json& root;
  Dom dom;
  std::vector<Open> open;  // depth ≤ the nesting limit, checked before parsing
  std::string last_key;
  std::vector<DuplicateKey> duplicates;
  std::size_t position = 0;
  std::string token;
  explicit DomWithErrorPosition(json& into) : root(into), dom(into, false) {}

  // After the dom opened a container, find it where the dom put it: the root, the array's new last
  // element, or the value of the key just read.
  bool opened(bool ok) {
    if (!ok) return false;
    if (open.empty()) {
      open.push_back({&root, ""});
    } else if (open.back().node->is_array()) {
      json& arr = *open.back().node;
      open.push_back({&arr.back(), open.back().at + "/" + std::to_string(arr.size() - 1)});
    } else {
      open.push_back({&*open.back().node->find(last_key), open.back().at + "/" + pointer_token(last_key)});
    }
    return true;
  }
  bool closed(bool ok) {
    if (!open.empty()) open.pop_back();
    return ok;
  }

  bool null() { return dom.null(); }
  bool boolean(bool v) { return dom.boolean(v); }
  bool number_integer(json::number_integer_t v) { return dom.number_integer(v); }
  bool number_unsigned(json::number_unsigned_t v) { return dom.number_unsigned(v); }
  bool number_float(json::number_float_t v, const string_t& s) { return dom.number_float(v, s); }
  bool string(string_t& v) { return dom.string(v); }
  bool binary(binary_t& v) { return dom.binary(v); }
  bool start_object(std::size_t n) { return opened(dom.start_object(n)); }
  bool key(string_t& k) {
    // The object's own map answers "seen before?" in O(log n): no second key set to build.
    if (!open.empty() && open.back().node->contains(k) && duplicates.size() < 16)
      duplicates.push_back({open.back().at + "/" + pointer_token(k), k});
    last_key = k;
    return dom.key(k);
  }
  bool end_object() { return closed(dom.end_object()); }
  bool start_array(std::size_t n) { return opened(dom.start_array(n)); }
  bool end_array() { return closed(dom.end_array()); }
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
  if (too_deep(text, max_depth, where)) {
    out.error = position_of(text, where) + ": nested deeper than " + std::to_string(max_depth) + " levels";
    return out;
  }
  DomWithErrorPosition sax(out.value);
  if (!json::sax_parse(text.begin(), text.end(), &sax) || sax.dom.is_errored()) {
    out.value = json();
    std::size_t at = sax.position > 0 ? sax.position - 1 : 0;
    std::string near = sax.token.size() > 20 ? sax.token.substr(0, 20) + "…" : sax.token;
    out.error = position_of(text, at) + ": invalid JSON" + (near.empty() ? "" : " near '" + near + "'");
  } else if (!sax.duplicates.empty()) {
    out.value = json();
    out.duplicates = std::move(sax.duplicates);
    const DuplicateKey& d = out.duplicates.front();
    out.error = "has a duplicate key \"" + d.key + "\" (at " + d.pointer + "); each key may appear only once";
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
