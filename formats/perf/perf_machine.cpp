#include "formats/perf/perf_machine.h"

namespace proflens {

namespace {

// Memory perf gives no file: anonymous (JIT code), the heap, the stack.
bool IsAnonymous(std::string_view f) {
  return f == "//anon" || f.starts_with("/dev/zero") || f.starts_with("/anon_hugepage") || f.starts_with("[stack") ||
         f.starts_with("/SYSV") || f == "[heap]";
}

}  // namespace

PerfMachine::PerfMachine() { comms_[0] = "swapper"; }

uint32_t PerfMachine::InternDso(std::string_view name, bool kernel) {
  auto [it, inserted] = dso_ids_.try_emplace(std::string(name), static_cast<uint32_t>(dsos_.size()));
  if (inserted) {
    PerfDso d;
    d.name = std::string(name);
    d.kernel = kernel;
    d.jit_map = name.starts_with("/tmp/perf-") && name.ends_with(".map");
    dsos_.push_back(std::move(d));
  }
  return it->second;
}

void PerfMachine::SetBuildId(std::string_view name, std::string_view build_id) {
  auto it = dso_ids_.find(std::string(name));
  if (it != dso_ids_.end() && dsos_[it->second].build_id.empty()) dsos_[it->second].build_id = std::string(build_id);
}

void PerfMachine::Mmap(int32_t pid, bool kernel, uint64_t start, uint64_t length, uint64_t pgoff,
                       std::string_view filename, bool executable, std::string_view build_id) {
  if (length == 0 || start + length < start) return;
  PerfMap m;
  m.start = start;
  m.end = start + length;
  m.pgoff = pgoff;
  if (kernel) {
    // "[kernel.kallsyms]_text" (pgoff is _text's address) and the modules.
    const bool main = filename.starts_with("[kernel.kallsyms]");
    m.dso = InternDso(main ? std::string_view("[kernel.kallsyms]") : filename, true);
    if (main) {
      kernel_start_ = start;
      m.pgoff = 0;
    }
    if (!build_id.empty()) SetBuildId(dsos_[m.dso].name, build_id);
    Insert(kernel_, m);
    return;
  }
  if (IsAnonymous(filename) && executable) {
    scratch_ = "/tmp/perf-" + std::to_string(pid) + ".map";
    filename = scratch_;
  }
  m.dso = InternDso(filename, false);
  if (!build_id.empty()) SetBuildId(filename, build_id);
  Insert(processes_[static_cast<uint32_t>(pid)], m);
}

void PerfMachine::Insert(Maps& maps, const PerfMap& m) {
  // The parts of old maps the new one overlaps go; what sticks out stays.
  auto it = maps.lower_bound(m.start);
  if (it != maps.begin()) --it;
  std::vector<PerfMap> kept;
  while (it != maps.end() && it->second.start < m.end) {
    const PerfMap old = it->second;
    if (old.end <= m.start) {
      ++it;
      continue;
    }
    it = maps.erase(it);
    if (old.start < m.start) {
      PerfMap left = old;
      left.end = m.start;
      kept.push_back(left);
    }
    if (old.end > m.end) {
      PerfMap right = old;
      right.start = m.end;
      right.pgoff = old.pgoff + (m.end - old.start);
      kept.push_back(right);
    }
  }
  for (const PerfMap& k : kept) maps[k.start] = k;
  maps[m.start] = m;
}

const PerfMap* PerfMachine::Find(const Maps& maps, uint64_t ip) {
  auto it = maps.upper_bound(ip);
  if (it == maps.begin()) return nullptr;
  --it;
  return ip < it->second.end ? &it->second : nullptr;
}

void PerfMachine::Comm(uint32_t /*pid*/, uint32_t tid, std::string_view comm) { comms_[tid] = std::string(comm); }

void PerfMachine::Fork(uint32_t pid, uint32_t ppid, uint32_t tid, uint32_t ptid) {
  // The child gets its parent's name, and a new process a copy of its maps.
  auto parent = comms_.find(ptid);
  if (parent != comms_.end()) {
    comms_[tid] = parent->second;
  } else {
    comms_.erase(tid);
  }
  if (pid != ppid) {
    auto maps = processes_.find(ppid);
    if (maps != processes_.end()) {
      Maps copy = maps->second;
      processes_[pid] = std::move(copy);
    } else {
      processes_.erase(pid);
    }
  }
}

std::string_view PerfMachine::CommOf(uint32_t tid) {
  auto it = comms_.find(tid);
  if (it != comms_.end()) return it->second;
  std::string name = ":";
  name += std::to_string(tid);
  return comms_.emplace(tid, std::move(name)).first->second;
}

const PerfMap* PerfMachine::FindUser(uint32_t pid, uint64_t ip) const {
  auto it = processes_.find(pid);
  return it == processes_.end() ? nullptr : Find(it->second, ip);
}

const PerfMap* PerfMachine::FindKernel(uint64_t ip) const { return Find(kernel_, ip); }

}  // namespace proflens
