#include "formats/perf/perf_inline.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <gelf.h>

#include <algorithm>

#include "formats/perf/perf_symbols.h"

namespace proflens {

namespace {

constexpr int kMaxDepth = 512;      // DIE nesting followed
constexpr int kMaxInlineNest = 1024;  // perf's MAX_INLINE_NEST

// binutils' mangle_style() == 0: a DW_AT_name in these languages is a linkage name.
bool PlainNames(int lang) {
  switch (lang) {
    case DW_LANG_C89: case DW_LANG_C: case DW_LANG_Cobol74: case DW_LANG_Cobol85: case DW_LANG_Fortran77:
    case DW_LANG_Pascal83: case DW_LANG_PLI: case DW_LANG_C99: case DW_LANG_UPC: case DW_LANG_C11:
    case DW_LANG_Mips_Assembler:
      return true;
    default:
      return false;
  }
}

struct Func {
  std::vector<std::pair<uint64_t, uint64_t>> ranges;  // [low, high), the first as DWARF lists it first
  int caller = -1;                                    // the function an inlined_subroutine sits in
  std::string name;
  bool has_name = false;
  bool is_linkage = false;
};

struct NameState {
  std::string* name;
  bool* has_name;
  bool* is_linkage;
  bool plain;
  int depth;
  bool origin;  // DW_AT_abstract_origin is followed (the function's own DIE only)
};

void NameOf(Dwarf_Die* die, NameState st);

int NameAttr(Dwarf_Attribute* attr, void* arg) {
  NameState& st = *static_cast<NameState*>(arg);
  const unsigned int what = dwarf_whatattr(attr);
  if (what == DW_AT_name) {
    const char* s = dwarf_formstring(attr);
    if (!*st.has_name && s != nullptr) {
      *st.name = s;
      *st.has_name = true;
      if (st.plain) *st.is_linkage = true;
    }
  } else if (what == DW_AT_linkage_name || what == DW_AT_MIPS_linkage_name) {
    const char* s = dwarf_formstring(attr);
    if (s != nullptr) {
      *st.name = s;
      *st.has_name = true;
      *st.is_linkage = true;
    }
  } else if (what == DW_AT_specification || (what == DW_AT_abstract_origin && st.origin)) {
    Dwarf_Die ref;
    if (st.depth < 16 && dwarf_formref_die(attr, &ref) != nullptr) {
      NameState inner = st;
      inner.depth = st.depth + 1;
      inner.origin = false;
      NameOf(&ref, inner);
    }
  }
  return DWARF_CB_OK;
}

void NameOf(Dwarf_Die* die, NameState st) { dwarf_getattrs(die, NameAttr, &st, 0); }

}  // namespace

struct PerfInlines::File {
  bool tried = false;
  std::unique_ptr<ElfFile> elf;
  Dwarf* dwarf = nullptr;
  uint64_t text_offset = 0;  // an ET_EXEC's .text sh_addr - sh_offset: perf's file offset to addr2line's address
  struct CuRange {
    uint64_t low, high;
    Dwarf_Off cu;
  };
  std::vector<CuRange> cu_ranges;  // sorted by low
  std::unordered_map<Dwarf_Off, std::vector<Func>> units;  // by CU offset: its functions, in DIE order
  std::unordered_map<uint64_t, std::vector<std::string>> by_address;

  ~File() {
    if (dwarf != nullptr) dwarf_end(dwarf);
  }

  void Walk(std::vector<Func>& funcs, Dwarf_Die* parent, int enclosing, bool plain, int depth) {
    Dwarf_Die child;
    if (depth > kMaxDepth || dwarf_child(parent, &child) != 0) return;
    do {
      const int tag = dwarf_tag(&child);
      int here = enclosing;
      if (tag == DW_TAG_subprogram || tag == DW_TAG_entry_point || tag == DW_TAG_inlined_subroutine) {
        Func fn;
        fn.caller = tag == DW_TAG_inlined_subroutine ? enclosing : -1;
        NameOf(&child, {&fn.name, &fn.has_name, &fn.is_linkage, plain, 0, true});
        Dwarf_Addr base = 0, low = 0, high = 0;
        ptrdiff_t at = 0;
        while ((at = dwarf_ranges(&child, at, &base, &low, &high)) > 0) {
          if (low < high) fn.ranges.emplace_back(low, high);
        }
        here = static_cast<int>(funcs.size());
        funcs.push_back(std::move(fn));
      }
      if (dwarf_haschildren(&child) > 0) Walk(funcs, &child, here, plain, depth + 1);
    } while (dwarf_siblingof(&child, &child) == 0);
  }

