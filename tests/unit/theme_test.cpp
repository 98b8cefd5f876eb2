// ui.theme as an object: what the validator lets through into the shim's CSS, the summary the shim gets,
// and the contrast arithmetic behind lint's theme-contrast rule.
#include <catch2/catch.hpp>

#include "engine.hpp"
#include "theme.hpp"

using namespace assent;

namespace {
PolicyLoad with_theme(const std::string& theme) {
  return parse_policy(R"({"revision":"1","site":{"name":"S"},"ui":{"theme":)" + theme + "}}");
}
std::string first_error_path(const PolicyLoad& load) { return load.errors.empty() ? "(none)" : load.errors[0].path; }
}  // namespace

TEST_CASE("theme colours are #rgb or #rrggbb only", "[theme]") {
  for (const char* ok : {"#fff", "#A0b1C2"}) CHECK(is_hex_colour(ok));
  for (const char* bad : {"fff", "#ffff", "#12345g", "red", "#fff;", "rgb(0,0,0)", ""}) CHECK_FALSE(is_hex_colour(bad));
  CHECK(first_error_path(with_theme(R"({"text":"#000;color:red"})")) == "/ui/theme/text");
  CHECK(first_error_path(with_theme(R"({"dark":{"accent":"blue"}})")) == "/ui/theme/dark/accent");
}

TEST_CASE("theme fonts are plain family names; nothing that could end a declaration", "[theme]") {
  for (const char* ok : {"Inter", "Inter, system-ui, sans-serif", R"("Source Sans 3", sans-serif)", "'Noto Sans', serif", " Georgia ,serif "})
    CHECK(font_family_problem(ok).empty());
  for (const char* bad : {"Inter; color: red", "a{}", "x, url(evil)", R"("Inter)", R"("a"b")", "Inter,", ",", "Source Sans 3",
                          "Inter\\, serif", "Inter/*", "Inter !important"})
    CHECK_FALSE(font_family_problem(bad).empty());
  CHECK(first_error_path(with_theme(R"({"font":"Inter; } .x { display: none"})")) == "/ui/theme/font");
}

TEST_CASE("theme radius is 0–32 px; the mode keeps its three values", "[theme]") {
  CHECK(with_theme(R"({"radius":0})").ok());
  CHECK(with_theme(R"({"radius":32,"mode":"dark"})").policy.theme == "dark");
  CHECK(first_error_path(with_theme(R"({"radius":33})")) == "/ui/theme/radius");
  CHECK(first_error_path(with_theme(R"({"radius":"8px"})")) == "/ui/theme/radius");
  CHECK(first_error_path(with_theme(R"({"mode":"sepia"})")) == "/ui/theme/mode");
  CHECK(first_error_path(with_theme(R"({"shadow":true})")) == "/ui/theme/shadow");
  CHECK(first_error_path(with_theme(R"("sepia")")) == "/ui/theme");
}

TEST_CASE("the policy summary carries what the policy set, with a readable text colour on each accent", "[theme]") {
  auto load = with_theme(R"({"accent":"#7a1f5c","radius":4,"font":"Georgia, serif","dark":{"background":"#20160f"}})");
  REQUIRE(load.ok());
  std::string json = load_result_json(load);
  for (const char* part : {R"("accent":"#7a1f5c")", R"("accentText":"#ffffff")", R"("background":"#20160f")", R"("radius":4)",
                           R"("font":"Georgia, serif")", R"("dark":{)"})
    CHECK(json.find(part) != std::string::npos);
  CHECK(load_result_json(with_theme(R"("dark")")).find(R"("theme":{})") != std::string::npos);
}

TEST_CASE("contrast ratios as WCAG 2 computes them", "[theme]") {
  CHECK(contrast_ratio("#000", "#fff") == Approx(21.0));
  CHECK(contrast_ratio("#fff", "#fff") == Approx(1.0));
  CHECK(contrast_ratio("#767676", "#ffffff") == Approx(4.54).epsilon(0.01));
  CHECK(readable_on("#ffb86b") == "#000000");
  CHECK(readable_on("#0b57d0") == "#ffffff");
  // The built-in palettes pass AA themselves.
  for (const Palette* p : {&kBuiltinLight, &kBuiltinDark}) {
    CHECK(contrast_ratio(p->text, p->background) >= 4.5);
    CHECK(contrast_ratio(p->accent, p->background) >= 4.5);
  }
}
