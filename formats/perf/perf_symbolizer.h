// Names the addresses of a perf capture in-process, as perf script does:
// each DSO's ELF symbols (.symtab, else .dynsym; libelf) found in perf's
// build-id cache (~/.debug/.build-id/xx/rest/elf, the copy perf record
// keeps), at the recorded path (under --symfs DIR when given); the kernel's
// from the cached kallsyms of its build id, or /proc/kallsyms when the
// running kernel is the recorded one; JIT code from /tmp/perf-PID.map. C++
// and Rust names are demangled as perf prints them (libiberty's
// cplus_demangle without parameters). Each DSO is loaded once, on its first
// address, and each (DSO, address) looked up once.
#ifndef PROFLENS_FORMATS_PERF_PERF_SYMBOLIZER_H_
#define PROFLENS_FORMATS_PERF_PERF_SYMBOLIZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "formats/perf/perf_machine.h"
#include "formats/perf/perf_symbols.h"

namespace proflens {

struct PerfSymbolizeOptions {
  std::string symfs;      // --symfs DIR: the root recorded paths are looked up under ("" = /)
  std::string debug_dir;  // perf's build-id cache; "" = $HOME/.debug
  std::string kallsyms = "/proc/kallsyms";
};

class PerfSymbolizer {
 public:
  PerfSymbolizer(PerfSymbolizeOptions options, const PerfMachine& machine);
  ~PerfSymbolizer();

  // The symbol perf script prints for `address` (PerfMap::MapIp) in DSO
  // `dso`, demangled; "" when none holds it.
  std::string_view Symbol(uint32_t dso, uint64_t address);

  // The symbol holding `address` as the ELF file names it (not demangled),
  // and its start; "" when none.
  std::string_view RawSymbol(uint32_t dso, uint64_t address, uint64_t* start);

  // The ELF file found for `dso` as it was mapped (its code, CFI and
  // segments), and the one its symbols came from (the debug file when there
  // is one); "" for the kernel, JIT maps and files not found.
  const std::string& ElfPath(uint32_t dso);
  const std::string& SymbolsPath(uint32_t dso);

  // The DSOs whose symbols could not be read, and why: "/tmp/a.out (not found or not ELF)".
  std::vector<std::string> Unreadable() const;

 private:
  struct Loaded;
  Loaded& Load(uint32_t dso);
  bool LoadKernel(const PerfDso& d, Loaded& l);
  bool LoadElf(const PerfDso& d, Loaded& l);
  std::string BuildIdPath(std::string_view build_id) const;

  PerfSymbolizeOptions options_;
  const PerfMachine& machine_;
  std::vector<std::unique_ptr<Loaded>> loaded_;  // by DSO id
};

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_SYMBOLIZER_H_
