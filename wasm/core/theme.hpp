#pragma once
// The policy's colours and shape for the banner (ui.theme as an object): the values are checked here so
// that no policy text can become anything but a colour, a length or a list of font names in the shim's CSS.
#include <string>
#include <string_view>

namespace assent {

struct Palette {
  std::string accent, background, text;  // "#rgb" / "#rrggbb"; empty: the built-in colour
};

struct ThemeStyle {
  Palette light;     // every scheme, unless `dark` says otherwise
  Palette dark;      // the dark scheme only (theme "dark", or "auto" on a dark system)
  int radius = -1;   // px, 0–32; -1: the built-in
  std::string font;  // CSS font-family list; empty: the built-in
};

// The built-in palettes (keep in step with js-shim/src/ui/styles.ts): what lint checks unset colours against.
extern const Palette kBuiltinLight, kBuiltinDark;

bool is_hex_colour(std::string_view s);
// Empty when `s` is a font-family list made of plain names (letters, digits, spaces, '-', '_', each name
// optionally wrapped in one pair of quotes), else why not.
std::string font_family_problem(std::string_view s);
// WCAG 2 contrast ratio of two valid hex colours (1 to 21).
double contrast_ratio(std::string_view a, std::string_view b);
// "#ffffff" or "#000000", whichever reads better on `background`.
std::string readable_on(std::string_view background);

}  // namespace assent
