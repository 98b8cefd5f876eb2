// The libFuzzer entry point, compiled once per target with ASSENT_FUZZ_TARGET naming the function
// (tests/fuzz/CMakeLists.txt): one tiny binary per target, all logic in the shared target files.
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  assent_fuzz::ASSENT_FUZZ_TARGET(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
