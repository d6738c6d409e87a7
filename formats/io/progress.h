// ProgressMeter: "reading FILE [#########.....] 42% (330.1/783.0 MB)" (KB under 1 MB) on
// stderr while a reader works through a big input, drawn at once and redrawn
// every 200 ms. Only for inputs over a size (100 MB, unless the command set
// another: proflens record shows it for any capture) and only when stderr is
// a terminal; the line is erased when reading ends, so logs and pipes never
// see it.
#ifndef PROFLENS_FORMATS_IO_PROGRESS_H_
#define PROFLENS_FORMATS_IO_PROGRESS_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace proflens {

class ProgressMeter {
 public:
  // Shows nothing unless `enabled`, `total` is over ShowAbove's bytes and stderr is a terminal.
  ProgressMeter(std::string name, uint64_t total, bool enabled);
  ~ProgressMeter();
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  // The size over which meters made from now on are shown, for the whole
  // process (a command's setting, as a terminal's is): 100 MB unless set.
  static void ShowAbove(uint64_t bytes);

  // The counter readers add their bytes to; null when nothing is shown.
  std::atomic<uint64_t>* counter() { return thread_.joinable() ? &done_ : nullptr; }

 private:
  void Draw(bool last);

  std::string name_;
  uint64_t total_;
  std::atomic<uint64_t> done_{0};
  std::mutex mutex_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_PROGRESS_H_
