#include "receipt_store.hpp"

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

namespace assent::server {

// One writer thread per store: it takes every waiting receipt (up to kMaxBatch) and commits them together.
struct ReceiptStore::Batcher {
  static constexpr std::size_t kMaxBatch = 512;
  struct Pending {
    Receipt receipt;
    std::promise<PutResult> done;
  };

  explicit Batcher(StoreBackend& b) : backend(b), thread([this] { run(); }) {}
  ~Batcher() {
    {
      std::lock_guard<std::mutex> lock(m);
      stop = true;
    }
    cv.notify_one();
    thread.join();
  }

  PutResult put(Receipt r) {
    auto p = std::make_unique<Pending>();
    p->receipt = std::move(r);
    std::future<PutResult> result = p->done.get_future();
    {
      std::lock_guard<std::mutex> lock(m);
      queue.push_back(std::move(p));
    }
    cv.notify_one();
    return result.get();
  }

  void run() {
    for (;;) {
      std::vector<std::unique_ptr<Pending>> batch;
      {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return stop || !queue.empty(); });
        if (queue.empty()) return;  // stopping, nothing left to write
        while (!queue.empty() && batch.size() < kMaxBatch) {
          batch.push_back(std::move(queue.front()));
          queue.pop_front();
        }
      }
      std::vector<Receipt> receipts;
      for (auto& p : batch) receipts.push_back(p->receipt);
      std::vector<PutResult> results;
      try {
        results = backend.insert_batch(receipts);
      } catch (const std::exception& e) {  // e.g. out of memory: those requests get 503, the writer goes on
        results.assign(batch.size(), PutResult{PutStatus::Unavailable, {}, e.what()});
      }
      for (std::size_t i = 0; i < batch.size(); ++i) {
        if (i < results.size()) batch[i]->done.set_value(std::move(results[i]));
        else batch[i]->done.set_value(PutResult{PutStatus::Unavailable, {}, "the database returned too few results"});
      }
    }
  }

  StoreBackend& backend;
  std::mutex m;
  std::condition_variable cv;
  std::deque<std::unique_ptr<Pending>> queue;
  bool stop = false;
  std::thread thread;  // last: started once the rest is ready
};

ReceiptStore::ReceiptStore(std::unique_ptr<StoreBackend> backend)
    : backend_(std::move(backend)), batcher_(std::make_unique<Batcher>(*backend_)) {}

ReceiptStore::~ReceiptStore() = default;

PutResult ReceiptStore::put(Receipt r) { return batcher_->put(std::move(r)); }

std::unique_ptr<ReceiptStore> open_store(const std::string& url, std::string& error) {
  std::unique_ptr<StoreBackend> backend;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) backend = open_postgres(url, error);
  else if (url.rfind("sqlite:", 0) == 0) backend = open_sqlite(url.substr(7), error);
  else if (url.find("://") == std::string::npos && !url.empty()) backend = open_sqlite(url, error);
  else error = "--db must be sqlite:PATH or postgresql://…, not \"" + url + "\"";
  if (!backend) return nullptr;
  return std::make_unique<ReceiptStore>(std::move(backend));
}

}  // namespace assent::server
