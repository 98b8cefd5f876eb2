#pragma once
// Base64url without padding (RFC 4648 §5), the alphabet of JWS compact tokens (RFC 7515).
#include <optional>
#include <string>
#include <string_view>

namespace assent::server {

std::string base64url_encode(std::string_view bytes);
// Nothing when the text is not canonical unpadded base64url (a stray character, an impossible length,
// or unused bits set): a receipt token that differs by one character must not verify.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace assent::server
