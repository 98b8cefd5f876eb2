// Language negotiation on fuzzed lists, read two ways: raw comma-separated pieces (navigator.languages
// can hold anything) and Accept-Language style (spaces trimmed, ";q=" parameters dropped).
// Property: the answer is always one of the offered languages, or "en" when nothing is offered.
#include "language.hpp"
#include "targets.hpp"

namespace assent_fuzz {

namespace {
constexpr const char* kName = "language";

std::vector<std::string> split(std::string_view s, bool header_style) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size() && out.size() < 10000) {
    std::size_t end = s.find(',', pos);
    if (end == std::string_view::npos) end = s.size();
    std::string_view piece = s.substr(pos, end - pos);
    if (header_style) {
      piece = piece.substr(0, piece.find(';'));
      while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
      while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
    }
    out.emplace_back(piece);
    pos = end + 1;
  }
  return out;
}

void negotiate(const std::vector<std::string>& offers, const std::vector<std::string>& accepted, std::string_view input) {
  std::string got = assent::negotiate_language(offers, accepted);
  bool offered = offers.empty() ? got == "en" : false;
  for (const auto& o : offers) offered = offered || got == o;
  ASSENT_FUZZ_CHECK(kName, offered, "negotiated \"" + got + "\", which is not offered", input);
  // The visitor's first choice, when offered as such, always wins.
  if (!accepted.empty())
    for (const auto& o : offers)
      if (assent::same_tag(o, accepted.front()))
        ASSENT_FUZZ_CHECK(kName, got == o, "exact first choice \"" + o + "\" lost to \"" + got + "\"", input);
}
}  // namespace

void language(std::string_view data) {
  static const std::vector<std::vector<std::string>> kOffers = {
      {"en", "de", "pt-BR", "fr-CA", "zh-Hant-TW", "es-419"}, {"de"}, {}};
  for (bool header_style : {false, true}) {
    std::vector<std::string> accepted = split(data, header_style);
    for (const auto& offers : kOffers) negotiate(offers, accepted, data);
    for (const auto& tag : accepted) {
      if (assent::is_language_tag(tag))
        ASSENT_FUZZ_CHECK(kName, tag.size() <= 35, "a language tag longer than 35 characters was accepted", data);
    }
  }
  // Texts and purposes for whatever language arrives (the CLI and the shim pass it through).
  std::string first(data.substr(0, data.find(',')));
  assent::TextMap texts = assent::resolve_texts(rich_policy(), first);
  bool has_title = false;
  for (const auto& [k, v] : texts) has_title = has_title || (k == "banner.title" && !v.empty());
  ASSENT_FUZZ_CHECK(kName, has_title, "no banner.title for language \"" + first + "\"", data);
  for (const auto& s : rich_policy().services) assent::local_text(s.purpose, first);
}

}  // namespace assent_fuzz
