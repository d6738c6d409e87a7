// DWARF unwinding of `perf record --call-graph dwarf` samples, as perf
// script unwinds them: from each sample's user registers and the bytes of
// user stack it copied, with the call frame information (.eh_frame,
// .debug_frame) of the files mapped in the process at that moment.
//
// elfutils' libdw does the unwinding (its Dwfl API: dwfl_attach_state with
// callbacks that give the sampled registers and read the sampled stack or
// the mapped files, then dwfl_getthread_frames), as perf's unwind-libdw.c
// does. One Dwfl is kept per process and told of each mapped file once (perf
// makes one a sample), and made again when the process maps another file
// where one was. Most samples do not need libdw's work for every frame:
// the CFI rules of each address are read from libdw once (perf_unwind_rules.h)
// and, when every frame of a sample has rules of the usual form, the sample is
// unwound by them from its registers and stack bytes, stepping as libdw
// would; any other sample is unwound by libdw whole. The frames are perf's: the sampled ip, then each caller's
// return address less one (the call's last byte), at most `max` of them.
// Unwinding stops after a frame whose file perf's libunwind (Debian's perf
// 6.1 unwinds with it) finds no CFI in: no .eh_frame_hdr (it does not read
// .eh_frame without one) and no .debug_frame, or no file at all (JIT code).
//
// x86_64 only (the register numbering of perf_regs.h); other machines' samples
// are given their sampled ip alone.
#ifndef PROFLENS_FORMATS_PERF_PERF_UNWIND_H_
#define PROFLENS_FORMATS_PERF_PERF_UNWIND_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "formats/perf/perf_data_records.h"
#include "formats/perf/perf_machine.h"
#include "formats/perf/perf_symbolizer.h"
#include "formats/perf/perf_unwind_rules.h"

namespace proflens {

class PerfUnwinder {
 public:
  // The symbolizer finds each DSO's files: the mapped one (its CFI and
  // bytes) and the one its symbols came from.
  PerfUnwinder(const PerfMachine& machine, PerfSymbolizer& symbolizer);
  ~PerfUnwinder();
  PerfUnwinder(const PerfUnwinder&) = delete;
  PerfUnwinder& operator=(const PerfUnwinder&) = delete;

  // Appends the user frames of sample `s` (of an event whose sample_regs_user
  // is `regs_mask`) to `ips`, the sampled ip first. False when the sample has
  // no user registers or stack to unwind (a kernel thread's sample).
  bool Unwind(const PerfSample& s, uint64_t regs_mask, size_t max, std::vector<uint64_t>* ips);

  // For tests: every sample the cached rules unwind is unwound by libdw too,
  // and counted in mismatches() when the frames differ.
  void set_check(bool check) { check_ = check; }

  uint64_t unwound() const { return unwound_; }
  uint64_t unwound_by_rules() const { return by_rules_; }
  uint64_t mismatches() const { return mismatches_; }

 private:
  struct Process;
  struct Sampled;
  struct RuleKey {
    uint32_t dso;
    bool initial;
    uint64_t address;  // in the DSO's file (the frame's pc less its map's start - pgoff)
    bool operator==(const RuleKey&) const = default;
  };
  struct RuleKeyHash {
    size_t operator()(const RuleKey& k) const;
  };
  struct CachedRule {
    PerfCfiRule rule;
    bool unwindable = false;  // the DSO's (Unwindable)
  };
  void UnwindByLibdw(const PerfSample& s, uint64_t regs_mask, uint64_t ip, uint64_t sp, size_t max,
                     std::vector<uint64_t>* ips);
  bool UnwindByRules(const PerfSample& s, uint64_t regs_mask, uint64_t ip, uint64_t sp, size_t max,
                     std::vector<uint64_t>* ips);
  const CachedRule* RuleAt(uint32_t pid, const PerfMap& m, uint64_t pc, bool initial);
  Process& ProcessOf(uint32_t pid);
  bool Report(Process& p, uint64_t ip, bool* unwindable);
  bool Unwindable(uint32_t dso);
  bool ReadMemory(uint32_t pid, const PerfSample& s, uint64_t sp, uint64_t address, uint64_t* value);
  void CloseFiles();

  const PerfMachine& machine_;
  PerfSymbolizer& symbolizer_;
  std::unordered_map<uint32_t, bool> unwindable_;  // by DSO: whether perf's libunwind finds its CFI
  std::unordered_map<uint32_t, std::unique_ptr<Process>> processes_;  // by pid
  std::unordered_map<uint32_t, int> fds_;                             // by DSO: its file, open for reads
  std::unordered_map<RuleKey, CachedRule, RuleKeyHash> rules_;
  std::vector<uint64_t> checked_;  // check_: libdw's frames of a sample
  bool check_ = false;
  uint64_t unwound_ = 0, by_rules_ = 0, mismatches_ = 0;
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_UNWIND_H_
