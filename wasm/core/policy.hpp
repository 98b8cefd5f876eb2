#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model.hpp"
#include "theme.hpp"

namespace assent {

using TextMap = std::vector<std::pair<std::string, std::string>>;  // key → text, in insertion order

struct Category {
  std::string id;
  bool required = false;
  bool sale_or_sharing = false;
  std::vector<std::string> gcm;  // Consent Mode types this category controls
};

// A text the visitor reads, written once ("text") or per language ({"en": "…", "de": "…"} in by_lang; then
// "text" is the policy's default language, else English, else the first one given).
struct LocalText {
  std::string text;
  TextMap by_lang;
  bool empty() const { return text.empty(); }
};

struct Service {
  std::string id, category, vendor, privacy_url;
  LocalText name, purpose, retention;
  LocalText location;                     // free text (the older form); countries are preferred
  std::vector<std::string> countries;     // ISO 3166 alpha-2 codes where the data goes, e.g. {"US", "IE"}
  std::vector<std::string> cookies, scripts, gcm;  // cookie names/globs
  std::vector<std::string> storage;       // localStorage/sessionStorage keys and IndexedDB names (globs)
  std::vector<long long> cookie_seconds;            // lifetime per cookie; -1 unknown, 0 session
};

struct Policy {
  std::string revision;
  std::string site_name, policy_url, contact;
  // site.saleOrSharing as written: false is the site's statement that it sells or shares no personal
  // information (US state law terms); the cookie section then says so. Unset: no statement either way.
  std::optional<bool> sale_or_sharing;
  std::string cookie_name = "assent", cookie_domain;
  int max_age_days = 182;           // effective, capped at 395
  int max_age_days_declared = 182;  // as written (lint reports values above the cap)
  std::vector<Category> categories;
  bool categories_defaulted = false;  // no "categories" key: the four built-ins
  std::vector<Service> services;
  Model fallback = Model::OptIn;
  std::vector<std::pair<std::string, Model>> overrides;  // normalized region code → model
  bool gb_statistics_exception = false;
  bool honor_dnt = false;
  std::vector<std::string> languages{"en"};
  std::vector<std::pair<std::string, TextMap>> texts;  // lang → overrides
  std::string layout = "box", position = "bottom-right", theme = "auto";  // theme: the mode (light/dark/auto)
  ThemeStyle theme_style;  // ui.theme as an object: colours, radius and font
  bool reload_on_revoke = false;
  // Policy "csp": the site's own sources per directive, as written (a directive left out means 'self'),
  // and where violation reports go. wasm/core/csp.hpp adds the granted services' sources.
  std::vector<std::pair<std::string, std::vector<std::string>>> csp_base;
  std::string csp_report_uri, csp_report_to;
  std::string receipts_url;  // "receipts": {"url"}: where the shim posts each choice for a receipt; empty: none

  const Category* category(std::string_view id) const;
  const Service* service(std::string_view id) const;
  const TextMap* texts_for(std::string_view lang) const;
};

struct PolicyError {
  std::string path;     // JSON Pointer into the policy
  std::string message;  // plain words, names the offending value
};

struct PolicyLoad {
  Policy policy;  // meaningful only when ok(): an invalid policy is read in part
  std::vector<PolicyError> errors;
  bool ok() const { return errors.empty(); }
};

// Parses and validates a policy text. Never throws; collects every error it can find.
PolicyLoad parse_policy(std::string_view text);

}  // namespace assent
