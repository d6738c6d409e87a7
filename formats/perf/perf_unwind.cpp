#include "formats/perf/perf_unwind.h"

#include <elfutils/libdwfl.h>
#include <fcntl.h>
#include <gelf.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "analyzer/hash.h"
#include "formats/perf/perf_symbols.h"

namespace proflens {

namespace {

// perf_regs.h's numbering of the x86 registers (the bits of sample_regs_user).
enum : int { kAx = 0, kBx = 1, kCx = 2, kDx = 3, kSi = 4, kDi = 5, kBp = 6, kSp = 7, kIp = 8, kR8 = 16 };
// PERF_SAMPLE_REGS_ABI_64.
constexpr uint64_t kAbi64 = 2;
constexpr size_t kMaxProcesses = 256;  // Dwfls kept
constexpr size_t kMaxFiles = 256;      // files kept open for reads outside the stack
constexpr size_t kMaxRules = size_t{1} << 20;  // addresses whose rules are kept
// The registers in DWARF's x86_64 order (rax rdx rcx rbx rsi rdi rbp rsp r8-r15 rip), as perf sets them.
constexpr int kDwarfOrder[17] = {kAx, kDx, kCx, kBx, kSi, kDi, kBp, kSp, kR8, kR8 + 1, kR8 + 2, kR8 + 3,
                                 kR8 + 4, kR8 + 5, kR8 + 6, kR8 + 7, kIp};

bool Reg(const PerfSample& s, uint64_t mask, int r, uint64_t* value) {
  if (((mask >> r) & 1) == 0) return false;
  const size_t at = 8 * static_cast<size_t>(std::popcount(mask & ((uint64_t{1} << r) - 1)));
  if (at + 8 > s.regs_user.size()) return false;
  std::memcpy(value, s.regs_user.data() + at, 8);
  return true;
}

// No separate debug file is looked for: the CFI is the mapped file's own
// (.eh_frame, else its .debug_frame), as perf's libunwind reads it, and a
// debug file's DWARF is not decompressed a second time (the inlined frames
// read it once).
int NoDebuginfo(Dwfl_Module* /*mod*/, void** /*userdata*/, const char* /*modname*/, Dwarf_Addr /*base*/,
                const char* /*file_name*/, const char* /*debuglink_file*/, GElf_Word /*debuglink_crc*/,
                char** /*debuginfo_file_name*/) {
  return -1;
}
char* g_debuginfo_path = nullptr;
// The files are reported by path (dwfl_report_elf), as perf reports them.
const Dwfl_Callbacks kOfflineCallbacks = {nullptr, NoDebuginfo, dwfl_offline_section_address, &g_debuginfo_path};

}  // namespace

// The sample being unwound, as the callbacks see it.
struct PerfUnwinder::Sampled {
  const PerfSample* sample = nullptr;
  uint64_t regs_mask = 0, sp = 0;
  std::vector<uint64_t>* ips = nullptr;
  size_t first = 0, max = 0;  // where this sample's frames start in ips, and may end
};

struct PerfUnwinder::Process {
  PerfUnwinder* owner = nullptr;
  uint32_t pid = 0;
  Dwfl* dwfl = nullptr;
  bool attached = false;
  bool stale = false;  // a file is mapped where another was reported: made again
  std::unordered_map<Dwfl_Module*, std::pair<uint32_t, uint64_t>> modules;  // -> (DSO, load base)
  Sampled now;

  ~Process() {
    if (dwfl != nullptr) dwfl_end(dwfl);
  }

  static pid_t NextThread(Dwfl* dwfl, void* arg, void** thread_arg) {
    if (*thread_arg != nullptr) return 0;  // one thread: the sampled one
    *thread_arg = arg;
    return dwfl_pid(dwfl);
  }

  static bool MemoryRead(Dwfl* /*dwfl*/, Dwarf_Addr address, Dwarf_Word* result, void* arg) {
    Process& p = *static_cast<Process*>(arg);
    uint64_t value = 0;
    if (!p.owner->ReadMemory(p.pid, *p.now.sample, p.now.sp, address, &value)) return false;
    *result = value;
    return true;
  }

