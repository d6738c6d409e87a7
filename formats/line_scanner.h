// LineScanner: walks a text buffer line by line with memchr, handing out
// string_views (no copies, no allocation) and 1-based line numbers.
// "\n" ends a line; a "\r" before it is kept (formats decide what it means).
#ifndef PROFLENS_FORMATS_LINE_SCANNER_H_
#define PROFLENS_FORMATS_LINE_SCANNER_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace proflens {

class LineScanner {
 public:
  explicit LineScanner(std::string_view text) : text_(text) {}

  // The next line without its "\n"; false at the end of the text.
  bool Next(std::string_view* line) {
    if (pos_ >= text_.size()) return false;
    const char* start = text_.data() + pos_;
    size_t left = text_.size() - pos_;
    const void* nl = std::memchr(start, '\n', left);
    size_t len = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : left;
    *line = std::string_view(start, len);
    pos_ += len + (nl ? 1 : 0);
    last_had_newline_ = nl != nullptr;
    ++line_number_;
    return true;
  }

  // The same for a next line whose length the caller found already (it
  // ends at a "\n", or at the end of the text).
  void NextOfLength(size_t len, std::string_view* line) {
    *line = text_.substr(pos_, len);
    pos_ += len;
    last_had_newline_ = pos_ < text_.size();  // then text_[pos_] is the "\n"
    pos_ += last_had_newline_ ? 1 : 0;
    ++line_number_;
  }

  // Byte offset of the next line's first byte.
  size_t position() const { return pos_; }
  // Jumps over `bytes` bytes holding `lines` whole lines (ending in "\n").
  void Advance(size_t bytes, uint64_t lines) {
    pos_ += bytes;
    line_number_ += lines;
  }
  std::string_view text() const { return text_; }

  // 1-based number of the line Next returned last.
  uint64_t line_number() const { return line_number_; }
  // Whether the line Next returned last ended with "\n".
  bool last_had_newline() const { return last_had_newline_; }
  // The text from the start of `first` to the end of `last` (both from this scanner).
  static std::string_view Span(std::string_view first, std::string_view last) {
    return std::string_view(first.data(), static_cast<size_t>(last.data() + last.size() - first.data()));
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  uint64_t line_number_ = 0;
  bool last_had_newline_ = false;
};

// Counts lines a reader skipped, keeping the first one as an example for the
// one-line summary on stderr.
struct SkippedLines {
  uint64_t count = 0;
  uint64_t first_line = 0;
  std::string first_text;
  std::string one;   // what one skipped item is, e.g. "line that belongs to no sample"
  std::string many;  // the same in the plural, e.g. "lines that belong to no sample"

  const std::string& what() const { return count == 1 ? one : many; }

  void Add(uint64_t line_number, std::string_view text) {
    if (count++ == 0) {
      first_line = line_number;
      first_text = std::string(text.substr(0, 80));
    }
  }

  // Adds what a later piece of the input skipped; its line numbers count
  // from after the first `line_offset` lines.
  void AddPiece(const SkippedLines& piece, uint64_t line_offset) {
    if (piece.count == 0) return;
    if (count == 0) {
      first_line = piece.first_line + line_offset;
      first_text = piece.first_text;
    }
    count += piece.count;
  }
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_LINE_SCANNER_H_
