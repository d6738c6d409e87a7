// Reading a text in pieces: where CutText cuts (worked out by hand below),
// and how ReadAndMergePieces reads and merges the pieces on any number of
// threads: every piece merged in order, after its read, with a bounded
// number read ahead; a failure of any piece comes out of the call.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <functional>
#include <mutex>
#include <new>
#include <stdexcept>

#include "formats/io/text_pieces.h"

namespace proflens {
namespace {

// The first line start at or after `at` in `text`.
std::function<size_t(size_t)> LineStarts(std::string_view text) {
  return [text](size_t at) {
    const size_t newline = text.find('\n', at - 1);
    return newline == std::string_view::npos ? text.size() : newline + 1;
  };
}

TEST_CASE("text pieces: cut at line starts into about equal pieces", "[parallel]") {
  const std::string_view text = "aaaa\nbbbb\ncccc\ndddd\n";  // 20 bytes
  // Four pieces aim at 5, 10 and 15: each is a line start.
  CHECK(CutText(text, 4, 1, LineStarts(text)) ==
        std::vector<std::string_view>{"aaaa\n", "bbbb\n", "cccc\n", "dddd\n"});
  // Pieces of at least 8 bytes: the first cut aims at 8, the next line start is
  // 10; the second aims at 10 + 8 = 18, and the line start after it is the end.
  CHECK(CutText(text, 4, 8, LineStarts(text)) == std::vector<std::string_view>{"aaaa\nbbbb\n", "cccc\ndddd\n"});
  // Three pieces aim at 6 and 12: the line starts after them are 10 and 15.
  CHECK(CutText(text, 3, 1, LineStarts(text)) ==
        std::vector<std::string_view>{"aaaa\nbbbb\n", "cccc\n", "dddd\n"});
  CHECK(CutText(text, 1, 1, LineStarts(text)) == std::vector<std::string_view>{text});
  // No place to cut: one piece.
  const std::string_view one_line = "a very long line without an end";
  CHECK(CutText(one_line, 8, 1, LineStarts(one_line)) == std::vector<std::string_view>{one_line});
  CHECK(CutText("", 4, 1, LineStarts("")) == std::vector<std::string_view>{""});
}

TEST_CASE("text pieces: --threads 0 is one per core, any other number itself", "[parallel]") {
  CHECK(ResolveThreads(3) == 3);
  CHECK(ResolveThreads(1) == 1);
  CHECK(ResolveThreads(0) >= 1);
  CHECK(ResolveThreads(0) == ResolveThreads(-1));
}

TEST_CASE("text pieces: every piece is read once, on threads of their own", "[parallel]") {
  std::vector<std::atomic<int>> reads(9);
  ReadPieces(reads.size(), [&](size_t i) { ++reads[i]; });
  for (size_t i = 0; i < reads.size(); ++i) CHECK(reads[i] == 1);
  ReadPieces(0, [](size_t) { FAIL("no piece to read"); });
}

TEST_CASE("pieces are merged in order, each after its read, a bounded number ahead", "[parallel]") {
  for (int threads : {1, 2, 3, 8}) {
    INFO(threads << " threads");
    std::mutex mu;
    std::vector<int> read(40, 0);
    std::vector<size_t> merged;
    size_t most_ahead = 0;
    ReadAndMergePieces(
        read.size(), threads,
        [&](size_t i) {
          std::lock_guard lock(mu);
          read[i] = 1;
          size_t done = 0;
          for (int r : read) done += r;
          most_ahead = std::max(most_ahead, done - merged.size());
        },
        [&](size_t i) {
          std::lock_guard lock(mu);
          CHECK(read[i] == 1);
          merged.push_back(i);
        });
    std::vector<size_t> order(read.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    CHECK(merged == order);
    CHECK(most_ahead <= static_cast<size_t>(std::max(threads, 1)) + 1);
  }
}

TEST_CASE("a failed read or merge of a piece comes out of the reading", "[parallel]") {
  for (int threads : {1, 2, 4}) {
    INFO(threads << " threads");
    std::atomic<int> merges{0};
    CHECK_THROWS_AS(ReadAndMergePieces(
                        30, threads, [](size_t i) { if (i == 7) throw std::bad_alloc(); },
                        [&](size_t) { ++merges; }),
                    std::bad_alloc);
    CHECK(merges <= 7);  // nothing after the failed piece is merged
    CHECK_THROWS_AS(ReadAndMergePieces(
                        30, threads, [](size_t) {},
                        [](size_t i) { if (i == 3) throw std::runtime_error("merge"); }),
                    std::runtime_error);
  }
}

}  // namespace
}  // namespace proflens
