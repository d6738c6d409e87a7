#include "formats/io/progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace proflens {

namespace {

std::atomic<uint64_t> show_above{uint64_t{100} << 20};

}  // namespace

void ProgressMeter::ShowAbove(uint64_t bytes) { show_above.store(bytes, std::memory_order_relaxed); }

ProgressMeter::ProgressMeter(std::string name, uint64_t total, bool enabled) : name_(std::move(name)), total_(total) {
  if (!enabled || total == 0 || total <= show_above.load(std::memory_order_relaxed) || !::isatty(STDERR_FILENO)) return;
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mutex_);
    Draw(false);
    while (!stop_cv_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stop_; })) Draw(false);
    Draw(true);
  });
}

ProgressMeter::~ProgressMeter() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  stop_cv_.notify_one();
  thread_.join();
}

void ProgressMeter::Draw(bool last) {
  if (last) {
    std::fprintf(stderr, "\r\033[K");  // erase the line
    return;
  }
  uint64_t done = std::min(done_.load(std::memory_order_relaxed), total_);
  const int width = 30;
  int filled = static_cast<int>(static_cast<double>(done) / static_cast<double>(total_) * width);
  char bar[width + 1];
  for (int i = 0; i < width; ++i) bar[i] = i < filled ? '#' : '.';
  bar[width] = '\0';
  const bool small = total_ < (uint64_t{1} << 20);  // a small capture in KB
  const double unit = small ? 1024.0 : 1024.0 * 1024.0;
  std::fprintf(stderr, "\rreading %s [%s] %3d%% (%.1f/%.1f %s)\033[K", name_.c_str(), bar,
               static_cast<int>(done * 100 / total_), static_cast<double>(done) / unit, static_cast<double>(total_) / unit,
               small ? "KB" : "MB");
  std::fflush(stderr);
}

}  // namespace proflens
