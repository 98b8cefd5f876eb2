#pragma once
#include <array>
#include <string_view>

namespace assent {
// The seven Google Consent Mode v2 types, in a fixed order for output.
constexpr std::array<const char*, 7> kGcmTypes = {
    "ad_storage", "ad_user_data", "ad_personalization", "analytics_storage",
    "functionality_storage", "personalization_storage", "security_storage"};

// security_storage is granted whatever the visitor chose: essential cookies (which need no consent) rely on it.
constexpr bool gcm_always_granted(std::string_view type) { return type == "security_storage"; }

// Consent Mode before the engine has decided, i.e. with nothing granted: every type denied except the
// always-granted one. The shim must push it before any tag runs, before the engine has even loaded, so it
// cannot depend on the visitor; the shim bakes it in at build time (js-shim/src/generated/engine-constants.ts).
constexpr bool gcm_granted_before_decision(std::string_view type) { return gcm_always_granted(type); }
// How long (ms) tags that fire before the engine's decision wait for its `update` (gtag's wait_for_update).
constexpr int kGcmWaitForUpdateMs = 500;

bool is_gcm_type(std::string_view s);
}  // namespace assent
