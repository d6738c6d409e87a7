// JsonWriter against hand-written JSON, and its strings against nlohmann's
// dump(-1, ' ', false, replace) on many random byte strings (nlohmann is what
// the report's JSON was written with before, and what tests parse it with).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <random>

#include "formats/output/json_writer.h"

namespace proflens {
namespace {

std::string Written(std::string_view s, bool escape_script_end = false) {
  std::string out;
  JsonWriter w(&out, escape_script_end);
  w.String(s);
  return out;
}

std::string Nlohmann(std::string_view s) {
  return nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST_CASE("json writer: members, arrays and commas", "[json_writer]") {
  std::string out;
  JsonWriter w(&out);
  w.BeginObject();
  w.Key("a");
  w.BeginArray();
  w.Int(1);
  w.String("x");
  w.Null();
  w.Bool(true);
  w.BeginArray();
  w.EndArray();
  w.Int(INT64_MIN);
  w.EndArray();
  w.Key("b");
  w.BeginObject();
  w.EndObject();
  w.Key("c");
  w.Double(0.5);
  w.EndObject();
  CHECK(out == R"({"a":[1,"x",null,true,[],-9223372036854775808],"b":{},"c":0.5})");
}

TEST_CASE("json writer: escapes, worked out by hand", "[json_writer]") {
  CHECK(Written("plain") == "\"plain\"");
  CHECK(Written("a\"b\\c") == R"("a\"b\\c")");
  CHECK(Written("\b\f\n\r\t\x01\x1f\x7f") == "\"\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\"");
  CHECK(Written("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80") == "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"");
  // Ill-formed UTF-8: one U+FFFD for each longest start of a valid sequence.
  const std::string r = "\xEF\xBF\xBD";
  CHECK(Written("\x80") == "\"" + r + "\"");
  CHECK(Written("a\xFF" "b") == "\"a" + r + "b\"");
  CHECK(Written("\xC0\xAF") == "\"" + r + r + "\"");         // overlong lead, then a lone continuation
  CHECK(Written("\xE0\x80\x80") == "\"" + r + r + r + "\"");  // E0 needs A0..BF next
  CHECK(Written("\xED\xA0\x80") == "\"" + r + r + r + "\"");  // a surrogate
  CHECK(Written("\xE2\x82" "x") == "\"" + r + "x\"");         // cut short: x is read again
  CHECK(Written("\xF0\x9F\x98") == "\"" + r + "\"");          // cut off by the end
  CHECK(Written("\xF4\x90\x80\x80") == "\"" + r + r + r + r + "\"");  // past U+10FFFF
  // Inside a <script> element no '<' appears (so neither "</script>" nor
  // "<!--<script>", which would make the HTML parser swallow the next
  // script), nor U+2028 or U+2029.
  CHECK(Written("a</script>", true) == R"("a\u003c/script>")");
  CHECK(Written("a</script>", false) == R"("a</script>")");
  CHECK(Written("<!--<script>x", true) == R"("\u003c!--\u003cscript>x")");
  CHECK(Written("<<//", true) == R"("\u003c\u003c//")");
  CHECK(Written("a\xE2\x80\xA8" "b\xE2\x80\xA9", true) == R"("a\u2028b\u2029")");
  CHECK(Written("a\xE2\x80\xA8", false) == "\"a\xE2\x80\xA8\"");
  std::string nul("a\0b", 3);
  CHECK(Written(nul) == R"("a\u0000b")");
}

TEST_CASE("json writer: strings as nlohmann dumps them", "[json_writer]") {
  // The hand-worked cases above, and random strings weighted towards the
  // bytes that matter: escapes, '<' and '/', UTF-8 leads and continuations.
  const std::string pieces[] = {"a", "<", "/", "\"", "\\", "\n", "\x01", "\x7f", "\xC3", "\xA9", "\x80", "\xBF",
                                "\xE0", "\xED", "\xEF", "\xF0", "\xF4", "\xF5", "\xFF", "\x90", "\xA0", "\xC2",
                                "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xC0", "\x9F", "\x8F"};
  std::mt19937 rng(20261122);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1), length(0, 12);
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    for (size_t n = length(rng); n-- > 0;) s += pieces[pick(rng)];
    INFO("case " << i);
    REQUIRE(Written(s) == Nlohmann(s));
    std::string script = Nlohmann(s);
    for (size_t at = script.find('<'); at != std::string::npos; at = script.find('<', at + 6)) script.replace(at, 1, "\\u003c");
    REQUIRE(Written(s, true) == script);
    REQUIRE(nlohmann::json::parse(Written(s, true)) == nlohmann::json::parse(Nlohmann(s)));
  }
}

}  // namespace
}  // namespace proflens
