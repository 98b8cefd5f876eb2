#pragma once
// A token bucket per client network (so one visitor cannot fill the database): `per_minute` requests a minute,
// bursts up to that many. Thread-safe; the table is bounded, the idlest entries are dropped first.
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace assent::server {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}

  // 0 when the request may go ahead, else the seconds until it may (for Retry-After). per_minute 0: no limit.
  int admit(const std::string& client, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point last;
  };
  static constexpr std::size_t kMaxClients = 65536;
  int per_minute_;
  std::mutex m_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace assent::server
