#include "formats/output/xml_escape.h"

#include "analyzer/shown_text.h"

namespace proflens {

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  ForEachShownChar(text, SIZE_MAX, [&](std::string_view c) {
    if (c.size() > 1) {
      // The non-characters U+FFFE and U+FFFF, which XML does not allow, become U+FFFD too.
      out += c == "\xEF\xBF\xBE" || c == "\xEF\xBF\xBF" ? kReplacementChar : c;
      return;
    }
    switch (c[0]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c[0]) < 0x20 && c[0] != '\n' && c[0] != '\t' && c[0] != '\r') {
          out += '?';
        } else {
          out += c[0];
        }
    }
  });
  return out;
}

}  // namespace proflens
