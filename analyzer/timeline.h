// Timeline: turns one thread's timeline of frames opening and closing into
// weighted stacks, for the evented formats (speedscope "evented" profiles,
// Chrome trace events). The time between two consecutive events is added to
// the stack open in between, so each stack's weight is the time it was the
// innermost state of the thread; time with nothing open counts nowhere.
// A frame's sample is added when it closes; time and memory follow the
// events and the distinct stacks, not the depth squared.
#ifndef PROFLENS_ANALYZER_TIMELINE_H_
#define PROFLENS_ANALYZER_TIMELINE_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "analyzer/profile_builder.h"

namespace proflens {

// What happened when, for the report's time-order view: each thread's frames
// as spans (start, end, depth), in the order they closed.
struct TimelineSpan {
  int64_t start = 0, end = 0;  // in the sample type's unit
  uint32_t depth = 0;          // 0: outermost
  LocationId frame = 0;
};
struct TimelineLane {
  std::string name;  // the thread ("Main", "pid 1 tid 2") or profile
  std::vector<TimelineSpan> spans;
};
struct TimelineRecording {
  std::string unit;  // "nanoseconds", ...
  std::vector<TimelineLane> lanes;
  std::vector<std::string> names;  // by LocationId, after ResolveNames
  // Names every frame the spans use from the profile the reader built.
  void ResolveNames(const Profile& profile);
};

class Timeline {
 public:
  // Samples go to sample type `type` of `builder`, labelled `labels`; spans
  // go to `lane` when given.
  Timeline(ProfileBuilder& builder, size_t type, LabelSetId labels, TimelineLane* lane = nullptr);
  // Closes what is still open (at the last event's time).
  ~Timeline();

  // Times are integers in the sample type's unit; a time before the last
  // event's counts as equal to it.
  void Open(LocationId frame, int64_t at);
  // Closes the innermost open frame; false (nothing changes) when `frame`
  // is not the innermost one.
  bool Close(LocationId frame, int64_t at);
  size_t depth() const { return open_.size(); }

 private:
  // An open frame, the time it has been innermost so far, and a stored stack
  // that holds this level's stack as its suffix (from a deeper level that
  // closed), so that a frame's stack is stored once, whatever the depth:
  // nested frames share one array instead of one copy per level.
  // A level whose frame was open under the same enclosing frame before (a
  // loop calling the same functions under one deep frame) knows its stack
  // from then (`stack`), so it costs O(1), not a copy of the whole stack.
  struct Level {
    LocationId frame;
    int64_t self = 0;
    StackId holder = kNoId;
    uint32_t drop = 0;  // this level's stack is holder's less its `drop` innermost frames
    int64_t start = 0;
    StackId stack = kNoId;  // this level's stack when known already
    uint64_t serial = 0;    // which opening of a frame this is (the key of its children)
    size_t first_child = 0; // where its children's entries begin in child_keys_
  };
  // The stacks of frames that closed under an open level: by (the level's
  // serial, the frame) in child_stacks_, and the keys in the order they were
  // added (a level's come last while it is open), to be dropped when it closes.
  struct ChildKey {
    uint64_t parent;
    LocationId frame;
    bool operator==(const ChildKey& o) const { return parent == o.parent && frame == o.frame; }
  };
  struct ChildKeyHash {
    size_t operator()(const ChildKey& k) const;
  };
  void Advance(int64_t at);
  void CloseInnermost();

  ProfileBuilder& builder_;
  size_t type_;
  LabelSetId labels_;
  TimelineLane* lane_;
  int64_t now_ = INT64_MIN;
  std::vector<Level> open_;  // root first
  uint64_t serial_ = 0;
  std::unordered_map<ChildKey, StackId, ChildKeyHash> child_stacks_;
  std::vector<ChildKey> child_keys_;
  std::vector<LocationId> leaf_first_;
  std::vector<int64_t> values_;
};

// A frame of a JSON profile (name, optional file and line) as a location;
// equal frames intern to one location.
LocationId InternFrame(ProfileBuilder& builder, std::string_view name, std::string_view file, int64_t line);

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_TIMELINE_H_
