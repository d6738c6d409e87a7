// What perf script knows of the recorded machine as it goes through the
// records: each thread's process name (COMM, inherited at FORK; ":TID" for a
// thread nothing named, "swapper" for the idle thread) and each process's
// memory maps (MMAP/MMAP2, copied to a child at FORK; a new map replaces the
// overlapped parts of the old ones), and the kernel's maps.
#ifndef PROFLENS_FORMATS_PERF_PERF_MACHINE_H_
#define PROFLENS_FORMATS_PERF_PERF_MACHINE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace proflens {

// A mapped file (a DSO) as perf names it: the recorded path, "[kernel.kallsyms]",
// "[vdso]", "/tmp/perf-PID.map" for anonymous executable memory (JIT code).
struct PerfDso {
  std::string name;
  std::string build_id;  // hex, when the MMAP2 record or the header gave one
  bool kernel = false;   // the kernel or one of its modules
  bool jit_map = false;  // /tmp/perf-PID.map: addresses are absolute
};

struct PerfMap {
  uint64_t start = 0, end = 0, pgoff = 0;
  uint32_t dso = 0;
  // The address perf prints for `ip` in this map (and looks its symbol up by).
  // (The kernel's and JIT maps are identity maps: perf prints their addresses as they are.)
  uint64_t MapIp(uint64_t ip, const PerfDso& d) const { return d.jit_map || d.kernel ? ip : ip - start + pgoff; }
};

// The entry of DSO `dso` in a table kept by DSO id, made (empty) on first use.
template <typename T>
T& PerDso(std::vector<std::unique_ptr<T>>& table, uint32_t dso) {
  if (table.size() <= dso) table.resize(dso + 1);
  if (!table[dso]) table[dso] = std::make_unique<T>();
  return *table[dso];
}

class PerfMachine {
 public:
  PerfMachine();

  // pid -1 (or the kernel cpu mode): the kernel's maps.
  void Mmap(int32_t pid, bool kernel, uint64_t start, uint64_t length, uint64_t pgoff, std::string_view filename,
            bool executable, std::string_view build_id);
  void Comm(uint32_t pid, uint32_t tid, std::string_view comm);
  void Fork(uint32_t pid, uint32_t ppid, uint32_t tid, uint32_t ptid);

  // The thread's process name as perf script prints it.
  std::string_view CommOf(uint32_t tid);
  // The map of `ip` in process `pid`, or in the kernel; null when none holds it.
  const PerfMap* FindUser(uint32_t pid, uint64_t ip) const;
  const PerfMap* FindKernel(uint64_t ip) const;
  // Whether `ip` is a kernel address (perf looks an unmapped user ip up in the kernel then).
  bool IsKernelIp(uint64_t ip) const { return ip >= kernel_start_; }

  const PerfDso& dso(uint32_t id) const { return dsos_[id]; }
  size_t dso_count() const { return dsos_.size(); }
  uint32_t InternDso(std::string_view name, bool kernel);
  // Sets a DSO's build id from the header (by its name).
  void SetBuildId(std::string_view name, std::string_view build_id);

 private:
  using Maps = std::map<uint64_t, PerfMap>;  // by start
  static void Insert(Maps& maps, const PerfMap& m);
  static const PerfMap* Find(const Maps& maps, uint64_t ip);

  std::vector<PerfDso> dsos_;
  std::unordered_map<std::string, uint32_t> dso_ids_;
  std::unordered_map<uint32_t, Maps> processes_;  // by pid
  Maps kernel_;
  uint64_t kernel_start_ = uint64_t{1} << 63;
  std::unordered_map<uint32_t, std::string> comms_;  // by tid
  std::string scratch_;
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_MACHINE_H_
