#pragma once
// A small JSON value and its writer, for the engine's small inputs (context, action, locale) and every output.
// Texts come in through nlohmann's SAX parser (json_events.hpp), never through nlohmann::basic_json: the DOM, its
// map and its serializer cost ~23 KB gzip of wasm, the SAX parser alone ~10. The policy, the one big input, is
// read by its own SAX reader straight into the model (policy_reader.hpp). Objects keep their members sorted by
// key, as basic_json's std::map did, so every output is what it was. The writer escapes exactly as
// basic_json::dump with error_handler_t::replace did (tests: the golden vectors, compared byte for byte with
// the native CLI).
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace assent {

class Json {
 public:
  enum class Type : std::uint8_t { Null, Boolean, Integer, Unsigned, Float, String, Array, Object };

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : type_(Type::Boolean), b_(b) {}
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Json(T v) : type_(std::is_signed_v<T> ? Type::Integer : Type::Unsigned), i_(static_cast<std::int64_t>(v)) {}
  Json(double d) : type_(Type::Float), d_(d) {}
  Json(std::string s) : type_(Type::String), s_(std::move(s)) {}
  Json(const char* s) : type_(Type::String), s_(s) {}
  Json(std::string_view s) : type_(Type::String), s_(s) {}
  Json(const std::vector<std::string>& list);  // an array of strings

  Json(Json&&) noexcept = default;
  Json& operator=(Json&&) noexcept = default;
  Json(const Json&) = delete;  // outputs are built by moving: a copy of a tree is never needed
  Json& operator=(const Json&) = delete;

  static Json array() { return Json(Type::Array); }
  static Json object() { return Json(Type::Object); }

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_boolean() const { return type_ == Type::Boolean; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }
  bool is_number() const { return type_ == Type::Integer || type_ == Type::Unsigned || type_ == Type::Float; }
  bool is_number_integer() const { return type_ == Type::Integer || type_ == Type::Unsigned; }
  bool is_number_unsigned() const { return type_ == Type::Unsigned; }
  bool is_number_float() const { return type_ == Type::Float; }

  bool boolean() const { return b_; }
  const std::string& str() const { return s_; }
  std::int64_t integer() const { return i_; }  // Integer; an Unsigned's bits
  std::uint64_t unsigned_integer() const { return static_cast<std::uint64_t>(i_); }
  double number() const {  // any number as a double, as basic_json::get<double>()
    return type_ == Type::Float ? d_ : type_ == Type::Unsigned ? static_cast<double>(unsigned_integer()) : static_cast<double>(i_);
  }

  // Arrays: the elements; objects: the members' values, sorted by key (key(i) is the i-th member's key).
  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  const Json& operator[](std::size_t i) const { return items_[i]; }
  const Json* begin() const { return items_.data(); }
  const Json* end() const { return items_.data() + items_.size(); }
  const std::string& key(std::size_t i) const { return keys_[i]; }

  const Json* find(std::string_view key) const;  // an object's member, or nullptr
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  Json& operator[](std::string_view key);  // an object's member, added (null) when missing; null becomes {}
  Json& push_back(Json v);                 // appends to an array; null becomes []

 private:
  friend struct JsonBuilder;
  explicit Json(Type t) : type_(t) {}
  Type type_ = Type::Null;
  bool b_ = false;
  std::uint32_t seq_ = 0;  // while parsing, in a member: its key's number in the text (duplicates in text order)
  std::int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  std::vector<Json> items_;
  std::vector<std::string> keys_;  // an object's, one per item
};

// {"a": 1, "b": "x"} as make_object({{"a", 1}, {"b", "x"}}). The values are moved out of the list (mutable:
// an initializer_list's elements are const), so building an output never copies a tree.
struct KeyValue {
  const char* key;
  mutable Json value;
};
Json make_object(std::initializer_list<KeyValue> members);

struct DuplicateKey {
  std::string pointer;  // JSON Pointer of the repeated key, e.g. /site/name
  std::string key;
};

struct JsonParse {
  Json value;
  std::string error;  // empty on success: "line 3, column 5: <what>", "has a duplicate key …"
  std::vector<DuplicateKey> duplicates;  // each repeated key (the first 16); the text is then rejected
};

// Keys given twice in one object, gathered object by object as a text is parsed: the earliest 16 in text order.
class DuplicateKeys {
 public:
  // An object's keys in text order, with each key's number in the text; `pointer` is the object's JSON Pointer.
  // Returns the order that sorts the keys (equal keys in text order), or nothing when they already are sorted.
  std::vector<std::uint32_t> check(const std::vector<std::string>& keys, const std::vector<std::uint32_t>& seqs,
                                   const std::string& pointer);
  std::vector<DuplicateKey> found;

 private:
  void add(std::string pointer, const std::string& key, std::uint32_t seq);
  std::uint32_t seq_[16];  // found's key numbers
};

// Why a JSON text is refused before parsing ("" when it is not): over max_bytes, or nested deeper than max_depth
// (checked before nlohmann recurses, so a hostile input cannot exhaust the stack).
std::string json_limits_problem(std::string_view text, std::size_t max_bytes, int max_depth);

// Parses JSON without exceptions, rejecting texts over max_bytes or nested deeper than max_depth
// (checked before nlohmann recurses, so a hostile input cannot exhaust the stack). A key given twice in
// one object is an error, not "last one wins": for a consent policy, either value could be the intended one.
JsonParse parse_json(std::string_view text, std::size_t max_bytes, int max_depth);

// Serializes as basic_json::dump(indent, ' ', false, error_handler_t::replace) did: -1 compact, else pretty with
// `indent` spaces; invalid UTF-8 is replaced with U+FFFD, never thrown on.
std::string dump(const Json& j, int indent = -1);

// JSON Pointer escaping of one reference token (RFC 6901).
std::string pointer_token(std::string_view key);

const char* type_name(const Json& j);
}  // namespace assent
