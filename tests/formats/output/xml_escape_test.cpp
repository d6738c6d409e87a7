// The one markup escaper: the five XML entities, control characters XML 1.0
// forbids as '?', everything else (UTF-8, tab, line breaks) as it is.
#include <catch2/catch.hpp>

#include "formats/output/xml_escape.h"

namespace proflens {
namespace {

TEST_CASE("xml escape: the five entities", "[xml_escape]") {
  CHECK(XmlEscape("std::map<K, V>::find") == "std::map&lt;K, V&gt;::find");
  CHECK(XmlEscape("a & b") == "a &amp; b");
  CHECK(XmlEscape("say \"hi\" 'there'") == "say &quot;hi&quot; &apos;there&apos;");
  CHECK(XmlEscape("&amp;") == "&amp;amp;");  // escaped again: the input is text, not markup
  CHECK(XmlEscape("") == "");
}

TEST_CASE("xml escape: control characters become '?', text characters stay", "[xml_escape]") {
  CHECK(XmlEscape(std::string("a\0b", 3)) == "a?b");
  CHECK(XmlEscape("bell\x07 esc\x1b") == "bell? esc?");
  CHECK(XmlEscape("tab\tnew\nline\r") == "tab\tnew\nline\r");
  CHECK(XmlEscape("\xc3\xbcn\xc3\xaf \xe2\x80\xa6") == "\xc3\xbcn\xc3\xaf \xe2\x80\xa6");  // UTF-8 as it is
  CHECK(XmlEscape("del\x7f") == "del\x7f");  // allowed by XML 1.0
}

}  // namespace
}  // namespace proflens
