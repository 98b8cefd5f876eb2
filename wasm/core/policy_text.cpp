#include "policy_text.hpp"

#include <algorithm>

#include "language.hpp"

namespace assent {

namespace {
const std::string& text_of(const TextMap& t, std::string_view key) {
  static const std::string empty;
  for (const auto& kv : t)
    if (kv.first == key) return kv.second;
  return empty;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
  return s;
}

// CLDR plural category for a non-negative integer, for the built-in languages.
const char* plural(std::string_view language, int n) {
  std::string_view base = language.substr(0, language.find('-'));
  if (base == "pl") {
    if (n == 1) return "one";
    int d = n % 10, h = n % 100;
    return (d >= 2 && d <= 4 && !(h >= 12 && h <= 14)) ? "few" : "many";
  }
  if (base == "fr" || base == "pt") return n <= 1 ? "one" : "other";  // 0 and 1 are singular
  return n == 1 ? "one" : "other";
}

bool looks_like_email(const std::string& s) { return s.find('@') != std::string::npos && s.find(' ') == std::string::npos; }

// Splits "… {settings} …" into text runs and the settings link; fills the plain placeholders.
std::vector<Inline> inlines(std::string text, const Policy& p, const TextMap& t) {
  text = replace_all(text, "{site}", p.site_name);
  text = replace_all(text, "{revision}", format_date(p.revision, t));
  std::vector<Inline> out;
  while (!text.empty()) {
    std::size_t a = text.find("{settings}"), b = text.find("{contact}");
    std::size_t at = std::min(a, b);
    if (at == std::string::npos) {
      out.push_back({Inline::Kind::Text, text, {}});
      break;
    }
    if (at > 0) out.push_back({Inline::Kind::Text, text.substr(0, at), {}});
    if (at == a) {
      out.push_back({Inline::Kind::Settings, text_of(t, "settings.link"), {}});
      text.erase(0, at + 10);
    } else {
      std::string href = looks_like_email(p.contact) ? "mailto:" + p.contact
                         : (p.contact.rfind("https://", 0) == 0 || p.contact.rfind("/", 0) == 0) ? p.contact : "";
      out.push_back(href.empty() ? Inline{Inline::Kind::Text, p.contact, {}} : Inline{Inline::Kind::Link, p.contact, href});
      text.erase(0, at + 9);
    }
  }
  return out;
}

Block heading(int level, const std::string& text) { return {Block::Kind::Heading, level, {{Inline::Kind::Text, text, {}}}, {}, {}, {}}; }
Block paragraph(std::vector<Inline> content) { return {Block::Kind::Paragraph, 0, std::move(content), {}, {}, {}}; }

std::string cookie_list(const Service& s, const TextMap& t, std::string_view lang) {
  std::string out;
  bool unknown = false;
  for (std::size_t i = 0; i < s.cookies.size(); ++i) {
    if (!out.empty()) out += ", ";
    out += s.cookies[i];
    if (s.cookie_seconds[i] >= 0) out += " (" + format_seconds(s.cookie_seconds[i], t, lang) + ")";
    else unknown = true;
  }
  for (const std::string& key : s.storage) out += (out.empty() ? "" : ", ") + key + " (" + text_of(t, "policy.storage") + ")";
  // The service's retention text describes the cookies without their own lifetime; say it once.
  const std::string& retention = local_text(s.retention, lang);
  if ((unknown || s.cookies.empty()) && !retention.empty()) out += out.empty() ? retention : "; " + retention;
  return out.empty() ? "—" : out;
}

// Where the data goes: the countries by name, else the free text, else (a service the site runs itself) this site.
std::string location(const Service& s, const Policy& p, const TextMap& t, std::string_view lang) {
  std::string out;
  for (const std::string& code : s.countries) out += (out.empty() ? "" : ", ") + text_of(t, "country." + code);
  if (out.empty()) out = local_text(s.location, lang);
  if (out.empty() && s.vendor == p.site_name) out = text_of(t, "policy.firstParty");
  return out.empty() ? "—" : out;
}

// Assent's own cookie: essential, set by this site, as long as storage.maxAgeDays.
std::vector<std::string> consent_cookie_row(const Policy& p, const TextMap& t, std::string_view lang) {
  return {p.site_name, text_of(t, "policy.consentCookie"), text_of(t, "category.essential.title"),
          p.cookie_name + " (" + format_days(p.max_age_days, t, lang) + ")", text_of(t, "policy.firstParty")};
}

// "The providers' own privacy policies: A, B." — each vendor once, linked.
Block privacy_links(const Policy& p, const TextMap& t) {
  Block b = paragraph({{Inline::Kind::Text, text_of(t, "policy.privacyLinks") + " ", {}}});
  std::vector<std::string> seen;
  for (const Service& s : p.services) {
    if (s.privacy_url.empty() || std::find(seen.begin(), seen.end(), s.vendor) != seen.end()) continue;
    if (!seen.empty()) b.content.push_back({Inline::Kind::Text, ", ", {}});
    b.content.push_back({Inline::Kind::Link, s.vendor, s.privacy_url});
    seen.push_back(s.vendor);
  }
  b.content.push_back({Inline::Kind::Text, ".", {}});
  return seen.empty() ? Block{} : b;
}
}  // namespace

std::string format_days(int days, const TextMap& t, std::string_view lang) {
  if (days == 0) return text_of(t, "duration.session");
  const char* unit = "day";
  int n = days;
  if (days % 365 == 0) unit = "year", n = days / 365;
  else if (days >= 28 && days % 30 == 0) unit = "month", n = days / 30;
  std::string key = std::string("duration.") + unit + "." + plural(lang, n);
  return replace_all(text_of(t, key), "{n}", std::to_string(n));
}

std::string format_date(const std::string& d, const TextMap& t) {
  auto digits = [&](std::size_t from, std::size_t n) {
    int v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return -1;
      v = v * 10 + (d[i] - '0');
    }
    return v;
  };
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return d;
  int year = digits(0, 4), month = digits(5, 2), day = digits(8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) return d;
  std::string out = replace_all(text_of(t, "date.format"), "{day}", std::to_string(day));
  out = replace_all(out, "{month}", text_of(t, "date.month." + std::to_string(month)));
  return replace_all(out, "{year}", std::to_string(year));
}

