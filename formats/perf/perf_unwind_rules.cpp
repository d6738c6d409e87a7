#include "formats/perf/perf_unwind_rules.h"

#include <dwarf.h>
#include <elfutils/libdw.h>

#include <cstdlib>

namespace proflens {

namespace {

using Kind = PerfCfiRule::Kind;

// A register's rule from the ops dwarf_frame_register gives: none with ops
// at ops_mem is undefined, none with null ops the same value, and CFA-relative
// ones are [call_frame_cfa, (plus_uconst N), (stack_value)], which libdw's
// expr_eval reads as CFA + N (a location to read 8 bytes at, unless a stack
// value). Any other ops are left to libdw.
PerfCfiRule::Reg RegisterRule(Dwarf_Frame* frame, int regno) {
  Dwarf_Op ops_mem[3];
  Dwarf_Op* ops = nullptr;
  size_t nops = 0;
  PerfCfiRule::Reg reg;
  if (dwarf_frame_register(frame, regno, ops_mem, &ops, &nops) != 0) return reg;
  if (nops == 0) {
    if (ops == ops_mem) reg.kind = Kind::kUndefined;
    if (ops == nullptr) reg.kind = Kind::kSame;
    return reg;
  }
  if (ops[0].atom != DW_OP_call_frame_cfa) return reg;
  size_t i = 1;
  if (i < nops && ops[i].atom == DW_OP_plus_uconst) reg.offset = static_cast<int64_t>(ops[i++].number);
  bool value = false;
  if (i < nops && ops[i].atom == DW_OP_stack_value) {
    value = true;
    ++i;
  }
  if (i == nops) reg.kind = value ? Kind::kValue : Kind::kAt;
  return reg;
}

// The CFA when it is rsp or rbp plus an offset (the bregx dwarf_frame_cfa
// gives for a register-and-offset CFA, or a one-op breg expression).
bool CfaRule(Dwarf_Frame* frame, PerfCfiRule* rule) {
  Dwarf_Op* ops = nullptr;
  size_t nops = 0;
  if (dwarf_frame_cfa(frame, &ops, &nops) != 0 || nops != 1) return false;
  uint64_t reg = 0, offset = 0;
  if (ops[0].atom == DW_OP_bregx) {
    reg = ops[0].number;
    offset = ops[0].number2;
  } else if (ops[0].atom >= DW_OP_breg0 && ops[0].atom <= DW_OP_breg31) {
    reg = ops[0].atom - DW_OP_breg0;
    offset = ops[0].number;
  } else {
    return false;
  }
  if (reg != kDwarfRbp && reg != kDwarfRsp) return false;
  rule->cfa_reg = static_cast<uint8_t>(reg);
  rule->cfa_offset = static_cast<int64_t>(offset);
  return true;
}

// The FDE's frame at `address` (absolute), as __libdwfl_frame_unwind finds
// it: .eh_frame first, then .debug_frame when .eh_frame has none for it.
Dwarf_Frame* FrameAt(Dwfl_Module* module, Dwarf_Addr address) {
  Dwarf_Addr bias = 0;
  Dwarf_Frame* frame = nullptr;
  Dwarf_CFI* eh = dwfl_module_eh_cfi(module, &bias);
  if (eh != nullptr && dwarf_cfi_addrframe(eh, address - bias, &frame) == 0) return frame;
  Dwarf_CFI* dwarf = dwfl_module_dwarf_cfi(module, &bias);
  if (dwarf != nullptr && dwarf_cfi_addrframe(dwarf, address - bias, &frame) == 0) return frame;
  return nullptr;
}

}  // namespace

bool PerfSignalTrampoline(Dwfl* dwfl, Dwarf_Addr pc) {
  Dwfl_Module* mod = dwfl_addrmodule(dwfl, pc);
  if (mod == nullptr) return false;
  Dwarf_Addr bias = 0;
  Dwarf_CFI* cfi = dwfl_module_eh_cfi(mod, &bias);
  if (cfi == nullptr) cfi = dwfl_module_dwarf_cfi(mod, &bias);
  Dwarf_Frame* frame = nullptr;
  if (cfi == nullptr || dwarf_cfi_addrframe(cfi, pc - bias, &frame) != 0) return false;
  bool signal = false;
  dwarf_frame_info(frame, nullptr, nullptr, &signal);
  free(frame);
  return signal;
}

PerfCfiRule ReadPerfCfiRule(Dwfl* dwfl, Dwfl_Module* module, Dwarf_Addr pc, bool initial) {
  PerfCfiRule rule;
  if (!initial && PerfSignalTrampoline(dwfl, pc)) rule.signal = true;
  const Dwarf_Addr lookup = initial ? pc : pc - 1;
  // Another module at the look-up address (pc at a module's first byte): left to libdw.
  if (dwfl_addrmodule(dwfl, lookup) != module) return rule;
  rule.known = true;
  Dwarf_Frame* frame = FrameAt(module, lookup);
  if (frame == nullptr) return rule;  // libdw guesses by the frame pointer
  bool signal = false;
  const int ra = dwarf_frame_info(frame, nullptr, nullptr, &signal);
  rule.signal |= signal;
  rule.rip = RegisterRule(frame, kDwarfRip);
  rule.rsp = RegisterRule(frame, kDwarfRsp);
  rule.rbp = RegisterRule(frame, kDwarfRbp);
  const bool cfa = CfaRule(frame, &rule);
  free(frame);
  rule.simple = cfa && ra == kDwarfRip && !rule.signal &&
                (rule.rip.kind == Kind::kAt || rule.rip.kind == Kind::kUndefined) && rule.rsp.kind != Kind::kOther &&
                rule.rbp.kind != Kind::kOther;
  return rule;
}

}  // namespace proflens
