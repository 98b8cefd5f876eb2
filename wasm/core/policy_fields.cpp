// What each value of a policy means (policy_reader.hpp): checked where it stands and stored into the model.
// Every error names the value and its JSON Pointer; a refused container is skipped (Node::Skip).
#include <algorithm>

#include "csp.hpp"
#include "error_words.hpp"
#include "glob.hpp"
#include "language.hpp"
#include "limits.hpp"
#include "locales.hpp"
#include "policy_keys.hpp"
#include "policy_reader.hpp"
#include "policy_values.hpp"
#include "region.hpp"
#include "theme.hpp"

namespace assent {

using namespace policy_keys;

namespace {
std::string language_tag_problem(std::string_view tag) {
  return is_language_tag(tag) ? "" : " is not a language tag such as \"en\" or \"pt-BR\"";
}
}  // namespace

PolicyReader::KeyList PolicyReader::keys_of(Node n) {
  switch (n) {
    case Node::Root: return {root::keys, std::size(root::keys)};
    case Node::Site: return {site::keys, std::size(site::keys)};
    case Node::Storage: return {storage::keys, std::size(storage::keys)};
    case Node::Category: return {category::keys, std::size(category::keys)};
    case Node::Service: return {service::keys, std::size(service::keys)};
    case Node::Cookie: return {cookie::keys, std::size(cookie::keys)};
    case Node::Regions: return {regions::keys, std::size(regions::keys)};
    case Node::Signals: return {signals::keys, std::size(signals::keys)};
    case Node::Ui: return {ui::keys, std::size(ui::keys)};
    case Node::Theme: return {theme::keys, std::size(theme::keys)};
    case Node::ThemeDark: return {theme::keys, 3};
    case Node::Csp: return {csp::keys, std::size(csp::keys)};
    case Node::Receipts: return {receipts::keys, std::size(receipts::keys)};
    default: return {nullptr, 0};
  }
}

// An object with fixed keys: a known key is marked present; an unknown one is an error (with the nearest
// known key as a hint) and its value is skipped.
int PolicyReader::known_key(Frame& f, const std::string& at) {
  KeyList keys = keys_of(f.node);
  if (keys.size == 0) return 0;
  const char* best = nullptr;
  std::size_t best_distance = 3;
  for (std::size_t i = 0; i < keys.size; ++i) {
    if (f.key == keys.keys[i]) return f.seen |= 1u << i, static_cast<int>(i);
    if (kHints) {
      std::size_t d = edit_distance(f.key, keys.keys[i]);
      if (d < best_distance) best_distance = d, best = keys.keys[i];
    }
  }
  std::string msg = "unknown key " + show(f.key);
  if (best) msg += std::string("; did you mean \"") + best + "\"?";
  error(at, msg);
  return -1;
}

void PolicyReader::value(Frame& f, Json& v, Frame* child) {
  std::string at = here(f);
  if (child) child->path = at;  // a container's own pointer, whatever it turns out to be
  if (f.is_array) return element(f, v, at, child);
  int k = known_key(f, at);
  if (k < 0) return;
  std::string s;
  switch (f.node) {
    case Node::Root: return root_value(k, v, at, child);
    case Node::Service: return service_value(k, v, at, child);
    case Node::Theme: return theme_value(k, v, at, child, p_.theme_style.light);
    case Node::ThemeDark: return theme_value(k, v, at, child, p_.theme_style.dark);
    case Node::Site:
      if (k == site::name) text(v, at, p_.site_name, 1, 200);
      else if (k == site::policy_url) page_url(v, at, p_.policy_url);
      else if (k == site::contact) text(v, at, p_.contact, 1, 200);
      else if (bool b = false; k == site::sale_or_sharing) {
        flag(v, at, b);
        if (v.is_boolean()) p_.sale_or_sharing = b, sale_seq_ = seq_;
      }
      return;
    case Node::Storage:
      if (k == storage::cookie && text(v, at, s, 1, 64)) {
        if (is_cookie_name(s)) p_.cookie_name = s;
        else refuse(at, s, " may only use letters, digits, '_' and '-'");
      } else if (k == storage::domain && text(v, at, s, 1, 253)) {
        if (is_domain(s)) p_.cookie_domain = s;
        else refuse(at, s, " is not a lowercase host name such as \".example.com\"");
      } else if (k == storage::max_age_days) {
        if (!is_whole(v)) return wrong_type(at, "must be a whole number of days, not ", v);
        long long days = whole_number(v, 1000000);
        // Above the cap is not an error (the banner must keep working): it is capped, and lint warns.
        if (days < 1) error(at, "must be at least 1");
        else p_.max_age_days_declared = static_cast<int>(days),
             p_.max_age_days = static_cast<int>(std::min<long long>(days, limits::kMaxAgeDaysCap));
      }
      return;
    case Node::Category:
      if (k == category::id && text(v, at, s, 1, 64)) {
        if (!is_id(s)) refuse(at, s, kIdRule);
        else if (p_.category(s)) error(at, "duplicate category id " + show(s));
        else category_.id = s, category_.id_ok = true;
      } else if (k == category::required || k == category::sale_or_sharing) {
        bool b = false;
        flag(v, at, b);
        if (v.is_boolean()) (k == category::required ? category_.required : category_.sale_or_sharing) = b;
      } else if (k == category::gcm) {
        category_.gcm_given = true;
        list(v, at, child, 7, gcm_problem, &category_.gcm);
      }
      return;
    case Node::Cookie:
      (k == cookie::name ? cookie_.name : k == cookie::max_age_days ? cookie_.days : cookie_.seconds) = std::move(v);
      return;
    case Node::LocalText:
      if (std::string why = language_tag_problem(f.key); !why.empty()) return refuse(at, f.key, why);
      if (text(v, at, s, 1, f.max)) f.text->by_lang.emplace_back(f.key, s);
      return;
    case Node::Regions:
      if (k == regions::fallback) model(v, at, p_.fallback);
      else if (k == regions::overrides) container(v, at, child, Node::Overrides);
      else flag(v, at, p_.gb_statistics_exception);
      return;
    case Node::Overrides:
      if (!normalize_region(f.key, s)) refuse(at, f.key, " is not a region code such as \"DE\" or \"US-CA\"");
      else if (Model m; model(v, at, m)) p_.overrides.emplace_back(s, m);
      return;
    case Node::Signals: return flag(v, at, p_.honor_dnt);
    case Node::Texts:
      texts_.push_back({f.key, at, seq_, v.is_object() ? nullptr : type_name(v), {}});
      if (v.is_object()) child->node = Node::TextsLanguage;
      return;
    case Node::TextsLanguage: texts_.back().texts.push_back({f.key, seq_, std::move(v)}); return;
    case Node::Ui:
      if (k == ui::layout) choice(v, at, p_.layout, {"bar", "box"});
      else if (k == ui::position)
        choice(v, at, p_.position, {"bottom", "top", "bottom-left", "bottom-right", "top-left", "top-right", "center"});
      else if (k == ui::reload_on_revoke) flag(v, at, p_.reload_on_revoke);
      else if (v.is_object()) child->node = Node::Theme;  // ui.theme as an object: colours, radius and font
      else choice(v, at, p_.theme, {"light", "dark", "auto"});
      return;
    case Node::Csp:
      // The site's own sources per directive (wasm/core/csp.hpp). Each value goes into a response header as
      // written, so anything that could end a directive or the policy is refused.
      if (k < csp::report_uri) {
        p_.csp_base.emplace_back(f.key, std::vector<std::string>());
        return list(v, at, child, limits::kCspSources, csp_source_problem, &p_.csp_base.back().second);
      }
      if (!text(v, at, s, 1, limits::kCspValueChars)) return;
      if (std::string why = csp_value_problem(s); !why.empty()) refuse(at, s, ": " + why);
      else (k == csp::report_uri ? p_.csp_report_uri : p_.csp_report_to) = s;
      return;
    case Node::Receipts: return page_url(v, at, p_.receipts_url);  // where the shim posts each choice for a receipt
    default: return;  // Skip
  }
}

void PolicyReader::root_value(int k, Json& v, const std::string& at, Frame* child) {
  static constexpr Node kNodes[] = {Node::Skip, Node::Skip, Node::Site, Node::Storage, Node::Categories,
                                    Node::Services, Node::Regions, Node::Signals, Node::Languages, Node::Texts,
                                    Node::Ui, Node::Csp, Node::Receipts};
  if (k == root::schema) {
    if (!v.is_string()) error(at, "must be a string");
  } else if (k == root::revision) {
    text(v, at, p_.revision, 1, 64);
  } else {
    categories_given_ |= k == root::categories;
    container(v, at, child, kNodes[k]);
  }
}

void PolicyReader::service_value(int k, Json& v, const std::string& at, Frame* child) {
  Service& s = service_;
  switch (k) {
    case service::id:
      if (!text(v, at, s.id, 1, 64)) service_ok_ = false;
      else if (!is_id(s.id)) refuse(at, s.id, kIdRule), service_ok_ = false;
      else if (p_.service(s.id)) error(at, "duplicate service id " + show(s.id)), service_ok_ = false;
      return;
    case service::category:
      if (!text(v, at, s.category, 1, 64)) service_ok_ = false;
      service_category_seq_ = seq_;
      return;
    case service::vendor: return void(text(v, at, s.vendor, 1, 200));
    case service::name: return local_text(v, at, child, s.name, 200);
    case service::purpose: return local_text(v, at, child, s.purpose, limits::kTextChars);
    case service::retention: return local_text(v, at, child, s.retention, 100);
    case service::location:
      // An ISO 3166 country code ("US"), a list of them, or free text (a string or per language).
      if (v.is_string() && looks_like_country(v.str())) return country(v.str(), at);
      if (!v.is_array()) return local_text(v, at, child, s.location, 100);
      child->node = Node::Location;
      return;
    case service::privacy_url: return page_url(v, at, s.privacy_url);
    case service::cookies: return void(container(v, at, child, Node::Cookies));
    case service::storage: return list(v, at, child, limits::kPatternsPerService, storage_glob_problem, &s.storage);
    case service::scripts: return list(v, at, child, limits::kPatternsPerService, url_pattern_problem, &s.scripts);
    default: return list(v, at, child, 7, gcm_problem, &s.gcm);  // service::gcm
  }
}

// ui.theme's keys, and its "dark" palette's. Each value ends up in CSS, so only the narrow forms below pass.
void PolicyReader::theme_value(int k, Json& v, const std::string& at, Frame* child, Palette& palette) {
  switch (k) {
    case theme::accent: return colour(v, at, palette.accent);
    case theme::background: return colour(v, at, palette.background);
    case theme::text: return colour(v, at, palette.text);
    case theme::mode: return choice(v, at, p_.theme, {"light", "dark", "auto"});
    case theme::dark: return void(container(v, at, child, Node::ThemeDark));
    case theme::radius: {
      long long px = is_whole(v) ? whole_number(v, 33) : -1;
      if (px < 0 || px > 32) error(at, "must be a whole number of pixels from 0 to 32");
      else p_.theme_style.radius = static_cast<int>(px);
      return;
    }
    default: {
      std::string font;
      if (!text(v, at, font, 1, 200)) return;
      std::string why = font_family_problem(font);
      if (why.empty()) p_.theme_style.font = font;
      else refuse(at, font, " " + why);
    }
  }
}

// An element of an array: its place in the array is `at`.
void PolicyReader::element(Frame& f, Json& v, const std::string& at, Frame* child) {
  std::string s;
  switch (f.node) {
    case Node::Categories:
      if (container(v, at, child, Node::Category)) category_ = CategoryDraft();
      return;
    case Node::Services:
      if (container(v, at, child, Node::Service)) service_ = Service(), service_ok_ = true, service_category_seq_ = 0;
      return;
    case Node::Cookies:
      // Each cookie is a name/glob, or {"name", "maxAgeDays" | "maxAgeSeconds"} when its lifetime is known.
      if (v.is_object()) {
        child->node = Node::Cookie;
        cookie_ = CookieDraft();
        return;
      }
      if (!text(v, at, s, 1, 128)) return;
      if (std::string why = cookie_glob_problem(s); !why.empty()) return refuse(at, s, ": " + why);
      service_.cookies.push_back(s);
      service_.cookie_seconds.push_back(-1);
      return;
    case Node::StringList:
      if (!text(v, at, s, 1, 512)) return;
      if (std::string why = f.problem(s); !why.empty()) refuse(at, s, ": " + why);
      else f.strings->push_back(s);
      return;
    case Node::Location:
      if (text(v, at, s, 2, 2)) country(s, at);
      return;
    case Node::Languages:
      if (!text(v, at, s, 1, 35)) return;
      if (std::string why = language_tag_problem(s); !why.empty()) refuse(at, s, why);
      else if (std::any_of(languages_.begin(), languages_.end(), [&](const std::string& l) { return same_tag(l, s); }))
        error(at, "duplicate language " + show(s));
      else languages_.push_back(s);
      return;
    default: return;  // Skip
  }
}

}  // namespace assent
