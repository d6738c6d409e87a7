#include "formats/text_pieces.h"

#include <memory>

#include "analyzer/task.h"

#include <algorithm>
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

}  // namespace proflens
