// The call frame information libdw's unwinder steps by at one address, read
// once and kept by formats/perf/perf_unwind.cpp, so that a sample whose every
// frame has rules of the usual x86_64 form is unwound by table look-ups and
// reads of its stack bytes, without libdw's per-frame work (an FDE search, a
// CFI program run, 17 registers each evaluated, a malloc or two).
//
// The rules are the ones libdw's __libdwfl_frame_unwind (elfutils 0.188)
// applies: the FDE of the frame's module's .eh_frame, else of its
// .debug_frame, at the frame's pc (the sampled one, or a return address less
// one), read with dwarf_cfi_addrframe, dwarf_frame_cfa and
// dwarf_frame_register. Only what decides the next frame is kept: the CFA
// (a register plus an offset) and the rules of rip (the return address),
// rsp and rbp (the registers a CFA can be computed from here). Anything else
// (a CFA or register rule that is a DWARF expression, a CFA by another
// register, a signal trampoline, no FDE at all, where libdw guesses by the
// frame pointer) marks the rule not simple, and the sample is unwound by
// libdw whole.
#ifndef PROFLENS_FORMATS_PERF_PERF_UNWIND_RULES_H_
#define PROFLENS_FORMATS_PERF_PERF_UNWIND_RULES_H_

#include <elfutils/libdwfl.h>

#include <cstdint>

namespace proflens {

// DWARF's numbers of the x86_64 registers the fast path follows.
enum : uint8_t { kDwarfRbp = 6, kDwarfRsp = 7, kDwarfRip = 16 };

struct PerfCfiRule {
  // How the caller's value of a register is found (libdw's rules, as
  // dwarf_frame_register gives them).
  enum class Kind : uint8_t {
    kUndefined,  // unknown: the caller has none (for rip: the stack ends)
    kSame,       // the callee's value, when it has one
    kAt,         // the 8 bytes at CFA + offset
    kValue,      // CFA + offset itself
    kOther,      // another rule (an expression, another register): not simple
  };
  struct Reg {
    Kind kind = Kind::kOther;
    int64_t offset = 0;
  };

  // Whether libdw's module at the look-up address is the frame's (else
  // nothing below is known: libdw would look in another file).
  bool known = false;
  // Whether libdw would treat this frame or its caller as a signal
  // trampoline's (an activation, printed and looked up differently).
  bool signal = false;
  // Whether the rules below are all the next frame needs: the CFA is rsp or
  // rbp plus an offset, rip is kAt or kUndefined, rsp and rbp are not kOther.
  bool simple = false;
  uint8_t cfa_reg = 0;
  int64_t cfa_offset = 0;
  Reg rip, rsp, rbp;
};

// The rules libdw's unwinder applies to the frame at `pc` of a Dwfl whose
// module holding `pc` is reported: `initial` for the sampled frame (looked up
// at pc), else a return address (looked up at pc - 1, and also a signal
// trampoline's when the FDE at pc itself is one, as perf_unwind.cpp prints it).
// `module` is the frame's module, which must hold the look-up address too.
PerfCfiRule ReadPerfCfiRule(Dwfl* dwfl, Dwfl_Module* module, Dwarf_Addr pc, bool initial);

// Whether the FDE at `pc` (in .eh_frame, else .debug_frame) is a signal
// trampoline's (its CIE's augmentation "S").
bool PerfSignalTrampoline(Dwfl* dwfl, Dwarf_Addr pc);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_UNWIND_RULES_H_