std::string format_seconds(long long seconds, const TextMap& t, std::string_view lang) {
  if (seconds == 0 || seconds >= 86400) return format_days(static_cast<int>(seconds / 86400), t, lang);
  bool minutes = seconds < 3600;
  long long n = minutes ? (seconds + 59) / 60 : (seconds + 3599) / 3600;  // never understate a lifetime
  std::string key = std::string("duration.") + (minutes ? "minute." : "hour.") + plural(lang, static_cast<int>(n));
  return replace_all(text_of(t, key), "{n}", std::to_string(n));
}

PolicyDocument policy_document(const Policy& p, std::string_view language) {
  PolicyDocument doc;
  doc.language = std::string(language);
  TextMap t = resolve_texts(p, language);
  auto& b = doc.blocks;
  b.push_back(heading(2, text_of(t, "policy.heading")));
  b.push_back(paragraph(inlines(text_of(t, "policy.intro"), p, t)));

  b.push_back(heading(3, text_of(t, "policy.categoriesHeading")));
  for (const Category& c : p.categories) {
    b.push_back(heading(4, text_of(t, "category." + c.id + ".title")));
    const std::string& description = text_of(t, "category." + c.id + ".description");
    if (!description.empty()) b.push_back(paragraph(inlines(description, p, t)));
    if (c.required) {
      b.push_back(paragraph(inlines(text_of(t, "policy.basis.required"), p, t)));
      continue;
    }
    b.push_back(paragraph(inlines(text_of(t, "policy.basis.consent") + " " + text_of(t, "policy.basis.optOut"), p, t)));
    if (c.sale_or_sharing) b.push_back(paragraph(inlines(text_of(t, "policy.basis.saleOrSharing"), p, t)));
  }
  if (p.sale_or_sharing == false) b.push_back(paragraph(inlines(text_of(t, "policy.noSaleOrSharing"), p, t)));

  b.push_back(heading(3, text_of(t, "policy.servicesHeading")));
  Block table{Block::Kind::Table, 0, {}, {}, {}, {}};
  for (const char* col : {"policy.col.service", "policy.col.purpose", "policy.col.category", "policy.col.cookies", "policy.col.location"})
    table.header.push_back(text_of(t, col));
  table.rows.push_back(consent_cookie_row(p, t, language));
  for (const Service& s : p.services) {
    const std::string& own_name = local_text(s.name, language);
    std::string name = own_name.empty() || own_name == s.vendor ? s.vendor : own_name + " (" + s.vendor + ")";
    const std::string& purpose = local_text(s.purpose, language);
    table.rows.push_back({name, purpose.empty() ? "—" : purpose, text_of(t, "category." + s.category + ".title"),
                          cookie_list(s, t, language), location(s, p, t, language)});
  }
  b.push_back(std::move(table));
  if (p.services.empty()) b.push_back(paragraph(inlines(text_of(t, "policy.noServices"), p, t)));
  if (Block links = privacy_links(p, t); !links.content.empty()) b.push_back(std::move(links));

  b.push_back(heading(3, text_of(t, "policy.changeHeading")));
  Block change = paragraph(inlines(text_of(t, "policy.change"), p, t));
  change.plain = inlines(replace_all(text_of(t, "policy.changePlain"), "{settings}", text_of(t, "settings.link")), p, t);
  b.push_back(std::move(change));
  if (!p.contact.empty()) b.push_back(paragraph(inlines(text_of(t, "policy.contact"), p, t)));
  b.push_back(paragraph(inlines(text_of(t, "policy.revision"), p, t)));
  return doc;
}

