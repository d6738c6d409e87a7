#include "analyzer/timeline.h"

#include "analyzer/hash.h"

namespace proflens {

Timeline::Timeline(ProfileBuilder& builder, size_t type, LabelSetId labels, TimelineLane* lane)
    : builder_(builder), type_(type), labels_(labels), lane_(lane) {}

void TimelineRecording::ResolveNames(const Profile& p) {
  names.assign(p.locations.size(), "");
  for (size_t l = 0; l < p.locations.size(); ++l) {
    std::span<const Line> lines = p.LinesOf(p.locations[l]);
    if (!lines.empty() && lines[0].function != kNoId) names[l] = p.str(p.functions[lines[0].function].name);
  }
}

Timeline::~Timeline() {
  while (!open_.empty()) CloseInnermost();
}

void Timeline::Advance(int64_t at) {
  if (now_ == INT64_MIN || at <= now_) {
    if (now_ == INT64_MIN) now_ = at;
    return;
  }
  if (!open_.empty()) open_.back().self = SaturatingAdd(open_.back().self, at - now_);
  now_ = at;
}

size_t Timeline::ChildKeyHash::operator()(const ChildKey& k) const { return HashCombine(k.parent, k.frame); }

void Timeline::CloseInnermost() {
  Level level = open_.back();
  open_.pop_back();
  // Its children's stacks are not asked for again.
  for (size_t i = level.first_child; i < child_keys_.size(); ++i) child_stacks_.erase(child_keys_[i]);
  child_keys_.resize(level.first_child);
  if (lane_ != nullptr) {
    lane_->spans.push_back({level.start, now_ == INT64_MIN ? level.start : now_, static_cast<uint32_t>(open_.size()), level.frame});
  }
  StackId stack = level.stack;
  if (level.self != 0 && stack == kNoId) {
    if (level.holder != kNoId) {
      stack = builder_.InternStackSuffix(level.holder, level.drop);
    } else {
      leaf_first_.clear();
      leaf_first_.push_back(level.frame);
      for (size_t i = open_.size(); i-- > 0;) leaf_first_.push_back(open_[i].frame);
      stack = builder_.InternStack(leaf_first_);
      level.holder = stack;
      level.drop = 0;
    }
    if (!open_.empty()) {
      const ChildKey key{open_.back().serial, level.frame};
      if (child_stacks_.emplace(key, stack).second) child_keys_.push_back(key);
    }
  }
  if (level.self != 0) {
    values_.assign(builder_.sample_type_count(), 0);
    values_[type_] = level.self;
    builder_.AddSample(stack, labels_, values_);
  }
  // The enclosing frame's stack is this one's less its leaf.
  if (!open_.empty() && open_.back().holder == kNoId && level.holder != kNoId) {
    open_.back().holder = level.holder;
    open_.back().drop = level.drop + 1;
  }
}

void Timeline::Open(LocationId frame, int64_t at) {
  Advance(at);
  Level level{frame};
  level.start = now_;
  level.serial = serial_++;
  level.first_child = child_keys_.size();
  if (!open_.empty() && !child_stacks_.empty()) {
    auto known = child_stacks_.find(ChildKey{open_.back().serial, frame});
    if (known != child_stacks_.end()) {
      level.stack = level.holder = known->second;
      level.drop = 0;
    }
  }
  open_.push_back(level);
}

bool Timeline::Close(LocationId frame, int64_t at) {
  if (open_.empty() || open_.back().frame != frame) return false;
  Advance(at);
  CloseInnermost();
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
