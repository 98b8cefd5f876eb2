#pragma once
#include <array>
#include <string_view>

namespace assent {
// The seven Google Consent Mode v2 types, in a fixed order for output.
constexpr std::array<const char*, 7> kGcmTypes = {
    "ad_storage", "ad_user_data", "ad_personalization", "analytics_storage",
    "functionality_storage", "personalization_storage", "security_storage"};

bool is_gcm_type(std::string_view s);
}  // namespace assent
