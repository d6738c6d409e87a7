#include "formats/output/json_writer.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace proflens {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the well-formed UTF-8 sequence at text[i] (Unicode's table of
// well-formed byte sequences), or 0 when it is ill-formed; then *bad is how
// many bytes one U+FFFD replaces (the longest start of a valid sequence, at
// least one byte), as nlohmann and most decoders count them.
size_t Utf8Sequence(std::string_view text, size_t i, size_t* bad) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
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

// Bytes that a string can copy as they are: printable ASCII but '"', '\\' and '<'.
constexpr bool IsPlain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '<'; }

}  // namespace

void JsonWriter::Escaped(std::string_view text) {
  std::string& out = *out_;
  out.push_back('"');
  size_t i = 0;
  while (i < text.size()) {
    size_t run = i;
    while (run < text.size() && IsPlain(static_cast<unsigned char>(text[run]))) ++run;
    out.append(text.data() + i, run - i);
    if (run == text.size()) break;
    i = run;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t bad = 0;
      const size_t length = Utf8Sequence(text, i, &bad);
      if (length != 0) {
        out.append(text.data() + i, length);
        i += length;
      } else {
        out.append(kReplacement);
        i += bad;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '<':
        out.append(escape_script_end_ && i < text.size() && text[i] == '/' ? "<\\" : "<");
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out.append("\\u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      }
    }
  }
  out.push_back('"');
}

void JsonWriter::Key(std::string_view name) {
  Separate();
  Escaped(name);
  out_->push_back(':');
  need_comma_ = false;
}

void JsonWriter::String(std::string_view value) {
  Separate();
  Escaped(value);
  need_comma_ = true;
}

void JsonWriter::Int(int64_t value) {
  Separate();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  out_->append(buf, end);
  need_comma_ = true;
}

void JsonWriter::Double(double value) {
  Separate();
  out_->append(nlohmann::json(value).dump());
  need_comma_ = true;
}

void JsonWriter::Bool(bool value) {
  Separate();
  out_->append(value ? "true" : "false");
  need_comma_ = true;
}

void JsonWriter::Null() {
  Separate();
  out_->append("null");
  need_comma_ = true;
}

}  // namespace proflens
