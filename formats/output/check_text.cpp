#include "formats/output/check_text.h"

#include <string>

#include "analyzer/shown_text.h"

namespace proflens {

namespace {

std::string Title(const RuleResult& r) {
  return TerminalText(r.rule.name.empty() ? r.rule.expression : r.rule.name + ": " + r.rule.expression, kFullNameChars);
}

// A message of several lines, each escaped for a terminal.
std::string TerminalLines(std::string_view text) {
  std::string out;
  for (size_t start = 0;;) {
    const size_t end = text.find('\n', start);
    out += TerminalText(text.substr(start, end == std::string_view::npos ? end : end - start), kFullNameChars);
    if (end == std::string_view::npos) return out;
    out += '\n';
    start = end + 1;
  }
}

}  // namespace

void WriteCheckText(const std::vector<RuleResult>& results, std::ostream& out, bool color) {
  size_t passed = 0;
  for (const RuleResult& r : results) {
    passed += r.passed;
    if (color) {
      out << (r.passed ? "\x1b[32mPASS\x1b[0m  " : "\x1b[1;31mFAIL\x1b[0m  ") << Title(r);
    } else {
      out << (r.passed ? "PASS  " : "FAIL  ") << Title(r);
    }
    if (!r.error.empty()) {
      out << ": " << TerminalLines(r.error) << '\n';
      continue;
    }
    out << "  actual " << TerminalText(r.actual) << ", limit " << TerminalText(r.limit) << '\n';
    if (!r.passed) {
      for (const std::string& d : r.details) out << "      " << TerminalText(d, kFullNameChars) << '\n';
    }
  }
  out << passed << " passed, " << results.size() - passed << " failed\n";
}

void WriteGithubAnnotations(const std::vector<RuleResult>& results, std::ostream& out) {
  for (const RuleResult& r : results) {
    if (r.passed) continue;
    // Line breaks are the annotation's own escapes (%0A, %0D) below.
    std::string text = Title(r) + (r.error.empty() ? ": actual " + r.actual + ", limit " + r.limit : ": " + r.error);
    std::string escaped;
    for (char c : text) {
      if (c == '%') escaped += "%25";
      else if (c == '\n') escaped += "%0A";
      else if (c == '\r') escaped += "%0D";
      else escaped += c;
    }
    out << "::error title=proflens check::" << escaped << '\n';
  }
}

}  // namespace proflens
