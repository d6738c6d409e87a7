#include "formats/output/json_writer.h"

#include <charconv>
#include <cstring>
#include <nlohmann/json.hpp>

#include "analyzer/shown_text.h"

namespace proflens {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Bytes that a string can copy as they are: printable ASCII but '"', '\\' and '<'.
constexpr bool IsPlain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '<'; }

}  // namespace

void JsonWriter::Escaped(std::string_view text) {
  // Written through a buffer appended as it fills: a picture has a '<' or a
  // '"' every few bytes, and an append apiece cost more than the bytes.
  std::string& out = *out_;
  char buf[4096];
  size_t n = 0;
  auto put = [&](std::string_view part) {
    if (n + part.size() > sizeof buf) {
      out.append(buf, n);
      n = 0;
      if (part.size() > sizeof buf) {
        out.append(part);
        return;
      }
    }
    std::memcpy(buf + n, part.data(), part.size());
    n += part.size();
  };
  put("\"");
  size_t i = 0;
  while (i < text.size()) {
    size_t run = i;
    while (run < text.size() && IsPlain(static_cast<unsigned char>(text[run]))) ++run;
    put(text.substr(i, run - i));
    if (run == text.size()) break;
    i = run;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t bad = 0;
      const size_t length = Utf8Sequence(text, i, &bad);
      if (length == 3 && escape_script_end_ && c == 0xE2 && text[i + 1] == '\x80' &&
          (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
        put(text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029");  // line and paragraph separators
        i += length;
      } else if (length != 0) {
        put(text.substr(i, length));
        i += length;
      } else {
        put(kReplacement);
        i += bad;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"': put("\\\""); break;
      case '\\': put("\\\\"); break;
      case '\b': put("\\b"); break;
      case '\f': put("\\f"); break;
      case '\n': put("\\n"); break;
      case '\r': put("\\r"); break;
      case '\t': put("\\t"); break;
      case '<':
        put(escape_script_end_ ? "\\u003c" : "<");
        break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char code[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        put(std::string_view(code, sizeof code));
      }
    }
  }
  put("\"");
  out.append(buf, n);
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
