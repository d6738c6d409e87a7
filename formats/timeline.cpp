#include "formats/timeline.h"

namespace proflens {

Timeline::Timeline(ProfileBuilder& builder, size_t type, LabelSetId labels)
    : builder_(builder), type_(type), labels_(labels) {}

void Timeline::Advance(int64_t at) {
  if (now_ == INT64_MIN || at <= now_) {
    if (now_ == INT64_MIN) now_ = at;
    return;
  }
  if (!open_.empty()) {
    leaf_first_.assign(open_.rbegin(), open_.rend());
    values_.assign(builder_.sample_type_count(), 0);
    values_[type_] = at - now_;
    builder_.AddSample(builder_.InternStack(leaf_first_), labels_, values_);
  }
  now_ = at;
}

void Timeline::Open(LocationId frame, int64_t at) {
  Advance(at);
  open_.push_back(frame);
}

bool Timeline::Close(LocationId frame, int64_t at) {
  if (open_.empty() || open_.back() != frame) return false;
  Advance(at);
  open_.pop_back();
  return true;
}

LocationId InternFrame(ProfileBuilder& builder, std::string_view name, std::string_view file, int64_t line) {
  Function fn;
  fn.name = fn.system_name = builder.InternString(name);
  fn.filename = builder.InternString(file);
  Line l{builder.InternFunction(fn), line};
  return builder.InternLocation(kNoId, 0, {&l, 1});
}

}  // namespace proflens
