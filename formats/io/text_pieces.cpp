#include "formats/io/text_pieces.h"

#include <memory>

#include "analyzer/task.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace proflens {

int ResolveThreads(int threads) {
  return threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::vector<std::string_view> CutText(std::string_view text, int pieces, size_t min_piece,
                                      const std::function<size_t(size_t at)>& next_start) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (int k = 1; k < pieces; ++k) {
    size_t target = std::max({start + min_piece, text.size() / pieces * k, size_t{1}});
    if (target >= text.size()) break;
    size_t boundary = next_start(target);
    if (boundary >= text.size()) break;
    out.push_back(text.substr(start, boundary - start));
    start = boundary;
  }
  out.push_back(text.substr(start));
  return out;
}

void ReadPieces(size_t count, const std::function<void(size_t)>& read) {
  std::vector<std::unique_ptr<Task>> workers;
  for (size_t i = 1; i < count; ++i) workers.push_back(std::make_unique<Task>([&read, i] { read(i); }));
  if (count > 0) read(0);
  for (auto& w : workers) w->Join();  // a piece's exception (out of memory) comes out here
}

void ReadAndMergePieces(size_t count, int threads, const std::function<void(size_t)>& read,
                        const std::function<void(size_t)>& merge) {
  if (threads <= 1 || count <= 1) {
    for (size_t i = 0; i < count; ++i) {
      read(i);
      merge(i);
    }
    return;
  }
  // `threads` threads (this one among them) each read the next piece, then
  // merge the pieces that are read and next in order, one thread at a time:
  // no thread of its own waits to merge while the readers have the cores.
  enum : char { kReading, kRead };
  std::mutex mu;
  std::condition_variable changed;
  size_t next = 0, merged = 0;
  bool merging = false;
  bool stop = false;  // a read or a merge failed: no more reading or merging
  std::vector<char> state(count, kReading);
  const size_t ahead = static_cast<size_t>(threads) + 1;  // pieces read or being read, not merged
  auto work = [&] {
    try {
      for (;;) {
        size_t i;
        {
          std::unique_lock lock(mu);
          changed.wait(lock, [&] { return stop || next >= count || next < merged + ahead; });
          if (stop || next >= count) return;
          i = next++;
        }
        read(i);
        std::unique_lock lock(mu);
        state[i] = kRead;
        // Merge what is read and next, unless another thread is merging
        // (it goes on to this piece when it gets there).
        while (!stop && !merging && merged < count && state[merged] == kRead) {
          merging = true;
          const size_t k = merged;
          lock.unlock();
          merge(k);
          lock.lock();
          merging = false;
          merged = k + 1;
          changed.notify_all();
        }
      }
    } catch (...) {
      std::lock_guard lock(mu);
      stop = true;
      changed.notify_all();
      throw;  // to Join, or out of here
    }
  };
  std::vector<std::unique_ptr<Task>> others;
  for (int t = 1; t < threads; ++t) others.push_back(std::make_unique<Task>(work));
  std::exception_ptr error;
  try {
    work();
  } catch (...) {
    error = std::current_exception();
  }
  for (auto& t : others) {
    try {
      t->Join();
    } catch (...) {
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace proflens
