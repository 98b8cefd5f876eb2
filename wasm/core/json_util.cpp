// The input half of the engine's JSON: the Json value, nlohmann's SAX parser behind JsonEvents, the size, depth
// and duplicate-key checks every reader shares, and parse_json (the events building a Json). The output half is
// json_writer.cpp.
#include "json_util.hpp"

#include "json_events.hpp"

#include <nlohmann/json.hpp>

namespace assent {

Json::Json(const std::vector<std::string>& list) : type_(Type::Array) {
  items_.reserve(list.size());
  for (const auto& s : list) items_.emplace_back(s);
}

namespace {
// The first member whose key is not less than `key` (members are sorted).
std::size_t lower_bound(const std::vector<std::string>& keys, std::string_view key) {
  std::size_t lo = 0, hi = keys.size();
  while (lo < hi) {
    std::size_t mid = (lo + hi) / 2;
    if (std::string_view(keys[mid]) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
}  // namespace

const Json* Json::find(std::string_view key) const {
  if (type_ != Type::Object) return nullptr;
  std::size_t i = lower_bound(keys_, key);
  return i < keys_.size() && keys_[i] == key ? &items_[i] : nullptr;
}

Json& Json::operator[](std::string_view key) {
  if (type_ == Type::Null) type_ = Type::Object;
  std::size_t i = lower_bound(keys_, key);
  if (i == keys_.size() || keys_[i] != key) {  // appended, then moved down into place (smaller than insert())
    keys_.emplace_back(key);
    items_.emplace_back();
    for (std::size_t k = keys_.size() - 1; k > i; --k) {
      keys_[k].swap(keys_[k - 1]);
      std::swap(items_[k], items_[k - 1]);
    }
  }
  return items_[i];
}

Json& Json::push_back(Json v) {
  if (type_ == Type::Null) type_ = Type::Array;
  items_.push_back(std::move(v));
  return items_.back();
}

Json make_object(std::initializer_list<KeyValue> members) {
  Json out = Json::object();
  for (const KeyValue& m : members) out[m.key] = std::move(m.value);
  return out;
}

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
}  // namespace

std::vector<std::uint32_t> DuplicateKeys::check(const std::vector<std::string>& keys,
                                                const std::vector<std::uint32_t>& seqs, const std::string& pointer) {
  const std::size_t n = keys.size();
  bool sorted = true;
  for (std::size_t i = 1; i < n && sorted; ++i) sorted = keys[i - 1] < keys[i];
  if (sorted) return {};  // the common case: keys written in order, or one key
  // A heap sort of the indices by (key, position): no worst case for a hostile text, and far less code than std::sort.
  std::vector<std::uint32_t> idx(n);
  for (std::size_t i = 0; i < n; ++i) idx[i] = static_cast<std::uint32_t>(i);
  auto less = [&](std::uint32_t a, std::uint32_t b) {
    int c = keys[a].compare(keys[b]);
    return c < 0 || (c == 0 && a < b);
  };
  auto sift = [&](std::size_t root, std::size_t end) {
    for (std::size_t child; (child = 2 * root + 1) < end; root = child) {
      if (child + 1 < end && less(idx[child], idx[child + 1])) ++child;
      if (!less(idx[root], idx[child])) return;
      std::swap(idx[root], idx[child]);
    }
  };
  for (std::size_t i = n / 2; i-- > 0;) sift(i, n);
  for (std::size_t end = n; end-- > 1;) {
    std::swap(idx[0], idx[end]);
    sift(0, end);
  }
  // Each run of equal keys past its first member is a duplicate.
  for (std::size_t i = 1; i < n; ++i)
    if (keys[idx[i]] == keys[idx[i - 1]]) add(pointer + "/" + pointer_token(keys[idx[i]]), keys[idx[i]], seqs[idx[i]]);
  return idx;
}

void DuplicateKeys::add(std::string pointer, const std::string& key, std::uint32_t seq) {
  std::size_t n = found.size();
  if (n == 16) {
    if (seq_[15] < seq) return;
    --n;
  } else {
    found.emplace_back();
  }
  for (; n > 0 && seq_[n - 1] > seq; --n) {  // keep text order: shift the later ones up
    seq_[n] = seq_[n - 1];
    found[n] = std::move(found[n - 1]);
  }
  seq_[n] = seq;
  found[n] = {std::move(pointer), key};
}

std::string json_limits_problem(std::string_view text, std::size_t max_bytes, int max_depth) {
  if (text.size() > max_bytes) return "is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes);
  // nlohmann's lexer reads a NUL byte as the end of the input, so "{…}\0anything" would pass as "{…}". JSON
  // allows none anywhere (in a string it must be written \u0000).
  if (std::size_t nul = text.find('\0'); nul != std::string_view::npos)
    return position_of(text, nul) + ": a NUL byte, which JSON does not allow (in a string, write \\u0000)";
  std::size_t where = 0;
  if (too_deep(text, max_depth, where)) return position_of(text, where) + ": nested deeper than " + std::to_string(max_depth) + " levels";
  return "";
}

namespace {
// nlohmann's SAX interface over JsonEvents: the one place its parser is instantiated.
struct SaxAdapter {
  using number_integer_t = std::int64_t;
  using number_unsigned_t = std::uint64_t;
  using number_float_t = double;
  using string_t = std::string;
  using binary_t = nlohmann::json::binary_t;

  explicit SaxAdapter(JsonEvents& e) : events(e) {}
  JsonEvents& events;
  std::size_t position = 0;
  std::string token;
  bool errored = false;

  bool null() { return events.null(); }
  bool boolean(bool v) { return events.boolean(v); }
  bool number_integer(number_integer_t v) { return events.number_integer(v); }
  bool number_unsigned(number_unsigned_t v) { return events.number_unsigned(v); }
  bool number_float(number_float_t v, const string_t&) { return events.number_float(v); }
  bool string(string_t& v) { return events.string(v); }
  bool binary(binary_t&) { return true; }  // not in JSON texts
  bool start_object(std::size_t) { return events.start_object(); }
  bool start_array(std::size_t) { return events.start_array(); }
  bool key(string_t& k) { return events.key(k); }
  bool end_object() { return events.end_object(); }
  bool end_array() { return events.end_array(); }
  bool parse_error(std::size_t pos, const std::string& last, const nlohmann::detail::exception&) {
    position = pos;
    token = last;
    errored = true;
    return false;
  }
};
}  // namespace

std::string parse_events(std::string_view text, JsonEvents& events) {
  SaxAdapter sax(events);
  if (nlohmann::json::sax_parse(text.begin(), text.end(), &sax) && !sax.errored) return "";
  std::string near = sax.token.size() > 20 ? sax.token.substr(0, 20) + "…" : sax.token;
  return position_of(text, sax.position > 0 ? sax.position - 1 : 0) + ": invalid JSON" +
         (near.empty() ? "" : " near '" + near + "'");
}

// Builds a Json from the events. Members are appended as they come and sorted when their object closes
// (DuplicateKeys finds the keys given twice).
struct JsonBuilder final : JsonEvents {
  Json& root;
  std::vector<Json*> open;  // depth ≤ the nesting limit, checked before parsing
  std::string pending_key;
  std::uint32_t keys_seen = 0;
  DuplicateKeys duplicates;

  explicit JsonBuilder(Json& into) : root(into) {}

  Json* add(Json v) {
    if (open.empty()) {
      root = std::move(v);
      return &root;
    }
    Json& parent = *open.back();
    if (parent.type_ == Json::Type::Object) {
      parent.keys_.push_back(std::move(pending_key));
      v.seq_ = keys_seen++;
    }
    parent.items_.push_back(std::move(v));
    return &parent.items_.back();
  }

  bool null() override { return add(Json()), true; }
  bool boolean(bool v) override { return add(Json(v)), true; }
  bool number_integer(std::int64_t v) override { return add(Json(v)), true; }
  bool number_unsigned(std::uint64_t v) override { return add(Json(v)), true; }
  bool number_float(double v) override { return add(Json(v)), true; }
  bool string(std::string& v) override { return add(Json(std::move(v))), true; }
  bool start_object() override { return open.push_back(add(Json::object())), true; }
  bool start_array() override { return open.push_back(add(Json::array())), true; }
  bool key(std::string& k) override { return pending_key = std::move(k), true; }
  bool end_array() override { return open.pop_back(), true; }
  bool end_object() override {
    sort_members(*open.back());
    open.pop_back();
    return true;
  }

  // The JSON Pointer of the innermost open container: each one is the last element of its parent.
  std::string open_pointer() const {
    std::string at;
    for (std::size_t i = 0; i + 1 < open.size(); ++i) {
      const Json& parent = *open[i];
      if (parent.type_ == Json::Type::Array) at += "/" + std::to_string(parent.items_.size() - 1);
      else at += "/" + pointer_token(parent.keys_.back());
    }
    return at;
  }

  void sort_members(Json& obj) {
    std::vector<std::uint32_t> seqs;
    seqs.reserve(obj.items_.size());
    for (const Json& item : obj.items_) seqs.push_back(item.seq_);
    std::vector<std::uint32_t> idx = duplicates.check(obj.keys_, seqs, open_pointer());
    if (idx.empty()) return;
    std::vector<Json> out;
    std::vector<std::string> out_keys;
    out.reserve(idx.size());
    out_keys.reserve(idx.size());
    for (std::uint32_t i : idx) {
      out.push_back(std::move(obj.items_[i]));
      out_keys.push_back(std::move(obj.keys_[i]));
    }
    obj.items_ = std::move(out);
    obj.keys_ = std::move(out_keys);
  }
};

JsonParse parse_json(std::string_view text, std::size_t max_bytes, int max_depth) {
  JsonParse out;
  out.error = json_limits_problem(text, max_bytes, max_depth);
  if (!out.error.empty()) return out;
  JsonBuilder builder(out.value);
  out.error = parse_events(text, builder);
  if (!out.error.empty()) {
    out.value = Json();
  } else if (!builder.duplicates.found.empty()) {
    out.value = Json();
    out.duplicates = std::move(builder.duplicates.found);
    const DuplicateKey& d = out.duplicates.front();
    out.error = "has a duplicate key \"" + d.key + "\" (at " + d.pointer + "); each key may appear only once";
  }
  return out;
}

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

const char* type_name(const Json& j) {
  switch (j.type()) {
    case Json::Type::Null: return "null";
    case Json::Type::Boolean: return "a boolean";
    case Json::Type::String: return "a string";
    case Json::Type::Array: return "an array";
    case Json::Type::Object: return "an object";
    case Json::Type::Float: return "a number";
    case Json::Type::Integer:
    case Json::Type::Unsigned: return "an integer";
  }
  return "an unsupported value";
}

}  // namespace assent
