#include "policy.hpp"

namespace assent {

const Category* Policy::category(std::string_view id) const {
  for (const auto& c : categories)
    if (c.id == id) return &c;
  return nullptr;
}
const Service* Policy::service(std::string_view id) const {
  for (const auto& s : services)
    if (s.id == id) return &s;
  return nullptr;
}
const TextMap* Policy::texts_for(std::string_view lang) const {
  for (const auto& [l, t] : texts)
    if (l == lang) return &t;
  return nullptr;
}

}  // namespace assent
