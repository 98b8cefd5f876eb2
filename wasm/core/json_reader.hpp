#pragma once
// Reads typed fields out of a JSON object while collecting every problem as {JSON Pointer, plain message},
// never throwing. The policy validator is built on it; nothing here knows about policies.
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "limits.hpp"
#ifndef ASSENT_VISITOR
#define ASSENT_VISITOR 0
#endif

#include "json_util.hpp"
#include "policy.hpp"

namespace assent {

std::size_t edit_distance(std::string_view a, std::string_view b);
// "Did you mean" hints (unknown keys in JsonReader::check_keys, unknown categories in the validator): one
// switch; the visitor wasm (ASSENT_VISITOR, wasm/bindings) leaves them, and edit_distance, out.
constexpr bool kHints = !ASSENT_VISITOR;
std::size_t chars(std::string_view s);  // characters (code points), as JSON Schema's maxLength counts
std::string show(std::string_view s);   // quoted for a message, control characters replaced, long text cut

class JsonReader {
 public:
  explicit JsonReader(std::vector<PolicyError>& errors) : errors_(errors) {}

 protected:
  using Keys = std::initializer_list<const char*>;
  std::vector<PolicyError>& errors_;

  // At most kErrors errors, then one that says there are more: a policy of thousands of mistakes must not
  // make a list of thousands (the shim prints it, the CLI too).
  void error(std::string path, std::string message) {
    if (errors_.size() < limits::kErrors) errors_.push_back({std::move(path), std::move(message)});
    else if (errors_.size() == limits::kErrors) errors_.push_back({"", "more errors follow; fix these first"});
  }

  static const Json* field(const Json& obj, const char* key) { return obj.find(key); }

  void check_keys(const Json& obj, const std::string& path, Keys allowed) {
    for (std::size_t i = 0; i < obj.size(); ++i) {
      const std::string& key = obj.key(i);
      bool ok = false;
      const char* best = nullptr;
      std::size_t best_distance = 3;
      for (const char* a : allowed) {
        if (key == a) ok = true;
        if (kHints) {
          std::size_t d = edit_distance(key, a);
          if (d < best_distance) best_distance = d, best = a;
        }
      }
      if (ok) continue;
      std::string msg = "unknown key " + show(key);
      if (best) msg += std::string("; did you mean \"") + best + "\"?";
      error(path + "/" + pointer_token(key), msg);
    }
  }

  bool object_field(const Json& parent, const std::string& path, const char* key, const Json*& out, bool required) {
    out = field(parent, key);
    std::string at = path + "/" + key;
    if (!out) {
      if (required) error(at, "is required");
      return false;
    }
    if (!out->is_object()) {
      error(at, std::string("must be an object, not ") + type_name(*out));
      out = nullptr;
      return false;
    }
    return true;
  }

  bool string_value(const Json& v, const std::string& at, std::string& out, std::size_t min, std::size_t max) {
    if (!v.is_string()) {
      error(at, std::string("must be a string, not ") + type_name(v));
      return false;
    }
    const std::string& s = v.str();
    if (chars(s) < min) return error(at, min == 1 ? "must not be empty" : "is too short"), false;
    if (chars(s) > max) return error(at, "is longer than " + std::to_string(max) + " characters"), false;
    // "\u0000" is valid JSON, but a NUL cuts the text short wherever it is handled as a C string.
    if (s.find('\0') != std::string::npos) return error(at, "must not contain a NUL character (\\u0000)"), false;
    out = s;
    return true;
  }

  bool string_field(const Json& obj, const std::string& path, const char* key, std::string& out, bool required,
                    std::size_t min, std::size_t max) {
    const Json* v = field(obj, key);
    if (!v) {
      if (required) error(path + "/" + key, "is required");
      return false;
    }
    return string_value(*v, path + "/" + key, out, min, max);
  }

  void bool_field(const Json& obj, const std::string& path, const char* key, bool& out) {
    const Json* v = field(obj, key);
    if (!v) return;
    if (!v->is_boolean()) return error(path + "/" + key, std::string("must be true or false, not ") + type_name(*v));
    out = v->boolean();
  }

  void enum_field(const Json& obj, const std::string& path, const char* key, std::string& out, Keys values) {
    std::string s;
    if (!string_field(obj, path, key, s, false, 1, 32)) return;
    for (const char* v : values) {
      if (s == v) {
        out = s;
        return;
      }
    }
    std::string list;
    for (const char* v : values) list += (list.empty() ? "" : ", ") + std::string("\"") + v + "\"";
    error(path + "/" + key, show(s) + " is not one of " + list);
  }

  const Json* array_field(const Json& obj, const std::string& path, const char* key, std::size_t max) {
    const Json* v = field(obj, key);
    if (!v) return nullptr;
    if (!v->is_array()) return error(path + "/" + key, std::string("must be an array, not ") + type_name(*v)), nullptr;
    if (v->size() > max) {
      error(path + "/" + key, "has " + std::to_string(v->size()) + " entries; the limit is " + std::to_string(max));
      return nullptr;
    }
    return v;
  }

  // An array of strings, each checked by `problem` (empty = fine).
  template <class Check>
  void string_list(const Json& obj, const std::string& path, const char* key, std::size_t max,
                   std::vector<std::string>& out, Check problem) {
    const Json* arr = array_field(obj, path, key, max);
    if (!arr) return;
    for (std::size_t i = 0; i < arr->size(); ++i) {
      std::string at = path + "/" + key + "/" + std::to_string(i), s;
      if (!string_value((*arr)[i], at, s, 1, 512)) continue;
      std::string why = problem(s);
      if (!why.empty()) error(at, show(s) + ": " + why);
      else out.push_back(s);
    }
  }

};

}  // namespace assent
