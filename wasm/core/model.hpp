#pragma once
#include <cstdint>
#include <string_view>

namespace assent {
// Consent models, ordered by strictness so "became stricter" is a plain comparison.
enum class Model : std::uint8_t { None = 0, Notice = 1, OptOut = 2, OptIn = 3 };

inline const char* model_name(Model m) {
  switch (m) {
    case Model::None: return "none";
    case Model::Notice: return "notice";
    case Model::OptOut: return "opt-out";
    case Model::OptIn: return "opt-in";
  }
  return "opt-in";
}

inline bool parse_model(std::string_view s, Model& out) {
  if (s == "opt-in") out = Model::OptIn;
  else if (s == "opt-out") out = Model::OptOut;
  else if (s == "notice") out = Model::Notice;
  else if (s == "none") out = Model::None;
  else return false;
  return true;
}

// One character per model in the consent record.
inline char model_code(Model m) { return "xnoi"[static_cast<int>(m)]; }

inline bool model_from_code(char c, Model& out) {
  switch (c) {
    case 'x': out = Model::None; return true;
    case 'n': out = Model::Notice; return true;
    case 'o': out = Model::OptOut; return true;
    case 'i': out = Model::OptIn; return true;
    default: return false;
  }
}
}  // namespace assent
