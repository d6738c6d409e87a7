// The one escaper of markup: text and attribute values of the XML and HTML
// outputs (SVG, JUnit, the report's title) go through it. Nothing else in
// proflens writes an entity itself.
#ifndef PROFLENS_FORMATS_OUTPUT_XML_ESCAPE_H_
#define PROFLENS_FORMATS_OUTPUT_XML_ESCAPE_H_

#include <string>
#include <string_view>

namespace proflens {

// Escapes &, <, >, " and ' for XML (and HTML) text and attributes; control
// characters, which XML 1.0 does not allow, become '?'; ill-formed UTF-8 (and
// U+FFFE, U+FFFF) becomes U+FFFD, as ShownText says.
std::string XmlEscape(std::string_view text);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_XML_ESCAPE_H_
