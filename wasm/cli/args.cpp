#include "args.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "time_arg.hpp"

#ifndef ASSENT_VERSION
#define ASSENT_VERSION "unknown"
#endif

namespace {
// "de-AT, en,,fr" → {de-AT, en, fr}: ids never contain blanks, so stray ones and empty items are dropped.
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

// --now: rewrites an ISO date or unix seconds to unix seconds before CLI11 converts it to an integer.
CLI::Validator time_value() {
  return CLI::Validator(
      [](std::string& s) -> std::string {
        std::int64_t t = 0;
        if (!parse_time(s, t)) return "\"" + s + "\" is not an ISO date such as 2026-11-24T10:00:00Z, nor unix seconds";
        s = std::to_string(t);
        return {};
      },
      "", "time");
}

// Every command takes one policy file; a missing file or a directory is a usage error (exit 2).
void add_policy_file(CLI::App* cmd, CliArgs& a) {
  cmd->add_option("policy-file", a.policy_path, "the policy JSON file")
      ->type_name("FILE")
      ->required()
      ->check(CLI::Validator(CLI::ExistingFile).description(""));
  cmd->footer("exit status: 0 ok, 1 invalid policy or input, 2 usage error");
}

// The visitor's context, shared by decide, choose and csp. Lists are kept as text and split after parsing.
// Returns --now, whose count tells whether the time was given.
CLI::Option* add_context(CLI::App* cmd, CliArgs& a, std::string& languages) {
  cmd->add_option("--region", a.region, "visitor region hint, ISO 3166: DE, GB, US-CA, CA-QC …")->type_name("REGION");
  cmd->add_option("--tz", a.tz, "IANA time zone, used when there is no region hint (Europe/Paris)")->type_name("ZONE");
  cmd->add_option("--lang", languages, "accepted languages, most preferred first (de-AT,en)")->type_name("LANGS");
  cmd->add_flag("--gpc", a.gpc, "the Global Privacy Control signal is on");
  cmd->add_flag("--dnt", a.dnt, "Do Not Track is on");
  cmd->add_option("--record", a.record, "the stored consent record")->type_name("RECORD");
  return cmd->add_option("--now", a.now, "the current time: 2026-11-24T10:00:00Z, 2026-11-24 or unix seconds (default: now)")
      ->type_name("TIME")
      ->transform(time_value());
}

// The receipts server and its tools (wasm/server/serve.hpp).
void add_server_commands(CLI::App& app, CliArgs& a) {
  auto& s = a.serve;
  CLI::App* serve = app.add_subcommand("serve", "the receipts server: stores proof of each consent and sets the consent cookie");
  serve->add_option("--policy", s.policy_path, "the policy JSON file the site serves")->type_name("FILE")->required()->check(CLI::ExistingFile);
  serve->add_option("--db", s.db, "sqlite:PATH (default sqlite:receipts.db) or postgresql://user@host/db")->type_name("URL");
  serve->add_option("--listen", s.listen, "address and port (default 127.0.0.1:8787; port 0 picks a free one)")->type_name("HOST:PORT");
  serve->add_option("--key", s.key_path, "the Ed25519 private key (assent keygen)")->type_name("FILE")->required();
  serve->add_option("--admin-token-file", s.admin_token_file, "a file holding the token for GET /assent/receipts/{id}")->type_name("FILE");
  serve->add_option("--allow-origin", s.allow_origins, "another origin whose pages may post (https://shop.example); repeatable")->type_name("ORIGIN");
  serve->add_flag("--trust-proxy", s.trust_proxy, "read X-Forwarded-For/-Proto/-Host (only behind your own reverse proxy)");
  serve->add_option("--region-header", s.region_header, "your CDN's visitor-country header, beyond Cloudflare, CloudFront and Vercel")->type_name("NAME");
  serve->add_option("--subdivision-header", s.subdivision_header, "its subdivision header (US state, Canadian province)")->type_name("NAME");
  serve->add_option("--rate-limit", s.rate_per_minute, "consent posts a minute per client network (default 60; 0: no limit)")->type_name("N")->check(CLI::Range(0, 1000000));
  serve->add_option("--threads", s.threads, "connections served at once (default 32)")->type_name("N")->check(CLI::Range(1, 1024));
  serve->add_option("--timeout", s.timeout_seconds, "seconds a client may take per read or write (default 5)")->type_name("S")->check(CLI::Range(1, 300));
  serve->footer("exit status: 0 stopped by SIGINT/SIGTERM, 1 cannot start (policy, key, database, address), 2 usage error");

  auto& r = a.receipts;
  CLI::App* keygen = app.add_subcommand("keygen", "make the Ed25519 key pair that signs receipts");
  keygen->add_option("--out", r.out, "the private key file (PEM, written mode 600)")->type_name("FILE")->required();
  keygen->add_option("--public-out", r.public_out, "the public key file (default: beside it, .pub.pem)")->type_name("FILE");
  keygen->add_flag("--force", r.force, "overwrite existing files");

  CLI::App* receipts = app.add_subcommand("receipts", "verify, export or purge consent receipts");
  receipts->require_subcommand(1);
  CLI::App* verify = receipts->add_subcommand("verify", "check a receipt's signature offline, with only the public key");
  verify->add_option("token", r.token, "the receipt token (- reads it from stdin)")->type_name("TOKEN")->required();
  verify->add_option("--public-key", r.public_key, "the public key PEM (/assent/receipts/key gives it too)")->type_name("FILE")->required();
  verify->footer("exit status: 0 valid (the payload on stdout), 1 not valid, 2 usage error");
  CLI::App* exp = receipts->add_subcommand("export", "every stored receipt, as JSON lines or CSV");
  exp->add_option("--db", r.db, "sqlite:PATH or postgresql://…")->type_name("URL")->required();
  exp->add_option("--since", r.since, "only receipts from this time on (2026-11-01 or 2026-11-01T00:00:00Z)")->type_name("ISO");
  exp->add_option("--format", r.format, "jsonl (default) or csv")->type_name("jsonl|csv")->check(CLI::IsMember({"jsonl", "csv"}));
  CLI::App* purge = receipts->add_subcommand("purge", "delete receipts past their retention");
  purge->add_option("--db", r.db, "sqlite:PATH or postgresql://…")->type_name("URL")->required();
  purge->add_option("--older-than", r.older_than, "5y, 18m, 8w or 30d")->type_name("AGE")->required();
}

// Why no command ran, from the arguments CLI11 left over (CLI11 itself only says a subcommand is required).
std::string no_command(const std::vector<std::string>& leftover) {
  const char* const commands = " (commands: validate, decide, choose, words, policy, lint, csp, serve, keygen, receipts)";
  for (const auto& arg : leftover)
    if (arg.empty() || arg[0] != '-') return "unknown command \"" + arg + "\"" + commands;
  if (!leftover.empty()) return "unknown option " + leftover.front();
  return std::string("missing command") + commands;
}

// Names the first unknown option, else the first surplus argument (CLI11 lists them all, in no set order).
std::string extras(const std::vector<std::string>& leftover) {
  for (const auto& arg : leftover)
    if (arg.size() > 1 && arg[0] == '-') return "unknown option " + arg.substr(0, arg.find('='));
  return leftover.empty() ? "unexpected argument" : "unexpected argument \"" + leftover.front() + "\"";
}
}  // namespace

