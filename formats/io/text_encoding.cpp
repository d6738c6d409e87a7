#include "formats/io/text_encoding.h"

#include <cstdint>

namespace proflens {

namespace {

constexpr uint32_t kReplacement = 0xFFFD;

}  // namespace

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

TextEncoding EncodingOf(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return TextEncoding::kUtf8Bom;
  if (bytes.starts_with("\xFF\xFE")) return TextEncoding::kUtf16Le;
  if (bytes.starts_with("\xFE\xFF")) return TextEncoding::kUtf16Be;
  return TextEncoding::kPlain;
}

std::string Utf16ToUtf8(std::string_view bytes, bool big_endian) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = bytes.starts_with(big_endian ? "\xFE\xFF" : "\xFF\xFE") ? 2 : 0;
  auto unit = [&](size_t at) {
    const auto hi = static_cast<uint8_t>(bytes[at + (big_endian ? 0 : 1)]);
    const auto lo = static_cast<uint8_t>(bytes[at + (big_endian ? 1 : 0)]);
    return static_cast<uint32_t>(hi << 8 | lo);
  };
  for (; i + 1 < bytes.size(); i += 2) {
    const uint32_t u = unit(i);
    if (u >= 0xD800 && u < 0xDC00) {  // a high surrogate: its low one follows
      if (i + 3 < bytes.size()) {
        const uint32_t low = unit(i + 2);
        if (low >= 0xDC00 && low < 0xE000) {
          AppendUtf8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), out);
          i += 2;
          continue;
        }
      }
      AppendUtf8(kReplacement, out);
    } else if (u >= 0xDC00 && u < 0xE000) {
      AppendUtf8(kReplacement, out);
    } else {
      AppendUtf8(u, out);
    }
  }
  if (i < bytes.size()) AppendUtf8(kReplacement, out);
  return out;
}

}  // namespace proflens
