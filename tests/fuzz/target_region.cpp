// Region resolution on "<hint>\n<time zone>" (both come from the page: a server-set attribute and
// Intl.DateTimeFormat). Properties: the source explains the region; normalizing is idempotent; a time
// zone maps to a known country or nothing.
#include "region.hpp"
#include "targets.hpp"

namespace assent_fuzz {

namespace {
constexpr const char* kName = "region";

bool region_shape(const std::string& r) {
  if (r.size() != 2 && (r.size() < 4 || r.size() > 6 || r[2] != '-')) return false;
  for (std::size_t i = 0; i < r.size(); ++i) {
    char c = r[i];
    bool ok = i == 2 ? c == '-' : (c >= 'A' && c <= 'Z') || (i > 2 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}
}  // namespace

void region(std::string_view data) {
  std::size_t nl = data.find('\n');
  std::string_view hint = data.substr(0, nl), tz = nl == std::string_view::npos ? std::string_view{} : data.substr(nl + 1);

  std::string norm, again;
  if (assent::normalize_region(hint, norm)) {
    ASSENT_FUZZ_CHECK(kName, region_shape(norm), "normalized region \"" + norm + "\" has the wrong shape", data);
    ASSENT_FUZZ_CHECK(kName, assent::normalize_region(norm, again) && again == norm, "normalizing is not idempotent", data);
  }
  std::string cc = assent::country_for_time_zone(tz);
  ASSENT_FUZZ_CHECK(kName, cc.empty() || assent::is_known_country(cc), "time zone gave unknown country \"" + cc + "\"", data);

  for (const assent::Policy* p : {&rich_policy(), &opt_out_policy()}) {
    assent::RegionResolution r = assent::resolve_region(*p, hint, tz);
    std::string_view source = r.source;
    if (source == "hint") {
      ASSENT_FUZZ_CHECK(kName, !norm.empty() && r.region == norm, "source hint but region is not the normalized hint", data);
    } else if (source == "timezone") {
      ASSENT_FUZZ_CHECK(kName, norm.empty() && r.region == cc, "source timezone but region is not the zone's country", data);
    } else {
      ASSENT_FUZZ_CHECK(kName, source == "fallback" && r.region.empty() && r.model == p->fallback,
                        "unexplained resolution: source " + std::string(source) + ", region " + r.region, data);
    }
    assent::Model m;
    if (!r.region.empty()) assent::builtin_model(r.region, m);
    assent::reask_after_opt_out_days(r.region);
  }
}

}  // namespace assent_fuzz
