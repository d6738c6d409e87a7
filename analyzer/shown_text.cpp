#include "analyzer/shown_text.h"

namespace proflens {

size_t Utf8Sequence(std::string_view text, size_t i, size_t* bad) {
  // Unicode's table of well-formed byte sequences (3.9, table 3-7).
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the second byte's range
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // no overlong forms
    if (lead == 0xF4) high = 0x8F;  // nothing past U+10FFFF
  } else {
    *bad = 1;
    return 0;
  }
  for (size_t k = 1; k < length; ++k) {
    if (i + k >= text.size()) {
      *bad = text.size() - i;  // cut off by the end: one replacement for the rest
      return 0;
    }
    const unsigned char b = byte(i + k);
    if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) {
      *bad = k;  // the byte that broke the sequence is read again
      return 0;
    }
  }
  return length;
}

std::string ShownText(std::string_view text, size_t max_chars) {
  std::string out;
  out.reserve(text.size() < max_chars ? text.size() : max_chars);
  ForEachShownChar(text, max_chars, [&](std::string_view c) { out.append(c); });
  return out;
}

std::string TerminalText(std::string_view text, size_t max_chars) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() < max_chars ? text.size() : max_chars);
  ForEachShownChar(text, max_chars, [&](std::string_view c) {
    const unsigned char first = static_cast<unsigned char>(c[0]);
    if (c.size() == 1 && (first < 0x20 || first == 0x7f)) {
      switch (first) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
          out += "\\x";
          out += kHex[first >> 4];
          out += kHex[first & 15];
      }
    } else if (c.size() == 2 && first == 0xC2 && static_cast<unsigned char>(c[1]) < 0xA0) {
      // C1 controls, U+0080..U+009F (U+009B is CSI to some terminals).
      const unsigned char low = static_cast<unsigned char>(c[1]);
      out += "\\u00";
      out += kHex[low >> 4];
      out += kHex[low & 15];
    } else {
      out.append(c);
    }
  });
  return out;
}

}  // namespace proflens
