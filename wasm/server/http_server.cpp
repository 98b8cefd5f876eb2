// `assent serve`: the receipts endpoints (consent_service.cpp) on cpp-httplib, with bounded bodies, timeouts on
// every read and write (a stalled client is dropped, the pool keeps serving), and a clean stop on SIGTERM that
// lets the batch writer commit what it holds.
#include <httplib.h>
#include <signal.h>
#include <sys/socket.h>

#include <iostream>
#include <sstream>
#include <thread>

#include "consent_service.hpp"
#include "files.hpp"
#include "limits.hpp"
#include "serve.hpp"

namespace assent::server {

namespace {
Request to_request(const httplib::Request& r) {
  Request out;
  out.method = r.method;
  out.body = r.body;
  out.remote_ip = r.remote_addr;
  out.header = [&r](const std::string& name) { return r.get_header_value(name.c_str()); };
  return out;
}

void send(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name.c_str(), value);
  if (!reply.content_type.empty()) res.set_content(reply.body, reply.content_type.c_str());
}

// Debian's cpp-httplib is built with a listen backlog of 5: a burst of new connections (a page view's beacons
// behind a proxy, the load bench's clients) overflows it and waits a second for the SYN retry. listen() again
// on the bound socket widens the queue.
struct Server : httplib::Server {
  void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

bool split_listen(const std::string& listen, std::string& host, int& port) {
  std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  try {
    std::size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    return used == listen.size() - colon - 1 && port >= 0 && port <= 65535;
  } catch (...) {
    return false;
  }
}
}  // namespace

int run_serve(const ServeArgs& a) {
  // SIGINT/SIGTERM stop the listener from a thread of their own (httplib's stop() is not async-signal-safe).
  // Blocked first, so that every thread started below (the batch writer, the pool) inherits the mask and the
  // signal can only reach sigwait().
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  auto fail = [](const std::string& why) {
    std::cerr << "assent serve: " << why << "\n";
    return 1;
  };
  std::string policy_text, error;
  if (!read_text(a.policy_path, policy_text, limits::kPolicyBytes)) return fail("cannot read the policy " + a.policy_path);
  PolicyLoad load = parse_policy(policy_text);
  if (!load.ok()) {
    for (const auto& e : load.errors) std::cerr << a.policy_path << ": " << (e.path.empty() ? "(policy)" : e.path) << ": " << e.message << "\n";
    return fail("the policy is invalid; nothing is served");
  }
  SigningKey key = SigningKey::from_file(a.key_path, error);
  if (key.empty()) return fail(error + " (make a key with `assent keygen --out " + a.key_path + "`)");
  if (!key.can_sign()) return fail(a.key_path + " holds a public key; the server signs with the private one");

  ServiceOptions options;
  options.allow_origins = a.allow_origins;
  options.trust_proxy = a.trust_proxy;
  options.region_header = a.region_header;
  options.subdivision_header = a.subdivision_header;
  options.rate_per_minute = a.rate_per_minute;
  if (!a.admin_token_file.empty()) {
    if (!read_text(a.admin_token_file, options.admin_token, 4096)) return fail("cannot read " + a.admin_token_file);
    while (!options.admin_token.empty() && std::isspace(static_cast<unsigned char>(options.admin_token.back()))) options.admin_token.pop_back();
    if (options.admin_token.size() < 16) return fail(a.admin_token_file + ": the admin token must have at least 16 characters");
  }
  std::string host;
  int port = 0;
  if (!split_listen(a.listen, host, port)) return fail("--listen must be HOST:PORT, such as 127.0.0.1:8787, not \"" + a.listen + "\"");

  std::unique_ptr<ReceiptStore> store = open_store(a.db, error);
  if (!store) return fail(error);
  const std::string revision = load.policy.revision;
  ConsentService service(std::move(load.policy), sha256_hex(policy_text), std::move(key), *store, options);

  Server http;
  int threads = a.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  http.set_payload_max_length(8192);  // larger bodies get 413 before they are read
  http.set_read_timeout(a.timeout_seconds, 0);
  http.set_write_timeout(a.timeout_seconds, 0);
  http.set_keep_alive_timeout(a.timeout_seconds);
  http.set_keep_alive_max_count(1000);  // a client (a proxy, the load bench) keeps its connection
  http.set_tcp_nodelay(true);  // headers and body go out in separate writes: without it Nagle holds the body ~40 ms
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
  http.Post("/assent/consent", [&](const httplib::Request& req, httplib::Response& res) { send(res, service.post_consent(to_request(req))); });
  http.Options("/assent/consent", [&](const httplib::Request& req, httplib::Response& res) { send(res, service.preflight(to_request(req))); });
  http.Get("/assent/receipts/key", [&](const httplib::Request& req, httplib::Response& res) { send(res, service.public_key(to_request(req))); });
  http.Get(R"(/assent/receipts/([0-9a-f]{32}))", [&](const httplib::Request& req, httplib::Response& res) {
    send(res, service.get_receipt(to_request(req), req.matches[1]));
  });
  http.Get("/assent/health", [&](const httplib::Request&, httplib::Response& res) { res.set_content("{\"ok\":true}", "application/json"); });
  // Errors the library answers itself (413, 404, 400 on a broken request line) get the same JSON shape.
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const char* code = res.status == 413 ? "too-large" : res.status == 404 ? "not-found" : res.status == 405 ? "method-not-allowed" : "bad-request";
    std::string message = res.status == 413 ? "the body is over 8 KB" : res.status == 404 ? "no such endpoint" : "the request could not be read";
    send(res, error_reply(res.status, code, message));
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send(res, error_reply(500, "internal", "the server failed on this request; nothing was recorded"));
  });

  int bound = port == 0 ? http.bind_to_any_port(host) : (http.bind_to_port(host, port) ? port : -1);
  if (bound < 0) return fail("cannot listen on " + a.listen + " (in use, or not an address of this machine)");
  http.widen_backlog();
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    http.stop();
  });
  std::string shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  std::cerr << "assent serve: listening on http://" << shown_host << ":" << bound << " (policy revision " << revision << ", db "
            << (a.db.rfind("postgres", 0) == 0 ? "postgresql" : a.db) << ")" << std::endl;
  http.listen_after_bind();
  pthread_kill(stopper.native_handle(), SIGTERM);  // a stop from elsewhere: release the waiting thread
  stopper.join();
  std::cerr << "assent serve: stopped" << std::endl;
  return 0;
}

}  // namespace assent::server
