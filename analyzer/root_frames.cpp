#include "analyzer/root_frames.h"

#include <algorithm>

namespace proflens {

std::string PerfProcessFrame(const Profile& p, LabelSetId labels, ProcessRoots mode) {
  if (mode == ProcessRoots::kNone) return "";
  std::string comm, pid = "?", tid;
  bool has = false;
  for (const Label& l : p.LabelsOf(labels)) {
    std::string_view key = p.str(l.key);
    if (key == kCommLabel) {
      comm = p.str(l.str);
      has = true;
    } else if (key == kPidLabel) {
      pid = std::to_string(l.num);
    } else if (key == kTidLabel) {
      tid = std::to_string(l.num);
    }
  }
  if (!has) return "";
  if (mode == ProcessRoots::kTid) {
    comm += "-" + pid + "/" + tid;
  } else if (mode == ProcessRoots::kPid) {
    comm += "-" + pid;
  }
  std::replace(comm.begin(), comm.end(), ' ', '_');
  return comm;
}

std::vector<std::string> RootFrames(const Profile& p, LabelSetId labels, ProcessRoots mode) {
  std::vector<std::string> roots;
  if (mode == ProcessRoots::kNone) return roots;
  std::string process, thread;
  for (const Label& l : p.LabelsOf(labels)) {
    std::string_view key = p.str(l.key);
    if (key == kProcessFrameLabel) process = p.str(l.str);
    if (key == kThreadFrameLabel) thread = p.str(l.str);
  }
  if (!process.empty()) roots.push_back(std::move(process));
  if (!thread.empty()) roots.push_back(std::move(thread));
  if (std::string perf = PerfProcessFrame(p, labels, mode); !perf.empty()) roots.push_back(std::move(perf));
  return roots;
}

}  // namespace proflens
