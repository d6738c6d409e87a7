// Root frames from a sample's labels: perf's process frame as
// stackcollapse-perf.pl names it ("$comm", "$comm-$pid", "$comm-$pid/$tid",
// blanks as '_', "?" for a pid perf did not print) and a Python sampler's
// process and thread frames, outermost first.
#include <catch2/catch.hpp>

#include "analyzer/profile_builder.h"
#include "analyzer/root_frames.h"

namespace proflens {
namespace {

struct Labeled {
  Profile profile;
  LabelSetId labels = 0;
};

// A profile holding one label set: string labels, then numeric ones.
Labeled WithLabels(const std::vector<std::pair<std::string, std::string>>& strings,
                   const std::vector<std::pair<std::string, int64_t>>& numbers) {
  ProfileBuilder b;
  b.AddSampleType("samples", "count");
  std::vector<Label> labels;
  for (const auto& [key, value] : strings) labels.push_back({b.InternString(key), b.InternString(value)});
  for (const auto& [key, value] : numbers) labels.push_back({b.InternString(key), 0, value});
  const LabelSetId id = b.InternLabels(labels);
  return {std::move(b).Build(), id};
}

TEST_CASE("root frames: perf's process by name, pid or pid/tid", "[root_frames]") {
  const Labeled l = WithLabels({{"comm", "my app"}}, {{"pid", 7}, {"tid", 8}});
  CHECK(PerfProcessFrame(l.profile, l.labels, ProcessRoots::kName) == "my_app");
  CHECK(PerfProcessFrame(l.profile, l.labels, ProcessRoots::kPid) == "my_app-7");
  CHECK(PerfProcessFrame(l.profile, l.labels, ProcessRoots::kTid) == "my_app-7/8");
  CHECK(PerfProcessFrame(l.profile, l.labels, ProcessRoots::kNone).empty());
  CHECK(RootFrames(l.profile, l.labels, ProcessRoots::kPid) == std::vector<std::string>{"my_app-7"});
  CHECK(RootFrames(l.profile, l.labels, ProcessRoots::kNone).empty());
}

TEST_CASE("root frames: a pid perf did not print is \"?\", no comm is no frame", "[root_frames]") {
  const Labeled tid_only = WithLabels({{"comm", "worker"}}, {{"tid", 42}});
  CHECK(PerfProcessFrame(tid_only.profile, tid_only.labels, ProcessRoots::kTid) == "worker-?/42");
  CHECK(PerfProcessFrame(tid_only.profile, tid_only.labels, ProcessRoots::kPid) == "worker-?");
  const Labeled no_comm = WithLabels({}, {{"pid", 7}, {"tid", 7}});
  CHECK(PerfProcessFrame(no_comm.profile, no_comm.labels, ProcessRoots::kTid).empty());
  CHECK(RootFrames(no_comm.profile, no_comm.labels, ProcessRoots::kTid).empty());
  const Labeled none = WithLabels({}, {});
  CHECK(RootFrames(none.profile, none.labels, ProcessRoots::kName).empty());
}

TEST_CASE("root frames: a sampler's process above its thread, as written", "[root_frames]") {
  const Labeled py = WithLabels({{"thread", "thread (0x7F2B4C8C5740)"}, {"process", "process 4817:\"python app.py\""}}, {});
  CHECK(RootFrames(py.profile, py.labels, ProcessRoots::kName) ==
        std::vector<std::string>{"process 4817:\"python app.py\"", "thread (0x7F2B4C8C5740)"});
  CHECK(RootFrames(py.profile, py.labels, ProcessRoots::kNone).empty());  // --merge-roots
  const Labeled austin = WithLabels({{"process", "P6360"}}, {});
  CHECK(RootFrames(austin.profile, austin.labels, ProcessRoots::kTid) == std::vector<std::string>{"P6360"});
}

}  // namespace
}  // namespace proflens
