// `assent` — the native CLI over the same core the browser runs as wasm.
// JSON on stdout, diagnostics on stderr; exit 0 ok, 1 invalid input, 2 usage.
#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>

#include "args.hpp"
#include "engine.hpp"
#include "json_util.hpp"
#include "limits.hpp"
#include "lint.hpp"
#include "serve.hpp"

namespace {
bool read_file(const std::string& path, std::string& out, std::string& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return err = "cannot open " + path, false;
  // The whole file, so the validator names an oversized one's real size; past 16 MiB it is no policy at all,
  // and is not read into memory.
  constexpr std::size_t kMaxRead = 1 << 24;
  std::vector<char> buf(kMaxRead);
  in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
  if (in.gcount() == static_cast<std::streamsize>(kMaxRead) && in.peek() != std::ifstream::traits_type::eof())
    return err = path + " is over " + std::to_string(kMaxRead) + " bytes; a policy may be at most " +
                 std::to_string(assent::limits::kPolicyBytes) + " bytes", false;
  out.assign(buf.data(), static_cast<std::size_t>(in.gcount()));
  return true;
}

std::string context_json(const CliArgs& a) {
  assent::Json c = assent::Json::object();
  if (!a.region.empty()) c["region"] = a.region;
  if (!a.tz.empty()) c["timeZone"] = a.tz;
  if (!a.languages.empty()) c["languages"] = assent::Json(a.languages);
  if (a.gpc) c["gpc"] = true;
  if (a.dnt) c["dnt"] = true;
  if (!a.record.empty()) c["record"] = a.record;
  if (!a.nonce.empty()) c["nonce"] = a.nonce;
  c["now"] = a.has_now ? a.now
                       : std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch()).count();
  return assent::dump(c);
}

// The engine's own output, read back to be indented or looked into: no size limit applies (a lint of 512
// services can run to tens of MB), and the engine nests no deeper than a few levels.
assent::Json engine_output(const std::string& compact) { return assent::parse_json(compact, compact.size(), 64).value; }

// The engine's compact JSON, indented by 2 for a reader.
std::string pretty(const std::string& compact) { return assent::dump(engine_output(compact), 2); }

// Prints the engine's JSON; an {"error":…} result goes to stderr with exit 1.
int emit(const std::string& out) {
  assent::Json parsed = engine_output(out);
  if (const assent::Json* error = parsed.find("error")) {
    std::cerr << "assent: " << error->find("message")->str() << "\n";
    return 1;
  }
  std::cout << assent::dump(parsed, 2) << "\n";
  return 0;
}

// `csp --header`: only the header value, for a server config; errors as emit() reports them.
int emit_header(const std::string& out) {
  assent::Json parsed = engine_output(out);
  const assent::Json* header = parsed.find("header");
  if (!header) return emit(out);
  for (const assent::Json& n : *parsed.find("notes")) {
    std::cerr << "assent: note: ";
    if (n.contains("service")) std::cerr << n.find("service")->str() << " " << n.find("pattern")->str() << ": ";
    std::cerr << n.find("message")->str() << "\n";
  }
  std::cout << header->str() << "\n";
  return 0;
}

// Exit 1 on an error-level finding (a placeholder left in), or with --strict on any finding.
int lint(const assent::Policy& policy, const CliArgs& a) {
  auto warnings = assent::lint_policy(policy);
  std::size_t errors = 0;
  for (const auto& w : warnings) {
    errors += w.error;
    std::cerr << a.policy_path << ": " << (w.path.empty() ? "(policy)" : w.path) << ": " << (w.error ? "error: " : "") << w.message
              << "\n  fix: " << w.fix << " [" << w.rule << "]\n";
  }
  std::cerr << a.policy_path << ": " << warnings.size() << (warnings.size() == 1 ? " finding" : " findings");
  std::cerr << " (" << errors << (errors == 1 ? " error)\n" : " errors)\n");
  std::cout << pretty(assent::lint_json(policy)) << "\n";
  return errors || (a.strict && !warnings.empty()) ? 1 : 0;
}
}  // namespace

int main(int argc, char** argv) {
  // Usage (commands, options, --help, --version) is described and checked in args.cpp.
  CliArgs a;
  if (std::optional<int> status = parse_args(argc, argv, a)) return *status;
  if (a.command == "serve") return assent::server::run_serve(a.serve);
  if (a.command == "keygen") return assent::server::run_keygen(a.receipts);
  if (a.command == "receipts-verify") return assent::server::run_receipts_verify(a.receipts);
  if (a.command == "receipts-export") return assent::server::run_receipts_export(a.receipts);
  if (a.command == "receipts-purge") return assent::server::run_receipts_purge(a.receipts);

  std::string text, err;
  if (!read_file(a.policy_path, text, err)) return usage_error(a.command, err);
  assent::PolicyLoad load = assent::parse_policy(text);
  if (!load.ok()) {
    for (const auto& e : load.errors)
      std::cerr << a.policy_path << ": " << (e.path.empty() ? "(policy)" : e.path) << ": " << e.message << "\n";
    std::cerr << load.errors.size() << (load.errors.size() == 1 ? " error\n" : " errors\n");
    std::cout << pretty(assent::load_result_json(load)) << "\n";
    return 1;
  }
  if (a.command == "validate") {
    auto count = [](std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); };
    std::cerr << a.policy_path << ": valid (" << count(load.policy.categories.size(), "category", "categories") << ", "
              << count(load.policy.services.size(), "service", "services") << ")\n";
    std::cout << pretty(assent::load_result_json(load)) << "\n";
    return 0;
  }
  if (a.command == "decide") return emit(assent::decide_json(load.policy, context_json(a)));
  if (a.command == "csp") {
    std::string out = assent::csp_json(load.policy, context_json(a));
    return a.header_only ? emit_header(out) : emit(out);
  }
  if (a.command == "words") return emit(assent::words_json(load.policy, a.languages.empty() ? "" : a.languages.front()));
  if (a.command == "policy") {
    std::cout << assent::policy_text(load.policy, a.languages.empty() ? "" : a.languages.front(), a.format);
    return 0;
  }
  if (a.command == "lint") return lint(load.policy, a);

  assent::Json action = assent::make_object({{"type", a.action}});
  if (a.action == "custom") {
    // --allow mixes category and service ids; sort them out here, the engine rejects unknown ones.
    action["categories"] = assent::Json::array();
    action["services"] = assent::Json::array();
    for (const auto& id : a.allow) {
      bool is_service = load.policy.service(id) && !load.policy.category(id);
      action[is_service ? "services" : "categories"].push_back(id);
    }
  }
  return emit(assent::choose_json(load.policy, context_json(a), assent::dump(action)));
}