  // The functions of the unit holding `address`, or null.
  std::vector<Func>* UnitOf(uint64_t address) {
    auto it = std::upper_bound(cu_ranges.begin(), cu_ranges.end(), address,
                               [](uint64_t a, const CuRange& r) { return a < r.low; });
    // Ranges may nest or overlap: look back over those starting before.
    const CuRange* found = nullptr;
    for (auto r = cu_ranges.begin(); r != it; ++r) {
      if (address >= r->low && address < r->high) {
        found = &*r;
        break;
      }
    }
    if (found == nullptr) return nullptr;
    auto [unit, inserted] = units.try_emplace(found->cu);
    if (inserted) {
      Dwarf_Die cu;
      if (dwarf_offdie(dwarf, found->cu, &cu) != nullptr) {
        Walk(unit->second, &cu, -1, PlainNames(dwarf_srclang(&cu)), 0);
      }
    }
    return &unit->second;
  }
};

PerfInlines::PerfInlines(PerfSymbolizer& symbolizer) : symbolizer_(symbolizer) {}
PerfInlines::~PerfInlines() = default;

PerfInlines::File& PerfInlines::Open(uint32_t dso) {
  File& f = PerDso(files_, dso);
  if (f.tried) return f;
  f.tried = true;
  // addr2line reads the file perf took the symbols from, at perf's address of it.
  const std::string& runtime = symbolizer_.ElfPath(dso);
  const std::string& symbols = symbolizer_.SymbolsPath(dso);
  if (runtime.empty() || symbols.empty()) return f;
  {
    ElfFile r(runtime);
    GElf_Ehdr ehdr;
    GElf_Shdr text;
    if (r.get() != nullptr && gelf_getehdr(r.get(), &ehdr) != nullptr && ehdr.e_type == ET_EXEC &&
        FindElfSection(r.get(), ".text", &text) != nullptr) {
      f.text_offset = text.sh_addr - text.sh_offset;
    }
  }
  for (const std::string* path : {&symbols, &runtime}) {
    f.elf = std::make_unique<ElfFile>(*path);
    if (f.elf->get() != nullptr) f.dwarf = dwarf_begin_elf(f.elf->get(), DWARF_C_READ, nullptr);
    if (f.dwarf != nullptr) break;
  }
  if (f.dwarf == nullptr) return f;
  Dwarf_Off off = 0, next = 0;
  size_t header = 0;
  while (dwarf_nextcu(f.dwarf, off, &next, &header, nullptr, nullptr, nullptr) == 0) {
    Dwarf_Die cu;
    if (dwarf_offdie(f.dwarf, off + header, &cu) != nullptr) {
      Dwarf_Addr base = 0, low = 0, high = 0;
      ptrdiff_t at = 0;
      while ((at = dwarf_ranges(&cu, at, &base, &low, &high)) > 0) {
        if (low < high) f.cu_ranges.push_back({low, high, off + header});
      }
    }
    off = next;
  }
  std::stable_sort(f.cu_ranges.begin(), f.cu_ranges.end(),
                   [](const File::CuRange& a, const File::CuRange& b) { return a.low < b.low; });
  return f;
}

std::vector<std::string> PerfInlines::Addr2Line(File& f, uint32_t dso, uint64_t address) {
  const uint64_t at = address + f.text_offset;
  std::vector<Func>* funcs = f.UnitOf(at);
  if (funcs == nullptr) return {};
  int best = -1;
  uint64_t best_size = UINT64_MAX;
  for (size_t i = 0; i < funcs->size(); ++i) {
    for (const auto& [low, high] : (*funcs)[i].ranges) {
      if (at < low || at >= high) continue;
      if (high - low <= best_size) {  // the smaller range; the later DIE on a tie
        best = static_cast<int>(i);
        best_size = high - low;
      }
    }
  }
  if (best < 0) return {};
  std::vector<std::string> names;
  Func& inner = (*funcs)[best];
  if (inner.is_linkage) {
    names.push_back(inner.has_name ? inner.name : "??");
  } else {
    // binutils names it by the ELF symbol there, once (see the header).
    uint64_t start = 0;
    const std::string_view symbol = symbolizer_.RawSymbol(dso, address, &start);
    if (symbol.empty()) {
      names.push_back(inner.has_name ? inner.name : "??");
    } else {
      names.emplace_back(symbol);
      if (!inner.ranges.empty() && start + f.text_offset == inner.ranges.front().first) {
        inner.name = std::string(symbol);
        inner.has_name = true;
      }
    }
    inner.is_linkage = true;
  }
  for (int c = inner.caller; c >= 0 && names.size() < kMaxInlineNest; c = (*funcs)[c].caller) {
    names.push_back((*funcs)[c].has_name && !(*funcs)[c].name.empty() ? (*funcs)[c].name : "??");
  }
  for (std::string& n : names) {
    if (n != "??") n = DemanglePerfSymbol(n);
  }
  return names;
}

const std::vector<std::string>& PerfInlines::Lookup(uint32_t dso, uint64_t address) {
  File& f = Open(dso);
  auto [it, inserted] = f.by_address.try_emplace(address);
  if (inserted && f.dwarf != nullptr) it->second = Addr2Line(f, dso, address);
  return it->second;
}

}  // namespace proflens
