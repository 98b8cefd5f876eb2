#include "rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace assent::server {

int RateLimiter::admit(const std::string& client, Clock::time_point now) {
  if (per_minute_ <= 0) return 0;
  const double rate = per_minute_ / 60.0;  // tokens a second
  std::lock_guard<std::mutex> lock(m_);
  if (buckets_.size() >= kMaxClients && !buckets_.count(client)) {
    // Full: forget clients whose bucket has refilled (they lose nothing), else the oldest half.
    for (auto it = buckets_.begin(); it != buckets_.end();)
      it = std::chrono::duration<double>(now - it->second.last).count() * rate >= per_minute_ ? buckets_.erase(it) : std::next(it);
    if (buckets_.size() >= kMaxClients) buckets_.clear();
  }
  auto [it, added] = buckets_.try_emplace(client, Bucket{static_cast<double>(per_minute_), now});
  Bucket& b = it->second;
  if (!added) {
    b.tokens = std::min<double>(per_minute_, b.tokens + std::chrono::duration<double>(now - b.last).count() * rate);
    b.last = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / rate)));
}

}  // namespace assent::server
