// Replays every input in tests/fuzz/regressions/<target>/ (each a crash or property violation the fuzzers
// once found) and the generated seed corpora through the same functions the libFuzzer binaries run.
// A regression aborts with the target's message, so ctest names the failing test case.
#include <catch2/catch.hpp>

#include "targets.hpp"
#include "test_support.hpp"

namespace {
std::vector<test::fs::path> inputs(const test::fs::path& dir) {
  std::vector<test::fs::path> out;
  if (!test::fs::exists(dir)) return out;
  for (const auto& e : test::fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.') out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

bool is_target(const std::string& name) {
  for (const auto& t : assent_fuzz::kTargets)
    if (name == t.name) return true;
  return false;
}
}  // namespace

TEST_CASE("fuzz regressions: every folder is a target", "[fuzz]") {
  // A misspelt folder would silently replay nothing.
  for (const auto& e : test::fs::directory_iterator(test::repo("tests/fuzz/regressions"))) {
    INFO(e.path().string());
    CHECK((e.is_directory() && is_target(e.path().filename().string())));
  }
}

TEST_CASE("fuzz regressions and seed corpora replay cleanly", "[fuzz]") {
  for (const auto& t : assent_fuzz::kTargets) {
    auto seeds = inputs(test::fs::path(ASSENT_FUZZ_SEEDS) / t.name);
    INFO("target " << t.name);
    REQUIRE(seeds.size() >= 5);  // the seeds are generated at build time; none means the generator broke
    for (const auto& f : inputs(test::repo("tests/fuzz/regressions") / t.name)) {
      INFO("regression " << f.filename().string());
      t.run(test::read_text(f));
    }
    for (const auto& f : seeds) {
      INFO("seed " << f.filename().string());
      t.run(test::read_text(f));
    }
  }
}
