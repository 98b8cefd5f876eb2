#pragma once
// The keys of each object in a policy, and their indices: a key's bit in PolicyReader::Frame::seen, and the
// value the reader switches on (policy_fields.cpp, policy_checks.cpp).
namespace assent::policy_keys {
namespace root {
enum { schema, revision, site, storage, categories, services, regions, signals, languages, texts, ui, csp, receipts };
inline constexpr const char* keys[] = {"$schema", "revision", "site", "storage", "categories", "services", "regions",
                                "signals", "languages", "texts", "ui", "csp", "receipts"};
}  // namespace root
namespace site {
enum { name, policy_url, contact, sale_or_sharing };
inline constexpr const char* keys[] = {"name", "policyUrl", "contact", "saleOrSharing"};
}  // namespace site
namespace storage {
enum { cookie, domain, max_age_days };
inline constexpr const char* keys[] = {"cookie", "domain", "maxAgeDays"};
}  // namespace storage
namespace category {
enum { id, required, sale_or_sharing, gcm };
inline constexpr const char* keys[] = {"id", "required", "saleOrSharing", "gcm"};
}  // namespace category
namespace service {
enum { id, category, vendor, name, purpose, cookies, storage, scripts, gcm, retention, privacy_url, location };
inline constexpr const char* keys[] = {"id", "category", "vendor", "name", "purpose", "cookies", "storage", "scripts",
                                "gcm", "retention", "privacyUrl", "location"};
}  // namespace service
namespace cookie {
enum { name, max_age_days, max_age_seconds };
inline constexpr const char* keys[] = {"name", "maxAgeDays", "maxAgeSeconds"};
}  // namespace cookie
namespace regions {
enum { fallback, overrides, gb_statistics_exception };
inline constexpr const char* keys[] = {"fallback", "overrides", "gbStatisticsException"};
}  // namespace regions
namespace signals {
inline constexpr const char* keys[] = {"honorDnt"};
}  // namespace signals
namespace ui {
enum { layout, position, theme, reload_on_revoke };
inline constexpr const char* keys[] = {"layout", "position", "theme", "reloadOnRevoke"};
}  // namespace ui
namespace theme {  // ui.theme; its "dark" palette has the first three
enum { accent, background, text, mode, radius, font, dark };
inline constexpr const char* keys[] = {"accent", "background", "text", "mode", "radius", "font", "dark"};
}  // namespace theme
namespace csp {  // the directives first, in kCspDirectives order
enum { report_uri = 10, report_to = 11 };
inline constexpr const char* keys[] = {"script-src", "connect-src", "img-src", "frame-src", "style-src", "font-src",
                                "media-src", "worker-src", "form-action", "object-src", "report-uri", "report-to"};
}  // namespace csp
namespace receipts {
inline constexpr const char* keys[] = {"url"};
}  // namespace receipts
}  // namespace assent::policy_keys