// ---- renderers: config text is escaped for each format; nothing from the policy becomes markup ----

namespace {
std::string md_escape(std::string_view s, bool in_table) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool line_start = i == 0 || s[i - 1] == '\n';
    if (c == '\n') {
      out += in_table ? " " : "  \n";
      continue;
    }
    if (std::string_view("\\`*_[]<>&|").find(c) != std::string_view::npos || (line_start && std::string_view("#+-=>").find(c) != std::string_view::npos))
      out += '\\';
    out += c;
  }
  return out;
}

std::string html_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string md_link_target(std::string_view href) {
  std::string out;
  for (char c : href) out += (c == '(' || c == ')' || c == ' ' || c == '<' || c == '>') ? std::string("%") + "0123456789ABCDEF"[(c >> 4) & 0xF] + "0123456789ABCDEF"[c & 0xF] : std::string(1, c);
  return out;
}
}  // namespace

std::string render_markdown(const PolicyDocument& doc) {
  std::string out;
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::Table) {
      auto row = [&](const std::vector<std::string>& cells) {
        out += "|";
        for (const auto& c : cells) out += " " + md_escape(c, true) + " |";
        out += "\n";
      };
      row(b.header);
      out += "|";
      for (std::size_t i = 0; i < b.header.size(); ++i) out += " --- |";
      out += "\n";
      for (const auto& r : b.rows) row(r);
      out += "\n";
      continue;
    }
    if (b.kind == Block::Kind::Heading) out += std::string(static_cast<std::size_t>(b.level), '#') + " ";
    // Markdown has no control: the paragraph's plain wording points at the site's own settings link.
    for (const Inline& in : b.plain.empty() ? b.content : b.plain) {
      if (in.kind == Inline::Kind::Link) out += "[" + md_escape(in.text, false) + "](" + md_link_target(in.href) + ")";
      else out += md_escape(in.text, false);
    }
    out += "\n\n";
  }
  return out;
}

std::string render_html(const PolicyDocument& doc) {
  std::string out = "<section class=\"assent-policy\" lang=\"" + html_escape(doc.language) + "\">\n";
  for (const Block& b : doc.blocks) {
    if (b.kind == Block::Kind::Table) {
      out += "<table>\n<thead><tr>";
      for (const auto& h : b.header) out += "<th scope=\"col\">" + html_escape(h) + "</th>";
      out += "</tr></thead>\n<tbody>\n";
      for (const auto& r : b.rows) {
        out += "<tr>";
        for (const auto& c : r) out += "<td>" + html_escape(c) + "</td>";
        out += "</tr>\n";
      }
      out += "</tbody>\n</table>\n";
      continue;
    }
    std::string tag = b.kind == Block::Kind::Heading ? "h" + std::to_string(b.level) : "p";
    out += "<" + tag + ">";
    for (const Inline& in : b.content) {
      if (in.kind == Inline::Kind::Text) out += html_escape(in.text);
      else if (in.kind == Inline::Kind::Link) out += "<a href=\"" + html_escape(in.href) + "\">" + html_escape(in.text) + "</a>";
      // A link to the page's settings anchor: Assent opens its dialog instead; pasted elsewhere it still works.
      else out += "<a href=\"#assent-settings\" data-assent-open>" + html_escape(in.text) + "</a>";
    }
    out += "</" + tag + ">\n";
  }
  return out + "</section>\n";
}

}  // namespace assent
