#include "formats/python/tracemalloc_reader.h"

#include <string>

#include "analyzer/profile_builder.h"
#include "formats/python/pickle.h"

namespace proflens {

namespace {

using Kind = PickleValue::Kind;

Status Expected(const std::string& what) { return Status::Input("expected " + what + " in the tracemalloc snapshot"); }

}  // namespace

Result<Profile> ReadTracemalloc(std::string_view bytes) {
  PROFLENS_ASSIGN_OR_RETURN(PickleDocument doc, DecodePickle(bytes, {"tracemalloc.Snapshot", "tracemalloc._Traces"}));
  const PickleDocument& d = doc;
  const PickleValue& snapshot = d[d.root];
  if (snapshot.kind != Kind::kObject || snapshot.text != "tracemalloc.Snapshot" || snapshot.state == UINT32_MAX) {
    return Expected("a tracemalloc.Snapshot");
  }
  const uint32_t traces_id = d.Member(snapshot.state, "traces");
  const uint32_t limit_id = d.Member(snapshot.state, "traceback_limit");
  if (traces_id == UINT32_MAX || d[traces_id].kind != Kind::kObject || d[traces_id].state == UINT32_MAX) {
    return Expected("the snapshot's traces");
  }
  const uint32_t list_id = d.Member(d[traces_id].state, "_traces");
  if (list_id == UINT32_MAX || (d[list_id].kind != Kind::kList && d[list_id].kind != Kind::kTuple)) {
    return Expected("the list of traces");
  }

  ProfileBuilder b;
  b.AddSampleType("space", "bytes");
  b.AddSampleType("count", "count");
  Profile& p = b.profile();
  p.default_sample_type = b.InternString("space");
  if (limit_id != UINT32_MAX && d[limit_id].kind == Kind::kInt) {
    p.comments.push_back(b.InternString("traceback_limit: " + std::to_string(d[limit_id].integer)));
  }
  const StringId domain_key = b.InternString("domain");
  std::vector<LocationId> stack;
  std::vector<LocationId> location_of_frame(d.values.size(), kNoId);  // frames are memoized tuples
  for (uint32_t trace_id : d[list_id].items) {
    // (domain, size, ((file, line), ...) most recent first, total_nframe)
    const PickleValue& trace = d[trace_id];
    if (trace.kind != Kind::kTuple || trace.items.size() < 3) return Expected("a trace (domain, size, frames, ...)");
    const PickleValue& domain = d[trace.items[0]];
    const PickleValue& size = d[trace.items[1]];
    const PickleValue& frames = d[trace.items[2]];
    if (domain.kind != Kind::kInt || size.kind != Kind::kInt || frames.kind != Kind::kTuple) {
      return Expected("a trace's domain, size and frames");
    }
    stack.clear();
    for (uint32_t frame_id : frames.items) {
      if (location_of_frame[frame_id] == kNoId) {
        const PickleValue& frame = d[frame_id];
        if (frame.kind != Kind::kTuple || frame.items.size() != 2 || d[frame.items[0]].kind != Kind::kString ||
            d[frame.items[1]].kind != Kind::kInt) {
          return Expected("a frame (filename, lineno)");
        }
        const std::string_view file = d[frame.items[0]].text;
        const int64_t line = d[frame.items[1]].integer;
        Function fn;
        fn.name = fn.system_name = b.InternString(std::string(file) + ":" + std::to_string(line));
        fn.filename = b.InternString(file);
        Line l{b.InternFunction(fn), line};
        location_of_frame[frame_id] = b.InternLocation(kNoId, 0, {&l, 1});
      }
      stack.push_back(location_of_frame[frame_id]);
    }
    LabelSetId labels = 0;
    if (domain.integer != 0) {
      Label label{domain_key, 0, domain.integer, 0};
      labels = b.InternLabels({&label, 1});
    }
    const int64_t values[] = {size.integer, 1};
    b.AddSample(b.InternStack(stack), labels, values);
  }
  Profile out = std::move(b).Build();
  out.raw_sample_count = d[list_id].items.size();
  return out;
}

}  // namespace proflens
