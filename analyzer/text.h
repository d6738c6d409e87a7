// Small text helpers every layer shares: one definition of blank, trimming
// and joining, so readers and writers agree on them.
#ifndef PROFLENS_ANALYZER_TEXT_H_
#define PROFLENS_ANALYZER_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace proflens {

// C's isspace in the "C" locale: space, \t, \n, \v, \f, \r. Written as a
// chain of comparisons, which compilers turn into one bit test (the perf
// script reader calls it on every byte of its frame lines' indentation).
constexpr bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n';
}

constexpr std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  return s;
}

constexpr std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

constexpr std::string_view Trim(std::string_view s) { return TrimRight(TrimLeft(s)); }

// "a, b, c" for Join({"a", "b", "c"}, ", ").
inline std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += separator;
    out += s;
  }
  return out;
}

// Go's "%10s" (width 10): right-aligned in `width` columns, never cut, each
// UTF-8 character one column.
inline std::string PadLeft(std::string_view s, size_t width) {
  size_t columns = 0;
  for (unsigned char c : s) columns += (c & 0xC0) != 0x80;
  std::string out(columns < width ? width - columns : 0, ' ');
  out += s;
  return out;
}

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_TEXT_H_
