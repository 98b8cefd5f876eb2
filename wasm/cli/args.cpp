#include "args.hpp"

#include <cstdio>
#include <cstring>

namespace {
std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (c != ' ') {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
}  // namespace

bool parse_time(const std::string& s, std::int64_t& out) {
  if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() <= 11) {
    out = std::stoll(s);
    return true;
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, n = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  std::size_t pos = 10;
  int offset = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return false;
    int m = 0;
    if (std::sscanf(s.c_str() + pos + 1, "%2d:%2d%n", &h, &mi, &m) != 2) return false;
    pos += 1 + static_cast<std::size_t>(m);
    if (pos < s.size() && s[pos] == ':') {
      if (std::sscanf(s.c_str() + pos + 1, "%2d%n", &sec, &m) != 1) return false;
      pos += 1 + static_cast<std::size_t>(m);
    }
    if (pos < s.size()) {
      if (s[pos] == 'Z' && pos + 1 == s.size()) {
        pos++;
      } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
        int oh = std::atoi(s.substr(pos + 1, 2).c_str()), om = std::atoi(s.substr(pos + 4, 2).c_str());
        offset = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
        pos = s.size();
      } else {
        return false;
      }
    }
  }
  if (h > 23 || mi > 59 || sec > 60) return false;
  out = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + sec - offset;
  return true;
}

CliArgs parse_args(int argc, char** argv) {
  CliArgs a;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> std::string {
      if (i + 1 >= argc) {
        a.error = std::string(name) + " needs a value";
        return {};
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") a.command = "help";
    else if (arg == "--region") a.region = value("--region");
    else if (arg == "--tz") a.tz = value("--tz");
    else if (arg == "--lang") a.languages = split_list(value("--lang"));
    else if (arg == "--gpc") a.gpc = true;
    else if (arg == "--strict") a.strict = true;
    else if (arg == "--format") {
      a.format = value("--format");
      if (a.error.empty() && a.format != "md" && a.format != "html" && a.format != "json")
        a.error = "--format must be md, html or json";
    }
    else if (arg == "--dnt") a.dnt = true;
    else if (arg == "--record") a.record = value("--record");
    else if (arg == "--nonce") a.nonce = value("--nonce");
    else if (arg == "--now") {
      std::string v = value("--now");
      if (a.error.empty() && !parse_time(v, a.now)) a.error = "--now \"" + v + "\" is not an ISO date such as 2026-11-24T10:00:00Z";
      a.has_now = true;
    } else if (arg == "--accept-all" || arg == "--reject-all" || arg == "--opt-out" || arg == "--acknowledge") {
      if (!a.action.empty()) a.error = "give only one of --accept-all, --reject-all, --allow, --opt-out, --acknowledge";
      a.action = arg.substr(2);
    } else if (arg == "--allow") {
      if (!a.action.empty()) a.error = "give only one of --accept-all, --reject-all, --allow, --opt-out, --acknowledge";
      a.action = "custom";
      a.allow = split_list(value("--allow"));
    } else if (arg.size() > 1 && arg[0] == '-') {
      a.error = "unknown option " + arg;
    } else {
      positional.push_back(arg);
    }
    if (!a.error.empty()) return a;
  }
  if (a.command == "help") return a;
  if (positional.empty()) {
    a.error = "missing command";
    return a;
  }
  a.command = positional[0];
  if (positional.size() < 2) a.error = a.command + ": missing policy file";
  else if (positional.size() > 2) a.error = "unexpected argument " + positional[2];
  else a.policy_path = positional[1];
  return a;
}
