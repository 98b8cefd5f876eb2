#include "theme.hpp"

#include <cmath>

namespace assent {

const Palette kBuiltinLight{"#0b57d0", "#ffffff", "#1b1b1f"};
const Palette kBuiltinDark{"#a8c7fa", "#1d1d22", "#f1f1f4"};

namespace {
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Channel i (0 red, 1 green, 2 blue) of a valid colour, 0–255.
int channel(std::string_view s, int i) {
  if (s.size() == 4) return hex_digit(s[1 + i]) * 17;
  return hex_digit(s[1 + 2 * i]) * 16 + hex_digit(s[2 + 2 * i]);
}

double relative_luminance(std::string_view s) {
  double lin[3];
  for (int i = 0; i < 3; ++i) {
    double c = channel(s, i) / 255.0;
    lin[i] = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
}

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-' || c == '_';
}
}  // namespace

bool is_hex_colour(std::string_view s) {
  if ((s.size() != 4 && s.size() != 7) || s[0] != '#') return false;
  for (std::size_t i = 1; i < s.size(); ++i)
    if (hex_digit(s[i]) < 0) return false;
  return true;
}

std::string font_family_problem(std::string_view s) {
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(',', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view name = s.substr(start, end - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    bool quoted = name.size() >= 2 && (name.front() == '"' || name.front() == '\'') && name.back() == name.front();
    if (quoted) name = name.substr(1, name.size() - 2);
    if (name.empty()) return "has an empty font name";
    for (char c : name)
      if (!name_char(c))
        return "may only hold font names (letters, digits, spaces, '-', '_'), separated by commas, each optionally in quotes";
    // An unquoted name is a run of CSS identifiers: none may start with a digit.
    for (std::size_t i = 0; i < name.size() && !quoted; ++i)
      if ((i == 0 || name[i - 1] == ' ') && name[i] >= '0' && name[i] <= '9')
        return "a font name with a word starting with a digit must be in quotes";
    start = end + 1;
  }
  return {};
}

double contrast_ratio(std::string_view a, std::string_view b) {
  double la = relative_luminance(a), lb = relative_luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

std::string readable_on(std::string_view background) {
  return contrast_ratio(background, "#ffffff") >= contrast_ratio(background, "#000000") ? "#ffffff" : "#000000";
}

}  // namespace assent
