// TextArena: owned copies of strings that outlive their source, in large
// blocks (no allocation per string). Readers keep the keys of their caches
// here rather than as views into the input, so the input's pages can be
// given back once read: memory then follows the distinct keys, not the file.
// Blocks are not zeroed (every byte handed out is written first): a reader
// of a small file touches the pages it uses, not a whole 1 MiB block (merging
// 10,000 small perf script files zeroed 10 GB: 37% of the merge's time).
#ifndef PROFLENS_FORMATS_IO_TEXT_ARENA_H_
#define PROFLENS_FORMATS_IO_TEXT_ARENA_H_

#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace proflens {

class TextArena {
 public:
  // A copy of `text`, valid as long as the arena.
  std::string_view Store(std::string_view text) {
    if (text.empty()) return {};
    if (text.size() > kBlock / 4) {  // big strings get a block of their own
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(text.size()));
      std::memcpy(blocks_.back().get(), text.data(), text.size());
      return {blocks_.back().get(), text.size()};
    }
    if (left_ < text.size()) {
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlock));
      next_ = blocks_.back().get();
      left_ = kBlock;
    }
    std::memcpy(next_, text.data(), text.size());
    std::string_view stored(next_, text.size());
    next_ += text.size();
    left_ -= text.size();
    return stored;
  }

 private:
  static constexpr size_t kBlock = size_t{1} << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_TEXT_ARENA_H_
