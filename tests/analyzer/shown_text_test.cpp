// ShownText's rule. The replacements of ill-formed UTF-8 are those of
// Python 3.11's bytes.decode("utf-8", errors="replace") on the same bytes
// (one U+FFFD per maximal ill-formed subpart); the escapes of TerminalText
// are those of Go's %q (strconv.Quote) on the same text.
#include <catch2/catch.hpp>

#include <string>

#include "analyzer/shown_text.h"

namespace proflens {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";
const std::string kEllipsis = "\xE2\x80\xA6";

TEST_CASE("shown text replaces ill-formed UTF-8 as decoders do", "[shown_text]") {
  CHECK(ShownText("a\xff" "b") == "a" + kFffd + "b");
  CHECK(ShownText("\xe2\x82") == kFffd);                                  // cut off by the end
  CHECK(ShownText("\xed\xa0\x80x") == kFffd + kFffd + kFffd + "x");       // a surrogate
  CHECK(ShownText("\xf0\x9f\x98") == kFffd);
  CHECK(ShownText("\xc0\xaf") == kFffd + kFffd);                          // overlong
  CHECK(ShownText("\xe2\x82\xac \xf0\x9f\x98\x80") == "\xe2\x82\xac \xf0\x9f\x98\x80");  // kept
  CHECK(ShownText("") == "");
}

TEST_CASE("shown text cuts long names with an ellipsis, by code point", "[shown_text]") {
  CHECK(ShownText("abcdef", 6) == "abcdef");
  CHECK(ShownText("abcdefg", 6) == "abcde" + kEllipsis);
  // Never inside a character: five two-byte characters and the ellipsis.
  CHECK(ShownText("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 6) ==
        "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9" + kEllipsis);
  // A 100 MB name becomes the bound; the default bounds are 500 and 4000 code points.
  const std::string huge(100 << 20, 'x');
  CHECK(ShownText(huge) == std::string(kShownNameChars - 1, 'x') + kEllipsis);
  CHECK(FullShownText(huge) == std::string(kFullNameChars - 1, 'x') + kEllipsis);
  CHECK(ShownText(std::string(kShownNameChars, 'y')) == std::string(kShownNameChars, 'y'));
}

TEST_CASE("terminal text escapes control characters as Go's %q", "[shown_text]") {
  CHECK(TerminalText("\x01\x1b[31m") == "\\x01\\x1b[31m");
  CHECK(TerminalText("a\tb\nc\rd\x7f") == "a\\tb\\nc\\rd\\x7f");
  CHECK(TerminalText("csi \xc2\x9b" "31m") == "csi \\u009b31m");       // C1 controls
  CHECK(TerminalText("caf\xc3\xa9 \xe2\x86\x92 ok") == "caf\xc3\xa9 \xe2\x86\x92 ok");  // printable: kept
  CHECK(TerminalText("bad \xff") == "bad " + kFffd);
  CHECK(TerminalText(std::string(1000, '\x1b'), 3) == "\\x1b\\x1b" + kEllipsis);
}

}  // namespace
}  // namespace proflens
