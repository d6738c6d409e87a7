#include "formats/python/python_frames.h"

#include <algorithm>
#include <charconv>

namespace proflens {

namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool AllHex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

// A file Python runs: a source or extension module, or a pseudo file such
// as "<frozen importlib._bootstrap>" or "<string>".
bool IsPythonFile(std::string_view file) {
  if (file.size() > 2 && file.front() == '<' && file.back() == '>') return true;
  for (std::string_view ext : {".py", ".pyx", ".pyw", ".pyi"}) {
    if (file.ends_with(ext) && file.size() > ext.size()) return true;
  }
  return false;
}

int64_t LineNumber(std::string_view digits) {
  int64_t line = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), line);
  return ec == std::errc() && end == digits.data() + digits.size() ? line : -1;
}

}  // namespace

std::optional<PythonFrame> ParsePythonFrame(std::string_view frame) {
  // py-spy: "function (file:line)" or "function (file)".
  if (frame.ends_with(')')) {
    size_t open = frame.rfind(" (");
    if (open != std::string_view::npos && open > 0) {
      std::string_view inside = frame.substr(open + 2, frame.size() - open - 3);
      PythonFrame f{frame.substr(0, open), inside, 0};
      size_t colon = inside.rfind(':');
      if (colon != std::string_view::npos && AllDigits(inside.substr(colon + 1))) {
        f.file = inside.substr(0, colon);
        f.line = LineNumber(inside.substr(colon + 1));
      }
      if (f.line >= 0 && IsPythonFile(f.file)) return f;
    }
  }
  // Austin: "file:function:line"; the file may hold colons (C:\...), the
  // function does not.
  size_t last = frame.rfind(':');
  if (last == std::string_view::npos || last == 0 || !AllDigits(frame.substr(last + 1))) return std::nullopt;
  size_t middle = frame.rfind(':', last - 1);
  if (middle == std::string_view::npos || middle == 0 || middle + 1 == last) return std::nullopt;
  PythonFrame f{frame.substr(middle + 1, last - middle - 1), frame.substr(0, middle), LineNumber(frame.substr(last + 1))};
  if (f.line < 0 || !IsPythonFile(f.file)) return std::nullopt;
  return f;
}

RootFrame ClassifyRootFrame(std::string_view frame) {
  if (frame.size() > 1 && frame[0] == 'P' && AllDigits(frame.substr(1))) return RootFrame::kAustinProcess;
  if (frame.size() > 1 && frame[0] == 'T') {
    // "T6360" (Austin 2) or "T<interpreter>:<thread>" (Austin 3), decimal or hex.
    std::string_view rest = frame.substr(1);
    size_t colon = rest.find(':');
    if (colon == std::string_view::npos ? AllHex(rest) : AllHex(rest.substr(0, colon)) && AllHex(rest.substr(colon + 1))) {
      return RootFrame::kAustinThread;
    }
  }
  if (frame.starts_with("process ")) {
    std::string_view rest = frame.substr(8);
    size_t colon = rest.find(':');
    if (colon != std::string_view::npos && AllDigits(rest.substr(0, colon))) return RootFrame::kPySpyProcess;
  }
  if (frame.starts_with("thread (0x")) {
    size_t close = frame.find(')', 10);
    if (close != std::string_view::npos && AllHex(frame.substr(10, close - 10))) return RootFrame::kPySpyThread;
  }
  return RootFrame::kNone;
}

}  // namespace proflens