  static bool SetInitialRegisters(Dwfl_Thread* thread, void* arg) {
    const Sampled& now = static_cast<Process*>(arg)->now;
    Dwarf_Word regs[17];
    for (int i = 0; i < 17; ++i) {
      uint64_t v = 0;
      if (!Reg(*now.sample, now.regs_mask, kDwarfOrder[i], &v)) return false;
      regs[i] = v;
    }
    return dwfl_thread_state_registers(thread, 0, 17, regs);
  }

  static int Frame(Dwfl_Frame* state, void* arg) {
    Process& p = *static_cast<Process*>(arg);
    Dwarf_Addr pc = 0;
    bool activation = false;
    if (!dwfl_frame_pc(state, &pc, nullptr)) return DWARF_CB_ABORT;
    // The file of this frame, before its caller is looked for.
    bool unwindable = false;
    p.owner->Report(p, pc, &unwindable);
    if (p.stale || !dwfl_frame_pc(state, &pc, &activation)) return DWARF_CB_ABORT;
    // A return address: the call is the byte before. libdw also counts a
    // signal trampoline's frame as an activation; perf's libunwind does
    // not (only the frame the signal interrupted), and takes a byte off.
    const bool initial = p.now.ips->size() == p.now.first;
    if (!activation || (!initial && PerfSignalTrampoline(p.dwfl, pc))) --pc;
    p.now.ips->push_back(pc);
    // perf's libunwind lists this frame but cannot step past it without CFI.
    return !unwindable || p.now.ips->size() >= p.now.max ? DWARF_CB_ABORT : DWARF_CB_OK;
  }
};

PerfUnwinder::PerfUnwinder(const PerfMachine& machine, PerfSymbolizer& symbolizer)
    : machine_(machine), symbolizer_(symbolizer) {}

PerfUnwinder::~PerfUnwinder() { CloseFiles(); }

void PerfUnwinder::CloseFiles() {
  for (const auto& [dso, fd] : fds_) {
    if (fd >= 0) close(fd);
  }
  fds_.clear();
}

PerfUnwinder::Process& PerfUnwinder::ProcessOf(uint32_t pid) {
  // Memory bounded on a capture of every process on a machine: past
  // kMaxProcesses, the Dwfls are made again as processes are met.
  if (processes_.size() >= kMaxProcesses && processes_.count(pid) == 0) processes_.clear();
  std::unique_ptr<Process>& p = processes_[pid];
  if (!p) {
    p = std::make_unique<Process>();
    p->owner = this;
    p->pid = pid;
    p->dwfl = dwfl_begin(&kOfflineCallbacks);
  }
  return *p;
}

// Whether perf's libunwind finds CFI for `dso`: an .eh_frame_hdr in the
// mapped file, or a .debug_frame in it or in the file of its symbols.
bool PerfUnwinder::Unwindable(uint32_t dso) {
  auto [it, inserted] = unwindable_.try_emplace(dso, false);
  if (!inserted) return it->second;
  auto has = [](const std::string& path, const char* section) {
    if (path.empty()) return false;
    ElfFile file(path);
    GElf_Shdr shdr;
    return FindElfSection(file.get(), section, &shdr) != nullptr;
  };
  const std::string& runtime = symbolizer_.ElfPath(dso);
  const std::string& symbols = symbolizer_.SymbolsPath(dso);
  it->second = has(runtime, ".eh_frame_hdr") || has(runtime, ".debug_frame") || has(symbols, ".debug_frame");
  return it->second;
}

// Tells the process's Dwfl of the file mapped at `ip` (once): true when it
// knows it; `unwindable` says whether perf could step past a frame there.
bool PerfUnwinder::Report(Process& p, uint64_t ip, bool* unwindable) {
  *unwindable = false;
  const PerfMap* m = machine_.FindUser(p.pid, ip);
  if (m == nullptr || p.dwfl == nullptr) return false;
  *unwindable = Unwindable(m->dso);
  const uint64_t base = m->start - m->pgoff;
  Dwfl_Module* mod = dwfl_addrmodule(p.dwfl, ip);
  if (mod != nullptr) {
    auto it = p.modules.find(mod);
    if (it != p.modules.end() && it->second == std::make_pair(m->dso, base)) return true;
    p.stale = true;  // another file was reported here: the process's Dwfl is made again
    return false;
  }
  const std::string& path = symbolizer_.ElfPath(m->dso);
  if (path.empty()) return false;
  dwfl_report_begin_add(p.dwfl);
  mod = dwfl_report_elf(p.dwfl, machine_.dso(m->dso).name.c_str(), path.c_str(), -1, base, false);
  dwfl_report_end(p.dwfl, nullptr, nullptr);
  if (mod == nullptr) return false;
  p.modules[mod] = {m->dso, base};
  return dwfl_addrmodule(p.dwfl, ip) == mod;
}

// 8 bytes at `address`: from the sampled stack, else from the file mapped there (as perf reads them).
bool PerfUnwinder::ReadMemory(uint32_t pid, const PerfSample& s, uint64_t sp, uint64_t address, uint64_t* value) {
  const std::string_view stack = s.stack_user;
  if (address + 8 < address) return false;
  if (address >= sp && address + 8 <= sp + stack.size()) {
    std::memcpy(value, stack.data() + (address - sp), 8);
    return true;
  }
  const PerfMap* m = machine_.FindUser(pid, address);
  if (m == nullptr) return false;
  if (fds_.size() >= kMaxFiles && fds_.count(m->dso) == 0) CloseFiles();
  auto [it, inserted] = fds_.try_emplace(m->dso, -1);
  if (inserted) {
    const std::string& path = symbolizer_.ElfPath(m->dso);
    if (!path.empty()) it->second = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (it->second < 0) return false;
  return pread(it->second, value, 8, static_cast<off_t>(address - m->start + m->pgoff)) == 8;
}

size_t PerfUnwinder::RuleKeyHash::operator()(const RuleKey& k) const {
  return HashMix(k.address * 0x9e3779b97f4a7c15ULL ^ (uint64_t{k.dso} << 1) ^ k.initial);
}

bool PerfUnwinder::Unwind(const PerfSample& s, uint64_t regs_mask, size_t max, std::vector<uint64_t>* ips) {
  uint64_t ip = 0, sp = 0;
  if (s.regs_abi != kAbi64 || s.stack_user.empty() || max == 0) return false;
  if (!Reg(s, regs_mask, kIp, &ip) || !Reg(s, regs_mask, kSp, &sp)) return false;
  const size_t first = ips->size();
  if (UnwindByRules(s, regs_mask, ip, sp, max, ips)) {
    ++by_rules_;
    if (check_) {
      checked_.clear();
      UnwindByLibdw(s, regs_mask, ip, sp, max, &checked_);
      if (!std::equal(ips->begin() + static_cast<ptrdiff_t>(first), ips->end(), checked_.begin(), checked_.end())) {
        ++mismatches_;
      }
    }
  } else {
    ips->resize(first);
    UnwindByLibdw(s, regs_mask, ip, sp, max, ips);
  }
  ++unwound_;
  return true;
}

// The rules of the frame at `pc` (in map `m` of process `pid`), read from
// libdw the first time; null when libdw could not be asked (no file to report
// for it), and the sample goes to libdw.
const PerfUnwinder::CachedRule* PerfUnwinder::RuleAt(uint32_t pid, const PerfMap& m, uint64_t pc, bool initial) {
  const uint64_t base = m.start - m.pgoff;
  const RuleKey key{m.dso, initial, pc - base};
  auto it = rules_.find(key);
  if (it != rules_.end()) return &it->second;
  for (int attempt = 0; attempt < 2; ++attempt) {
    Process& p = ProcessOf(pid);
    CachedRule cached;
    if (Report(p, pc, &cached.unwindable)) {
      cached.rule = ReadPerfCfiRule(p.dwfl, dwfl_addrmodule(p.dwfl, pc), pc, initial);
      // Memory bounded: a rule an address, at most kMaxRules kept.
      if (rules_.size() >= kMaxRules) rules_.clear();
      return &rules_.emplace(key, cached).first->second;
    }
    if (!p.stale) return nullptr;
    processes_.erase(pid);  // another file was reported where this one is mapped: a fresh Dwfl
  }
  return nullptr;
}

// The frames libdw's unwinder gives (UnwindByLibdw), computed from the rules
// of each frame's address alone: true when every frame's rules were simple
// enough, else false with `ips` holding a part (the caller unwinds again).
// Each step is libdw's handle_cfi (elfutils 0.188) restricted to what
// decides the next frame: the CFA from rsp or rbp, the return address read
// at it (undefined, unreadable or 0: the stack ends), the caller's rsp and
// rbp (unset when undefined, unreadable, or the same as an unset one; a CFA
// from an unset register ends the stack).
bool PerfUnwinder::UnwindByRules(const PerfSample& s, uint64_t regs_mask, uint64_t ip, uint64_t sp, size_t max,
                                 std::vector<uint64_t>* ips) {
  // libdw is given all 17 registers or none (SetInitialRegisters).
  uint64_t bp = 0;
  for (const int r : kDwarfOrder) {
    if (!Reg(s, regs_mask, r, &bp)) return false;
  }
  Reg(s, regs_mask, kBp, &bp);
  const uint64_t sampled_sp = sp;
  bool sp_set = true, bp_set = true;
  const size_t end = ips->size() + max;
  uint64_t pc = ip;
  using Kind = PerfCfiRule::Kind;
  for (bool initial = true;; initial = false) {
    const PerfMap* m = machine_.FindUser(s.pid, pc);
    if (m == nullptr) {
      // The sampled ip is listed alone; a caller's is printed as libdw decides.
      if (!initial) return false;
      ips->push_back(pc);
      return true;
    }
    const CachedRule* cached = RuleAt(s.pid, *m, pc, initial);
    if (cached == nullptr) return false;
    const PerfCfiRule& r = cached->rule;
    // A caller's frame is its return address less one, unless libdw would
    // look it up elsewhere or take it for a signal trampoline's.
    if (!initial && (!r.known || r.signal)) return false;
    ips->push_back(initial ? pc : pc - 1);
    if (!cached->unwindable || ips->size() >= end) return true;
    if (!r.simple) return false;
    // The caller's registers, from this frame's.
    if (r.rip.kind == Kind::kUndefined) return true;
    if (!(r.cfa_reg == kDwarfRsp ? sp_set : bp_set)) return true;
    const uint64_t cfa = (r.cfa_reg == kDwarfRsp ? sp : bp) + static_cast<uint64_t>(r.cfa_offset);
    uint64_t ra = 0;
    if (!ReadMemory(s.pid, s, sampled_sp, cfa + static_cast<uint64_t>(r.rip.offset), &ra) || ra == 0) return true;
    auto caller = [&](const PerfCfiRule::Reg& rule, uint64_t* value, bool* set) {
      switch (rule.kind) {
        case Kind::kUndefined: *set = false; break;
        case Kind::kSame: break;
        case Kind::kAt: *set = ReadMemory(s.pid, s, sampled_sp, cfa + static_cast<uint64_t>(rule.offset), value); break;
        case Kind::kValue: *value = cfa + static_cast<uint64_t>(rule.offset), *set = true; break;
        case Kind::kOther: break;  // not simple: never here
      }
    };
    caller(r.rsp, &sp, &sp_set);
    caller(r.rbp, &bp, &bp_set);
    pc = ra;
  }
}

void PerfUnwinder::UnwindByLibdw(const PerfSample& s, uint64_t regs_mask, uint64_t ip, uint64_t sp, size_t max,
                                 std::vector<uint64_t>* ips) {
  static const Dwfl_Thread_Callbacks kThreadCallbacks = {Process::NextThread, nullptr, Process::MemoryRead,
                                                         Process::SetInitialRegisters, nullptr, nullptr};
  const size_t first = ips->size();
  for (int attempt = 0; attempt < 2; ++attempt) {
    Process& p = ProcessOf(s.pid);
    p.now = {&s, regs_mask, sp, ips, first, first + max};
    bool unwindable = false;
    const bool known = Report(p, ip, &unwindable);
    if (!p.attached && known) p.attached = dwfl_attach_state(p.dwfl, nullptr, static_cast<pid_t>(s.pid), &kThreadCallbacks, &p);
    if (p.attached && !p.stale) dwfl_getthread_frames(p.dwfl, static_cast<pid_t>(s.pid), Process::Frame, &p);
    if (!p.stale) break;
    // The process maps another file where a reported one was: a fresh Dwfl, and again.
    ips->resize(first);
    processes_.erase(s.pid);
  }
  // perf's first frame is the sampled ip, whatever the unwinding gives after it.
  if (ips->size() == first) ips->push_back(ip);
}

}  // namespace proflens
