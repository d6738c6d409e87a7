// The inlined frames perf script lists at a callchain address.
//
// perf 6.1 as Debian builds it (without libbfd) asks binutils' `addr2line
// -i -f` about each callchain address that has a symbol, one addr2line
// process a DSO, and lists the functions it prints, innermost first; each
// name, demangled, is perf's symbol (its frame printed with the DSO) when
// it equals the address's symbol, else an inlined frame (`name (inlined)`),
// and the list replaces the frame. So the names are addr2line's, read here
// from the DWARF with libdw the way binutils reads it:
//
// - the function at an address is the DW_TAG_subprogram, entry_point or
//   inlined_subroutine of the address's unit with the smallest single
//   address range holding it (the later DIE on a tie), named by its linkage
//   name, else its DW_AT_name, through DW_AT_abstract_origin and
//   DW_AT_specification;
// - its callers are the functions the inlined_subroutine DIEs sit in;
// - the innermost function's name, when it is no linkage name (a C++ or
//   Rust DW_AT_name), is the ELF symbol's at the address the first time
//   that function is the innermost one (binutils then keeps the DWARF name,
//   or the symbol's when the symbol starts where the function does), and
//   so, as in addr2line, the answer depends on the order of the questions:
//   perf asks once an address, in the order of the samples, as this does.
//
// An address in no DWARF function gives nothing (addr2line prints the ELF
// symbol perf prints anyway).
#ifndef PROFLENS_FORMATS_PERF_PERF_INLINE_H_
#define PROFLENS_FORMATS_PERF_PERF_INLINE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "formats/perf/perf_symbolizer.h"

namespace proflens {

class PerfInlines {
 public:
  explicit PerfInlines(PerfSymbolizer& symbolizer);
  ~PerfInlines();
  PerfInlines(const PerfInlines&) = delete;
  PerfInlines& operator=(const PerfInlines&) = delete;

  // What perf lists for `address` (PerfMap::MapIp) in ELF DSO `dso`: the
  // functions addr2line prints, innermost first, demangled as perf
  // demangles them; empty when it lists none (the frame stays as it is).
  const std::vector<std::string>& Lookup(uint32_t dso, uint64_t address);

 private:
  struct File;
  File& Open(uint32_t dso);
  std::vector<std::string> Addr2Line(File& f, uint32_t dso, uint64_t address);

  PerfSymbolizer& symbolizer_;
  std::vector<std::unique_ptr<File>> files_;  // by DSO
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_INLINE_H_
