#include "formats/json/trace_event_sax.h"

#include <utility>

namespace proflens {

bool TraceEventSax::string(std::string& v) {
  if (Capturing()) {
    if (!too_deep_) capture_.Value(Json(std::move(v)));
  } else if (EventMember* m = Target()) {
    m->kind = EventMember::kString;
    m->text = std::move(v);
  }
  return true;
}

bool TraceEventSax::key(std::string& k) {
  if (Capturing()) {
    if (!too_deep_) capture_.Key(std::move(k));
  } else if (depth_ == 1) {
    member_ = MemberOf(k);
    args_next_ = std::string_view(k) == "args";
    if (args_next_) event_.args_name = EventMember();  // the last args counts
  } else if (depth_ == 2 && in_args_) {
    member_ = std::string_view(k) == "name" ? &event_.args_name : nullptr;
  }
  return true;
}

Status TraceEventSax::Finish(size_t index) {
  Status status = on_event_(event_, index);
  event_ = TraceEvent();
  member_ = nullptr;
  args_next_ = in_args_ = false;
  return status;
}

// Compared by length first: this runs for every key of every event.
EventMember* TraceEventSax::MemberOf(std::string_view k) {
  switch (k.size()) {
    case 2:
      return k == "ph" ? &event_.ph : k == "ts" ? &event_.ts : nullptr;
    case 3:
      return k == "pid" ? &event_.pid : k == "tid" ? &event_.tid : k == "dur" ? &event_.dur : nullptr;
    case 4:
      return k == "name" ? &event_.name : k == "tdur" ? &event_.tdur : nullptr;
    default:
      return nullptr;
  }
}

bool TraceEventSax::Scalar(Json&& value) {
  if (Capturing()) {
    if (!too_deep_) capture_.Value(std::move(value));
  } else if (EventMember* m = Target()) {
    const bool number = value.is_number();
    m->kind = number ? EventMember::kNumber : EventMember::kOther;
    m->number = number ? value.get<double>() : 0;
    // Integers, the usual pid and tid, without a serializer.
    m->text = !IsId()                     ? std::string()
              : value.is_number_integer() ? (value.is_number_unsigned() ? std::to_string(value.get<uint64_t>())
                                                                       : std::to_string(value.get<int64_t>()))
                                          : value.dump();
  }
  return true;
}

bool TraceEventSax::Open(Json&& container) {
  if (Capturing()) {
    if (too_deep_) {
      // Counted by depth_ only.
    } else if (depth_ - capture_from_ >= kMaxIdDepth) {
      too_deep_ = true;
      capture_ = JsonTreeBuilder();
    } else {
      capture_.Open(std::move(container));
    }
  } else if (depth_ == 0) {
    event_.object = container.is_object();
  } else if (EventMember* m = Target()) {
    if (IsId()) {
      capture_from_ = depth_;
      too_deep_ = false;
      capture_.Open(std::move(container));
    } else {
      *m = EventMember();
      m->kind = EventMember::kOther;  // a container where a string or number belongs
    }
  } else if (depth_ == 1 && args_next_) {
    in_args_ = container.is_object();
  }
  ++depth_;
  return true;
}

bool TraceEventSax::Close() {
  --depth_;
  if (Capturing()) {
    if (!too_deep_) capture_.Close();
    if (depth_ == capture_from_) {  // the pid or tid is complete
      member_->kind = too_deep_ ? EventMember::kTooDeep : EventMember::kOther;
      member_->text = too_deep_ ? std::string() : capture_.root().dump();
      capture_ = JsonTreeBuilder();
      capture_from_ = -1;
    }
  } else if (depth_ == 1) {
    in_args_ = false;
  }
  return true;
}

}  // namespace proflens
