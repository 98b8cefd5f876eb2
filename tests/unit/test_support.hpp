#pragma once
// Helpers shared by the Catch2 tests: read repo files, list a folder, partial JSON matching per
// tests/vectors/README.md.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace test {
using json = nlohmann::json;
namespace fs = std::filesystem;

inline fs::path repo(const std::string& rel) { return fs::path(ASSENT_SOURCE_DIR) / rel; }

inline std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline json read_json(const fs::path& p) { return json::parse(read_text(p), nullptr, false); }

inline std::vector<fs::path> json_files(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

// Partial match; returns "" when `actual` satisfies `expected`, else where and why it does not.
inline std::string mismatch(const json& expected, const json& actual, const std::string& path, bool top_level_choose = false);

inline std::string keyed_match(const json& expected, const json& actual, const std::string& path) {
  if (!expected.is_object()) return path + ": expectation must be an object keyed by id";
  if (!actual.is_array()) return path + ": expected an array";
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    const json* found = nullptr;
    for (const auto& el : actual)
      if (el.is_object() && el.contains("id") && el["id"] == it.key()) found = &el;
    if (!found) return path + "/" + it.key() + ": missing";
    std::string m = mismatch(it.value(), *found, path + "/" + it.key());
    if (!m.empty()) return m;
  }
  return "";
}

inline std::string as_set_match(const json& expected, const json& actual, const std::string& path) {
  if (!expected.is_array() || !actual.is_array()) return path + ": expected arrays";
  std::vector<std::string> a, b;
  for (const auto& v : expected) a.push_back(v.dump());
  for (const auto& v : actual) b.push_back(v.dump());
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a != b) return path + ": expected set " + expected.dump() + ", got " + actual.dump();
  return "";
}

// A decision carries neither texts nor service words: they come from words(decision.language). For matching a
// vector's expectations (tests/vectors/README.md), a decision with its `texts` and each service's words put back.
inline json with_words(json decision, const json& words) {
  if (!decision.is_object() || !words.is_object()) return decision;
  decision["texts"] = words["texts"];
  if (decision.contains("services") && decision["services"].is_array())
    for (auto& s : decision["services"])
      for (const auto& w : words["services"])
        if (s.is_object() && w["id"] == s["id"])
          for (auto it = w.begin(); it != w.end(); ++it) s[it.key()] = it.value();
  return decision;
}

inline std::string mismatch(const json& expected, const json& actual, const std::string& path, bool top_level_choose) {
  if (expected.is_object()) {
    if (!actual.is_object()) return path + ": expected an object, got " + actual.dump();
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      std::string at = path + "/" + it.key();
      if (!actual.contains(it.key())) return at + ": missing";
      const json& got = actual[it.key()];
      std::string m;
      if (it.key() == "categories" || it.key() == "services") m = keyed_match(it.value(), got, at);
      else if (top_level_choose && (it.key() == "deleteCookies" || it.key() == "revoked")) m = as_set_match(it.value(), got, at);
      else m = mismatch(it.value(), got, at);
      if (!m.empty()) return m;
    }
    return "";
  }
  if (expected != actual) return path + ": expected " + expected.dump() + ", got " + actual.dump();
  return "";
}
}  // namespace test
