// LineScanner finds newlines 64 bytes at a time: lines are checked against a
// plain split of the same text, for lines that cross, end on and fill the
// 64-byte windows, a last line with and without a "\n", and empty lines.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "formats/io/line_scanner.h"

namespace proflens {
namespace {

struct Split {
  std::vector<std::string> lines;
  bool last_had_newline = false;
};

// Lines as "split at every \n" gives them; a final "\n" ends the last line.
Split PlainSplit(const std::string& text) {
  Split out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      out.lines.push_back(text.substr(start));
      out.last_had_newline = false;
      break;
    }
    out.lines.push_back(text.substr(start, nl - start));
    out.last_had_newline = true;
    start = nl + 1;
  }
  return out;
}

Split Scanned(const std::string& text) {
  Split out;
  LineScanner scanner(text);
  std::string_view line;
  size_t number = 0;
  while (scanner.Next(&line)) {
    out.lines.emplace_back(line);
    out.last_had_newline = scanner.last_had_newline();
    CHECK(scanner.line_number() == ++number);
    CHECK(scanner.position() == static_cast<size_t>(line.data() + line.size() - text.data()) + (scanner.last_had_newline() ? 1 : 0));
  }
  return out;
}

void CheckSame(const std::string& text) {
  INFO("text of " << text.size() << " bytes");
  const Split want = PlainSplit(text), got = Scanned(text);
  CHECK(got.lines == want.lines);
  CHECK(got.last_had_newline == want.last_had_newline);
}

TEST_CASE("line scanner edges of its 64-byte windows", "[line_scanner]") {
  CheckSame("");
  CheckSame("\n");
  CheckSame("\n\n\n");
  CheckSame("no newline");
  for (size_t n : {1, 62, 63, 64, 65, 127, 128, 129, 200}) {
    CheckSame(std::string(n, 'x'));            // one line, no newline
    CheckSame(std::string(n, 'x') + "\n");     // one line ending on each window offset
    CheckSame(std::string(n, '\n'));           // empty lines only
    CheckSame(std::string(n, 'x') + "\nlast");
    CheckSame("a\r\n" + std::string(n, 'y') + "\r\n\r\nz");  // "\r" stays in the line
  }
}

TEST_CASE("line scanner on random texts matches a plain split", "[line_scanner]") {
  std::mt19937 random(7);
  for (int round = 0; round < 500; ++round) {
    std::string text(random() % 700, 'a');
    const unsigned every = 1 + random() % 90;  // from all newlines to lines longer than a window
    for (char& c : text) c = random() % every == 0 ? '\n' : static_cast<char>('a' + random() % 26);
    CheckSame(text);
  }
}

TEST_CASE("line scanner reads a view inside a larger buffer only", "[line_scanner]") {
  const std::string buffer = "ab\ncd\nef\n" + std::string(100, '\n');
  LineScanner scanner(std::string_view(buffer).substr(0, 7));  // "ab\ncd\ne": newlines after it are not its
  std::string_view line;
  std::vector<std::string> lines;
  while (scanner.Next(&line)) lines.emplace_back(line);
  CHECK(lines == std::vector<std::string>{"ab", "cd", "e"});
  CHECK_FALSE(scanner.last_had_newline());
}

}  // namespace
}  // namespace proflens
