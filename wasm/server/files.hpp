#pragma once
// The receipts tools' file access: bounded reads (a policy, a key, a token file) and writes with a mode.
#include <sys/types.h>

#include <string>

namespace assent::server {

// Reads at most max_bytes + 1 bytes, so that the caller's size check can see a file that is too large.
bool read_text(const std::string& path, std::string& out, std::size_t max_bytes);
// Writes the whole text and then sets the mode (0600 for a private key).
bool write_file(const std::string& path, const std::string& text, mode_t mode);
bool file_exists(const std::string& path);

}  // namespace assent::server
