#include "formats/output/xml_escape.h"

#include "analyzer/shown_text.h"

namespace proflens {

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      // ShownText's UTF-8 rule: an ill-formed sequence, and the non-characters
      // U+FFFE and U+FFFF that XML does not allow, become U+FFFD.
      size_t bad = 0;
      const size_t length = Utf8Sequence(text, i, &bad);
      const std::string_view sequence = text.substr(i, length);
      if (length == 0 || sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF") {
        out += "\xEF\xBF\xBD";
        i += length == 0 ? bad : length;
      } else {
        out += sequence;
        i += length;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += '?';
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace proflens
