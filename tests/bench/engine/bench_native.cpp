// Native engine benchmark: the same calls the wasm bindings make (wasm/bindings/bindings.cpp), on the
// core library, with the same JSON strings in and out, so native and wasm numbers compare call for call.
//   bench_native <policy.json> [--min-ms N] [--label NAME]
// Prints one JSON object on stdout: per operation {iterations, opsPerSec, medianUs, p99Us, meanUs, minUs}.
// Operations: load (parse_policy + load_result_json), decide (first visit, DE, no record),
// decideReturning (DE, with the record of an accept-all), choose (accept-all, first visit).
//
// Built by the CMake target assent_bench_native (tests/bench/run.sh builds it on demand).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine.hpp"
#include "policy.hpp"

namespace {
using Clock = std::chrono::steady_clock;

volatile std::size_t g_sink = 0;  // keeps results alive so the calls are not optimised away

struct Stats {
  std::size_t n = 0;
  double ops_per_sec = 0, median_us = 0, p99_us = 0, mean_us = 0, min_us = 0;
};

// Runs fn for at least min_ms (and at least min_iter times) after a warm-up, timing every call.
Stats measure(const std::function<std::size_t()>& fn, double min_ms, std::size_t min_iter) {
  for (int i = 0; i < 20; ++i) g_sink = g_sink + fn();
  std::vector<double> us;
  us.reserve(1 << 16);
  const auto start = Clock::now();
  for (;;) {
    const auto t0 = Clock::now();
    g_sink = g_sink + fn();
    const auto t1 = Clock::now();
    us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    const double elapsed = std::chrono::duration<double, std::milli>(t1 - start).count();
    if (elapsed >= min_ms && us.size() >= min_iter) break;
  }
  const double total = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  std::vector<double> s = us;
  std::sort(s.begin(), s.end());
  Stats r;
  r.n = s.size();
  r.median_us = s[s.size() / 2];
  r.p99_us = s[std::min(s.size() - 1, static_cast<std::size_t>(s.size() * 0.99))];
  double sum = 0;
  for (double x : s) sum += x;
  r.mean_us = sum / static_cast<double>(s.size());
  r.min_us = s.front();
  r.ops_per_sec = static_cast<double>(s.size()) / (total / 1e6);
  return r;
}

nlohmann::json to_json(const Stats& s) {
  return {{"iterations", s.n}, {"opsPerSec", s.ops_per_sec}, {"medianUs", s.median_us},
          {"p99Us", s.p99_us}, {"meanUs", s.mean_us}, {"minUs", s.min_us}};
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_native <policy.json> [--min-ms N] [--label NAME]\n");
    return 2;
  }
  double min_ms = 1000;
  std::string label = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--min-ms") min_ms = std::atof(argv[i + 1]);
    else if (a == "--label") label = argv[i + 1];
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();

  assent::PolicyLoad load = assent::parse_policy(text);
  if (!load.ok()) {
    std::fprintf(stderr, "invalid policy: %s\n", assent::load_result_json(load).c_str());
    return 1;
  }
  // The same context the shim builds (js-shim/src/context.ts) for a first-time visitor in Germany.
  const std::string ctx_first =
      R"({"region":"DE","timeZone":"Europe/Berlin","languages":["en-US","en"],"gpc":false,"dnt":false,)"
      R"("now":1795000000,"nonce":"0123456789abcdef"})";
  const std::string accept_all = R"({"type":"accept-all"})";
  const std::string chosen = assent::choose_json(load.policy, ctx_first, accept_all);
  const auto chosen_json = nlohmann::json::parse(chosen, nullptr, false);
  if (chosen_json.is_discarded() || !chosen_json.contains("record")) {
    std::fprintf(stderr, "choose failed: %s\n", chosen.c_str());
    return 1;
  }
  nlohmann::json ctx_ret = nlohmann::json::parse(ctx_first, nullptr, false);
  ctx_ret["record"] = chosen_json["record"];
  ctx_ret["now"] = 1795000600;
  const std::string ctx_returning = ctx_ret.dump();
  {
    const auto d = nlohmann::json::parse(assent::decide_json(load.policy, ctx_returning), nullptr, false);
    if (d.is_discarded() || !d.contains("showBanner") || d["showBanner"].get<bool>()) {
      std::fprintf(stderr, "returning-visitor decision still shows the banner\n");
      return 1;
    }
  }

  nlohmann::json out;
  out["policy"] = label;
  out["policyBytes"] = text.size();
  out["services"] = load.policy.services.size();
  nlohmann::json ops;
  ops["load"] = to_json(measure([&] {
    assent::PolicyLoad l = assent::parse_policy(text);
    return assent::load_result_json(l).size();
  }, min_ms, 20));
  ops["decide"] = to_json(measure([&] { return assent::decide_json(load.policy, ctx_first).size(); }, min_ms, 200));
  ops["decideReturning"] =
      to_json(measure([&] { return assent::decide_json(load.policy, ctx_returning).size(); }, min_ms, 200));
  ops["choose"] =
      to_json(measure([&] { return assent::choose_json(load.policy, ctx_first, accept_all).size(); }, min_ms, 200));
  out["ops"] = ops;
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
