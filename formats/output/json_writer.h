// JsonWriter: compact JSON appended straight to a string, for outputs too big
// to build as a document first (the HTML report's tables and pictures).
// Strings come out as nlohmann's dump(-1, ' ', false, replace) writes them:
// UTF-8 kept, '"', '\\' and control characters escaped, each ill-formed UTF-8
// sequence replaced by U+FFFD (ShownText's rule). With `escape_script_end`,
// every '<' in a string is written \u003c and U+2028, U+2029 as \u2028,
// \u2029, so no string can end, open or comment out an HTML <script>
// element ("</script>", "<!--", "<script") that holds the JSON, and the JSON
// is also valid JavaScript.
#ifndef PROFLENS_FORMATS_OUTPUT_JSON_WRITER_H_
#define PROFLENS_FORMATS_OUTPUT_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace proflens {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out, bool escape_script_end = false)
      : out_(out), escape_script_end_(escape_script_end) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // An object member's name; its value comes next.
  void Key(std::string_view name);

  void String(std::string_view value);
  void Int(int64_t value);
  void Double(double value);  // as nlohmann writes it; NaN and infinities as null
  void Bool(bool value);
  void Null();
  // A member with a string or integer value.
  void Member(std::string_view name, std::string_view value) {
    Key(name);
    String(value);
  }
  void Member(std::string_view name, int64_t value) {
    Key(name);
    Int(value);
  }

 private:
  void Separate() {
    if (need_comma_) out_->push_back(',');
  }
  void Open(char c) {
    Separate();
    out_->push_back(c);
    need_comma_ = false;
  }
  void Close(char c) {
    out_->push_back(c);
    need_comma_ = true;
  }
  void Escaped(std::string_view text);

  std::string* out_;
  bool escape_script_end_;
  bool need_comma_ = false;
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_OUTPUT_JSON_WRITER_H_
