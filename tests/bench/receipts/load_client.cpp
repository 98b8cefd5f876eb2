// The load generator of tests/bench/receipts/load.mjs: `clients` threads, each with its own kept-alive
// connection, post the records of a file (one per line, each posted once) for `seconds`, and time every
// request. Written in C++ (cpp-httplib's client) so that the client costs the shared cores little next to the
// server it measures. Prints {"ok":N,"statuses":{...},"latenciesMs":[...],"seconds":S} on stdout.
//   load_client PORT CLIENTS SECONDS RECORDS_FILE
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: load_client PORT CLIENTS SECONDS RECORDS_FILE\n";
    return 2;
  }
  const int port = std::stoi(argv[1]), clients = std::stoi(argv[2]);
  const double seconds = std::stod(argv[3]);
  std::vector<std::string> bodies;
  std::ifstream in(argv[4]);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) bodies.push_back("{\"record\":\"" + line + "\"}");
  std::atomic<std::size_t> next{0};
  std::mutex m;
  std::vector<double> latencies;
  std::map<int, long> statuses;
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  const auto end = start + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      std::vector<double> mine;
      std::map<int, long> mine_status;
      while (clock::now() < end) {
        std::size_t i = next++;
        if (i >= bodies.size()) break;
        auto t0 = clock::now();
        auto res = client.Post("/assent/consent", bodies[i], "application/json");
        double ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count();
        int status = res ? res->status : 0;
        ++mine_status[status];
        if (status == 201) mine.push_back(ms);
      }
      std::lock_guard<std::mutex> lock(m);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
      for (auto [s, n] : mine_status) statuses[s] += n;
    });
  }
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(clock::now() - start).count();
  std::cout << "{\"seconds\":" << elapsed << ",\"exhausted\":" << (next >= bodies.size() ? "true" : "false") << ",\"statuses\":{";
  bool first = true;
  for (auto [s, n] : statuses) std::cout << (first ? "" : ",") << "\"" << s << "\":" << n, first = false;
  std::cout << "},\"latenciesMs\":[";
  for (std::size_t i = 0; i < latencies.size(); ++i) std::cout << (i ? "," : "") << latencies[i];
  std::cout << "]}\n";
  return 0;
}