int usage_error(const std::string& command, const std::string& message) {
  const std::string name = command.empty() ? "assent" : "assent " + command;
  std::cerr << name << ": " << message << "\n(run `" << name << " --help` for usage)\n";
  return 2;
}

std::optional<int> parse_args(int argc, char** argv, CliArgs& a) {
  CLI::App app{"assent — cookie consent policy engine", "assent"};
  app.get_formatter()->label("Usage", "usage");  // lower case, as the rest of the output
  app.get_formatter()->column_width(30);
  app.set_help_flag("-h,--help", "print this help and exit");
  app.set_version_flag("--version", "assent " ASSENT_VERSION, "print the version and exit");
  app.require_subcommand(1);
  app.footer(
      "run `assent <command> --help` for a command's options\n"
      "JSON on stdout, diagnostics on stderr\n"
      "exit status: 0 ok, 1 invalid policy or input (lint --strict: also any warning), 2 usage error");

  std::string languages, allow;
  CLI::App* validate = app.add_subcommand("validate", "check a policy; prints every error with its JSON Pointer");
  add_policy_file(validate, a);

  CLI::App* decide = app.add_subcommand("decide", "what the banner does for a visitor in this context");
  add_policy_file(decide, a);
  CLI::Option* decide_now = add_context(decide, a, languages);

  CLI::App* choose = app.add_subcommand("choose", "apply a visitor's choice; prints the record to store and cookies to delete");
  add_policy_file(choose, a);
  CLI::App* action = choose->add_option_group("action", "the visitor's choice");
  action->add_flag_callback("--accept-all", [&a] { a.action = "accept-all"; }, "grant every category");
  action->add_flag_callback("--reject-all", [&a] { a.action = "reject-all"; }, "only what is essential");
  CLI::Option* allow_opt =
      action->add_option("--allow", allow, "grant these category and service ids; a service id grants just that service")
          ->type_name("IDS");
  action->add_flag_callback("--opt-out", [&a] { a.action = "opt-out"; }, "opt out of sale/sharing (opt-out regions)");
  action->add_flag_callback("--acknowledge", [&a] { a.action = "acknowledge"; }, "dismiss a notice-only banner");
  action->require_option(1);
  CLI::Option* choose_now = add_context(choose, a, languages);
  choose->add_option("--nonce", a.nonce, "randomness for a new consent id")->type_name("HEX");

  CLI::App* words = app.add_subcommand("words", "the banner's texts and each service's words in one language (decisions leave them out)");
  add_policy_file(words, a);
  words->add_option("--lang", languages, "a decision's language; another is negotiated as decide does (default: the policy's first)")
      ->type_name("LANG");

  CLI::App* policy = app.add_subcommand("policy", "the cookie section of your privacy policy");
  add_policy_file(policy, a);
  policy->add_option("--lang", languages, "its language (default: the policy's first)")->type_name("LANG");
  policy->add_option("--format", a.format, "md, html or json (default: md)")
      ->type_name("md|html|json")
      ->check(CLI::Validator(CLI::IsMember({"md", "html", "json"})).description(""));

  CLI::App* lint = app.add_subcommand("lint", "warnings beyond validity, each with a fix");
  add_policy_file(lint, a);
  lint->add_flag("--strict", a.strict, "exit 1 when there is any warning");
  lint->footer("exit status: 0 ok, 1 invalid policy (with --strict: also any warning), 2 usage error");
  CLI::App* csp = app.add_subcommand("csp", "the Content-Security-Policy that allows only the services granted to this visitor");
  add_policy_file(csp, a);
  CLI::Option* csp_now = add_context(csp, a, languages);
  csp->add_flag("--header", a.header_only, "print only the header value, on one line (for nginx and Caddy)");
  add_server_commands(app, a);
  app.set_help_all_flag("--help-all", "print the help of every command");  // after the commands: top level only

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    auto chosen = app.get_subcommands();
    if (chosen.empty()) return usage_error("", no_command(app.remaining()));
    const std::string command = chosen.front()->get_name();
    if (dynamic_cast<const CLI::ExtrasError*>(&e)) return usage_error(command, extras(app.remaining(true)));
    return usage_error(command, e.what());
  }
  a.command = app.get_subcommands().front()->get_name();
  if (a.command == "receipts") a.command += "-" + app.get_subcommands().front()->get_subcommands().front()->get_name();
  a.languages = split_list(languages);
  if (allow_opt->count() > 0) {
    a.action = "custom";
    a.allow = split_list(allow);
  }
  a.has_now = decide_now->count() > 0 || choose_now->count() > 0 || csp_now->count() > 0;
  return std::nullopt;
}
