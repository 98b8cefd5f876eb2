#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "policy.hpp"

// The cookie section of a privacy policy, generated from the same policy that drives the banner, so the two
// cannot disagree. Built as a small document model, then rendered to Markdown, HTML or JSON (for the shim,
// which turns it into DOM text).
namespace assent {

struct Inline {
  enum class Kind { Text, Link, Settings } kind = Kind::Text;
  std::string text;
  std::string href;  // Link only
};

struct Block {
  enum class Kind { Heading, Paragraph, Table } kind = Kind::Paragraph;
  int level = 0;                                 // Heading: 2..4
  std::vector<Inline> content;                   // Heading, Paragraph
  std::vector<Inline> plain;                     // Paragraph: Markdown's words where no settings control runs
  std::vector<std::string> header;               // Table
  std::vector<std::vector<std::string>> rows;    // Table
};

struct PolicyDocument {
  std::string language;
  std::vector<Block> blocks;
};

PolicyDocument policy_document(const Policy& policy, std::string_view language);

// "2 years", "13 months", "45 days", "30 minutes", "session" in the document's language (CLDR plural forms).
std::string format_days(int days, const TextMap& texts, std::string_view language);
std::string format_seconds(long long seconds, const TextMap& texts, std::string_view language);
// "2026-11-01" → "1 November 2026" with the language's date.format and date.month.*; other text as it is.
std::string format_date(const std::string& revision, const TextMap& texts);

std::string render_markdown(const PolicyDocument& doc);
std::string render_html(const PolicyDocument& doc);

}  // namespace assent
