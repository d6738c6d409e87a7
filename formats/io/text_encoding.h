// Text with a byte-order mark. PowerShell's `>` and Out-File write UTF-16
// (little-endian, with a BOM) by default, and Windows editors often start
// UTF-8 text with a BOM; readers see UTF-8 without one.
#ifndef PROFLENS_FORMATS_IO_TEXT_ENCODING_H_
#define PROFLENS_FORMATS_IO_TEXT_ENCODING_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace proflens {

enum class TextEncoding { kPlain, kUtf8Bom, kUtf16Le, kUtf16Be };

// By the byte-order mark the bytes start with.
TextEncoding EncodingOf(std::string_view bytes);

// Appends code point `cp` (at most U+10FFFF) as UTF-8.
void AppendUtf8(uint32_t cp, std::string& out);

// UTF-16 text after its BOM, as UTF-8: a surrogate without its pair becomes
// U+FFFD, as does an odd last byte. The result is at most 1.5 times the input.
std::string Utf16ToUtf8(std::string_view bytes, bool big_endian);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_IO_TEXT_ENCODING_H_
