// ShownText: the one rule for what a name (or any text from an input) looks
// like when proflens writes it out. Names stay as the input wrote them in the
// model and in the lossless outputs (pprof, folded, callgrind); every other
// output passes them through here, at write time:
//   - ill-formed UTF-8 becomes U+FFFD, one per maximal ill-formed subpart
//     (Unicode's "best practice", as nlohmann's replace handler and browsers
//     count them), so SVG, DOT, HTML, JUnit, JSON and CSV stay well-formed;
//   - a name longer than kShownNameChars code points is cut with "…" in
//     pictures and tables, and one longer than kFullNameChars in the data
//     that keeps full names (JSON, tooltips, the report's data): no
//     allocation or layout proportional to a hostile name's length;
//   - text for a terminal or a pipe shows control characters escaped
//     (TerminalText: "\x1b", "\u009b"), so a profile cannot drive a terminal.
#ifndef PROFLENS_ANALYZER_SHOWN_TEXT_H_
#define PROFLENS_ANALYZER_SHOWN_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace proflens {

// Code points of a name drawn in a picture or shown in a table.
inline constexpr size_t kShownNameChars = 500;
// Code points of a name kept whole: JSON, CSV, tooltips, search.
inline constexpr size_t kFullNameChars = 4000;

// The length of the well-formed UTF-8 sequence at text[i], or 0 when it is
// ill-formed; then *bad is how many bytes one U+FFFD replaces (at least 1).
size_t Utf8Sequence(std::string_view text, size_t i, size_t* bad);

inline constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";  // U+FFFD
inline constexpr std::string_view kEllipsisChar = "\xE2\x80\xA6";     // U+2026

// Calls emit(bytes) for each code point of `text` as well-formed UTF-8 (an
// ill-formed sequence as U+FFFD), at most `max_chars` of them, the last one
// "…" when the text has more (SIZE_MAX: every one). Stops reading there.
// The one walk over a name's characters: ShownText, TerminalText and the
// markup escaper (XmlEscape) are each an `emit`.
template <typename Emit>
void ForEachShownChar(std::string_view text, size_t max_chars, Emit emit) {
  size_t i = 0, chars = 0;
  while (i < text.size()) {
    if (chars + 1 == max_chars) {
      // One place left: the last character, or "…" when more follow.
      size_t bad = 0;
      size_t length = static_cast<unsigned char>(text[i]) < 0x80 ? 1 : Utf8Sequence(text, i, &bad);
      if (i + (length != 0 ? length : bad) < text.size()) {
        emit(kEllipsisChar);
        return;
      }
    }
    if (chars == max_chars) return;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      emit(text.substr(i, 1));
      ++i;
    } else {
      size_t bad = 0;
      const size_t length = Utf8Sequence(text, i, &bad);
      if (length != 0) {
        emit(text.substr(i, length));
        i += length;
      } else {
        emit(kReplacementChar);
        i += bad;
      }
    }
    ++chars;
  }
}

// `text` as well-formed UTF-8 of at most `max_chars` code points: ill-formed
// sequences replaced by U+FFFD, and a longer text cut to max_chars - 1 code
// points and "…" (U+2026). Reads at most the bytes it keeps (and one more
// code point), however long `text` is.
std::string ShownText(std::string_view text, size_t max_chars = kShownNameChars);

// ShownText(text, kFullNameChars).
inline std::string FullShownText(std::string_view text) { return ShownText(text, kFullNameChars); }

// `text` for a terminal or a pipe: ShownText's rule with `max_chars`, then
// C0 controls, DEL and C1 controls written as Go's %q writes them ("\x01",
// "\x1b", "\t", "\n", "\x7f", "\u009b"); every other character as it is.
std::string TerminalText(std::string_view text, size_t max_chars = kShownNameChars);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_SHOWN_TEXT_H_
