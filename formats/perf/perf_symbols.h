// The symbol table of one DSO as perf builds it, and lookups in it.
//
// perf (tools/perf/util/symbol.c, symbol-elf.c) keeps an ELF file's function
// symbols (STT_FUNC, STT_GNU_IFUNC, and named STT_NOTYPE labels in a text
// section), at file offsets (st_value - section address + section offset),
// each [start, start + size); a symbol of size 0 runs to the next one. Of
// symbols at one address it keeps one: with a size over without, global
// over weak over local, fewer leading underscores, the longer name, then
// the first. kallsyms's symbols (text, weak, data, bss) all have size 0.
// A JIT map (/tmp/perf-PID.map) gives "START SIZE name" lines.
#ifndef PROFLENS_FORMATS_PERF_PERF_SYMBOLS_H_
#define PROFLENS_FORMATS_PERF_PERF_SYMBOLS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gelf.h>
#include <libelf.h>

namespace proflens {

class PerfSymbols {
 public:
  enum Binding : uint8_t { kLocal = 0, kGlobal = 1, kWeak = 2 };

  void Add(uint64_t start, uint64_t size, Binding binding, std::string_view name, bool module = false);
  void Reserve(size_t symbols, size_t name_bytes) {
    symbols_.reserve(symbols);
    names_.reserve(name_bytes);
  }
  // Sorts, drops duplicates, sets the ends of sized-0 symbols (`kallsyms`:
  // perf's rule at a jump between kernel and module symbols).
  void Finish(bool kallsyms);

  // perf's PLT symbols ("malloc@plt"), added after Finish with their sizes:
  // a symbol that ran into the .plt at `plt_offset` ends there.
  void AddPlt(uint64_t plt_offset, const std::vector<std::pair<uint64_t, std::string>>& entries, uint64_t entry_size);

  // The index of the symbol holding `address`, or -1.
  int64_t Find(uint64_t address) const;
  std::string_view name(int64_t i) const { return {names_.data() + symbols_[i].name, symbols_[i].length}; }
  uint64_t start(int64_t i) const { return symbols_[i].start; }
  size_t size() const { return symbols_.size(); }

 private:
  struct Symbol {
    uint64_t start, end;
    uint32_t name, length;  // in names_
    uint32_t order;         // the order added: the tie-break
    Binding binding;
    bool module;
  };
  bool Better(const Symbol& a, const Symbol& b) const;

  std::vector<Symbol> symbols_;
  std::string names_;
};

// An ELF file opened with libelf (mapped), closed with it; get() is null
// when it is not there or not ELF.
class ElfFile {
 public:
  explicit ElfFile(const std::string& path);
  ~ElfFile();
  ElfFile(const ElfFile&) = delete;
  ElfFile& operator=(const ElfFile&) = delete;
  Elf* get() const { return elf_; }

 private:
  int fd_ = -1;
  Elf* elf_ = nullptr;
};

// The section of `elf` named `name` (its header into `shdr`), or null.
Elf_Scn* FindElfSection(Elf* elf, std::string_view name, GElf_Shdr* shdr);

// What an ELF file is to the symbolizer.
struct ElfFacts {
  bool ok = false;          // it opened as ELF
  bool has_symtab = false;  // it has a .symtab (a debug file, an unstripped binary)
  std::string build_id;     // hex, or ""
  std::string debuglink;    // its .gnu_debuglink file name, or ""
};
ElfFacts InspectElf(const std::string& path);

// Reads the function symbols of ELF `symbols_path` (.symtab, else .dynsym)
// into `symbols`, at the file offsets of `runtime_path` (the file that was
// mapped; it may be the same file): each symbol moves by its PT_LOAD's
// p_vaddr - p_offset, as perf moves them. False, with `why`, when they cannot be read.
bool ReadElfSymbols(const std::string& symbols_path, const std::string& runtime_path, PerfSymbols* symbols,
                    std::string* why);

// perf's name of an ELF symbol: demangled (C++, Rust legacy and v0) as perf
// script prints it (libiberty's cplus_demangle, no parameter lists), or as it is.
std::string DemanglePerfSymbol(std::string_view name);

// kallsyms text ("ffffffff81000000 T _text", modules' symbols end in "\t[module]").
void ReadKallsyms(std::string_view text, PerfSymbols* symbols);

// A JIT map's text ("7f0a1c000100 2c LazyCompile:*fib app.js:3").
void ReadPerfMap(std::string_view text, PerfSymbols* symbols);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_SYMBOLS_H_
