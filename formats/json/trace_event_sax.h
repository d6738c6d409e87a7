// TraceEventSax: the members of Chrome trace events that the reader uses,
// taken from nlohmann's SAX events of each element of traceEvents without
// building the element (for ForEachJsonElement).
#ifndef PROFLENS_FORMATS_JSON_TRACE_EVENT_SAX_H_
#define PROFLENS_FORMATS_JSON_TRACE_EVENT_SAX_H_

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "analyzer/status.h"
#include "formats/json/json_document.h"

namespace proflens {

// A member of a trace event as the reader uses it. A member given twice
// counts as its last, as in a parsed object.
struct EventMember {
  enum Kind : uint8_t { kMissing, kString, kNumber, kOther, kTooDeep };
  Kind kind = kMissing;
  std::string text;   // a string's; for pid and tid, the value's JSON text whatever its kind ("" when missing)
                      // (kTooDeep: a pid or tid nested deeper than TraceEventSax::kMaxIdDepth, not kept)
  double number = 0;  // a number's
  bool is(std::string_view s) const { return kind == kString && text == s; }
};

// What the reader takes from one element of traceEvents: ph, name, ts, dur
// (or tdur), pid and tid (numbers or strings; both key the thread), and args.name (a
// thread_name event's name).
struct TraceEvent {
  bool object = false;
  EventMember ph, name, ts, dur, tdur, pid, tid, args_name;
};

// Takes a TraceEvent from the SAX events of one element and hands it to
// `on_event` when the element is complete. Members the reader does not use
// (the big `args` of most events) are skipped as they are parsed; a pid or
// tid that is an array or an object is built, for its JSON text, unless it
// nests deeper than kMaxIdDepth (printing it back would recurse as deep).
class TraceEventSax {
 public:
  using Json = nlohmann::json;
  static constexpr int kMaxIdDepth = 64;
  explicit TraceEventSax(std::function<Status(TraceEvent&, size_t)> on_event) : on_event_(std::move(on_event)) {}

  bool null() { return Scalar(Json(nullptr)); }
  bool boolean(bool v) { return Scalar(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return Scalar(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return Scalar(Json(v)); }
  bool number_float(Json::number_float_t v, const std::string&) { return Scalar(Json(v)); }
  bool string(std::string& v);
  bool binary(Json::binary_t&) { return Scalar(Json()); }  // not in JSON text
  bool start_object(std::size_t) { return Open(Json::object()); }
  bool start_array(std::size_t) { return Open(Json::array()); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool key(std::string& k);

  Status Finish(size_t index);

 private:
  bool IsId() const { return member_ == &event_.pid || member_ == &event_.tid; }
  EventMember* MemberOf(std::string_view k);
  // The member a value at this depth goes to, or null.
  EventMember* Target() const { return (depth_ == 1 || (depth_ == 2 && in_args_)) ? member_ : nullptr; }
  // A value that is not a string or a container: its kind and number, and
  // for a pid or tid its JSON text, are the value's.
  bool Scalar(Json&& value);
  bool Open(Json&& container);
  bool Close();
  bool Capturing() const { return capture_from_ >= 0; }

  std::function<Status(TraceEvent&, size_t)> on_event_;
  TraceEvent event_;
  int depth_ = 0;                  // containers open within the element
  EventMember* member_ = nullptr;  // where the value after the last key goes
  bool args_next_ = false;         // the last key at depth 1 was "args"
  bool in_args_ = false;           // within the args object
  JsonTreeBuilder capture_;        // a pid or tid that is a container
  int capture_from_ = -1;          // the depth its container opened at, or -1
  bool too_deep_ = false;          // it nests deeper than kMaxIdDepth: no longer built
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_JSON_TRACE_EVENT_SAX_H_
