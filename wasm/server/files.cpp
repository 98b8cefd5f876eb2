#include "files.hpp"

#include <sys/stat.h>

#include <fstream>

namespace assent::server {

bool read_text(const std::string& path, std::string& out, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string buf(max_bytes + 1, '\0');
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  out.assign(buf.data(), static_cast<std::size_t>(in.gcount()));
  return true;
}

bool write_file(const std::string& path, const std::string& text, mode_t mode) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out << text;
  out.close();
  return out.good() && chmod(path.c_str(), mode) == 0;
}

bool file_exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

}  // namespace assent::server
