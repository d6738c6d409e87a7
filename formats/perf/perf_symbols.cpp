#include "formats/perf/perf_symbols.h"

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>

#include "formats/io/line_scanner.h"
#include "formats/perf/perf_data_layout.h"

// libiberty declares basename() unless told the C library does.
#define HAVE_DECL_BASENAME 1
#include <libiberty/demangle.h>

namespace proflens {

ElfFile::ElfFile(const std::string& path) {
  elf_version(EV_CURRENT);
  fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ >= 0) elf_ = elf_begin(fd_, ELF_C_READ_MMAP, nullptr);
  if (elf_ != nullptr && elf_kind(elf_) != ELF_K_ELF) {
    elf_end(elf_);
    elf_ = nullptr;
  }
}

Elf_Scn* FindElfSection(Elf* elf, std::string_view name, GElf_Shdr* shdr) {
  size_t shstrndx = 0;
  if (elf == nullptr || elf_getshdrstrndx(elf, &shstrndx) != 0) return nullptr;
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    if (gelf_getshdr(scn, shdr) == nullptr) continue;
    const char* n = elf_strptr(elf, shstrndx, shdr->sh_name);
    if (n != nullptr && name == n) return scn;
  }
  return nullptr;
}

ElfFile::~ElfFile() {
  if (elf_ != nullptr) elf_end(elf_);
  if (fd_ >= 0) close(fd_);
}

namespace {

size_t LeadingUnderscores(std::string_view s) {
  size_t n = 0;
  while (n < s.size() && s[n] == '_') ++n;
  return n;
}

// An open ELF file, closed when done.

std::string BuildIdOf(Elf* elf) {
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr shdr;
    if (gelf_getshdr(scn, &shdr) == nullptr || shdr.sh_type != SHT_NOTE) continue;
    Elf_Data* data = elf_getdata(scn, nullptr);
    if (data == nullptr) continue;
    size_t offset = 0, name_at = 0, desc_at = 0;
    GElf_Nhdr note;
    while ((offset = gelf_getnote(data, offset, &note, &name_at, &desc_at)) > 0) {
      const char* base = static_cast<const char*>(data->d_buf);
      if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(base + name_at, "GNU", 4) == 0) {
        return perf::HexBytes(std::string_view(base + desc_at, note.n_descsz));
      }
    }
  }
  return "";
}

}  // namespace

void PerfSymbols::Add(uint64_t start, uint64_t size, Binding binding, std::string_view name, bool module) {
  Symbol s;
  s.start = start;
  s.end = start + size;
  s.name = static_cast<uint32_t>(names_.size());
  s.length = static_cast<uint32_t>(name.size());
  s.order = static_cast<uint32_t>(symbols_.size());
  s.binding = binding;
  s.module = module;
  names_.append(name);
  symbols_.push_back(s);
}

bool PerfSymbols::Better(const Symbol& a, const Symbol& b) const {
  // perf's choose_best_symbol: true when a is kept over b.
  const bool a_sized = a.end > a.start, b_sized = b.end > b.start;
  if (a_sized != b_sized) return a_sized;
  if ((a.binding == kWeak) != (b.binding == kWeak)) return b.binding == kWeak;
  if ((a.binding == kGlobal) != (b.binding == kGlobal)) return a.binding == kGlobal;
  const std::string_view na(names_.data() + a.name, a.length), nb(names_.data() + b.name, b.length);
  const size_t ua = LeadingUnderscores(na), ub = LeadingUnderscores(nb);
  if (ua != ub) return ua < ub;
  if (na.size() != nb.size()) return na.size() > nb.size();
  return true;
}

void PerfSymbols::Finish(bool kallsyms) {
  const auto by_start = [](const Symbol& a, const Symbol& b) { return a.start < b.start; };
  // (kallsyms comes sorted, most of the time: no sort then)
  if (!std::is_sorted(symbols_.begin(), symbols_.end(), by_start)) {
    std::stable_sort(symbols_.begin(), symbols_.end(), by_start);
  }
  // A symbol without a size runs to the next one (perf's symbols__fixup_end,
  // before duplicates go: of symbols at one address, all but the last keep size 0).
  for (size_t i = 0; i + 1 < symbols_.size(); ++i) {
    Symbol& prev = symbols_[i];
    if (prev.end != prev.start) continue;
    if (kallsyms && prev.module != symbols_[i + 1].module) {
      prev.end = (prev.end + 4096 + 4095) / 4096 * 4096;
    } else {
      prev.end = symbols_[i + 1].start;
    }
  }
  if (!symbols_.empty() && symbols_.back().end == symbols_.back().start) {
    symbols_.back().end = (symbols_.back().start + 4095) / 4096 * 4096 + 4096;
  }
  // One symbol an address: the best of each run, met in the order added
  // (perf's symbols__fixup_duplicate).
  size_t kept = 0;  // in place: symbols_[0, kept) are kept
  for (size_t i = 0; i < symbols_.size(); ++i) {
    const Symbol s = symbols_[i];
    if (kept != 0 && symbols_[kept - 1].start == s.start) {
      if (!Better(symbols_[kept - 1], s)) symbols_[kept - 1] = s;
      continue;
    }
    symbols_[kept++] = s;
  }
  symbols_.resize(kept);
}

void PerfSymbols::AddPlt(uint64_t plt_offset, const std::vector<std::pair<uint64_t, std::string>>& entries,
                         uint64_t entry_size) {
  const int64_t before = Find(plt_offset);
  if (before >= 0 && symbols_[before].start < plt_offset) symbols_[before].end = plt_offset;
  for (const auto& [start, name] : entries) Add(start, entry_size, kGlobal, name);
  std::stable_sort(symbols_.begin(), symbols_.end(), [](const Symbol& a, const Symbol& b) { return a.start < b.start; });
}

int64_t PerfSymbols::Find(uint64_t address) const {
  auto it = std::upper_bound(symbols_.begin(), symbols_.end(), address,
                             [](uint64_t a, const Symbol& s) { return a < s.start; });
  if (it == symbols_.begin()) return -1;
  --it;
  return address < it->end ? it - symbols_.begin() : -1;
}

std::string DemanglePerfSymbol(std::string_view name) {
  const std::string mangled(name);
  char* demangled = cplus_demangle(mangled.c_str(), DMGL_NO_OPTS);
  if (demangled == nullptr) return mangled;
  std::string out(demangled);
  std::free(demangled);
  return out;
}

ElfFacts InspectElf(const std::string& path) {
  ElfFacts facts;
  ElfFile file(path);
  Elf* elf = file.get();
  if (elf == nullptr) return facts;
  facts.ok = true;
  facts.build_id = BuildIdOf(elf);
  size_t shstrndx = 0;
  const bool names = elf_getshdrstrndx(elf, &shstrndx) == 0;
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr shdr;
    if (gelf_getshdr(scn, &shdr) == nullptr) continue;
    if (shdr.sh_type == SHT_SYMTAB) facts.has_symtab = true;
    const char* name = names ? elf_strptr(elf, shstrndx, shdr.sh_name) : nullptr;
    if (name != nullptr && std::strcmp(name, ".gnu_debuglink") == 0) {
      Elf_Data* data = elf_getdata(scn, nullptr);
      if (data != nullptr && data->d_size > 0) {
        const char* text = static_cast<const char*>(data->d_buf);
        facts.debuglink = std::string(text, strnlen(text, data->d_size));
      }
    }
  }
  return facts;
}

namespace {

// The loadable segments of the mapped file: where each symbol's file offset is found.
std::vector<GElf_Phdr> LoadSegments(const std::string& path) {
  std::vector<GElf_Phdr> segments;
  ElfFile file(path);
  size_t count = 0;
  if (file.get() == nullptr || elf_getphdrnum(file.get(), &count) != 0) return segments;
  for (size_t i = 0; i < count; ++i) {
    GElf_Phdr phdr;
    if (gelf_getphdr(file.get(), static_cast<int>(i), &phdr) != nullptr && phdr.p_type == PT_LOAD) segments.push_back(phdr);
  }
  return segments;
}

// perf's dso__synthesize_plt_symbols (x86-64, perf 6.1): a symbol for the
// .plt header, and "NAME@plt" for each .rela.plt entry ("@plt" for an IFUNC
// relocation, which names no symbol), at .plt.sec's entries when there is one (no lazy header), else
// after .plt's header.
void AddPltSymbols(Elf* elf, PerfSymbols* symbols) {
  size_t shstrndx = 0;
  if (elf_getshdrstrndx(elf, &shstrndx) != 0) return;
  GElf_Shdr plt{}, plt_sec{}, rela{}, dynsym{};
  Elf_Scn *rela_scn = nullptr, *dynsym_scn = nullptr;
  bool have_plt = false, have_sec = false;
  size_t dynsym_index = 0;
  Elf_Scn* scn = nullptr;
  while ((scn = elf_nextscn(elf, scn)) != nullptr) {
    GElf_Shdr shdr;
    if (gelf_getshdr(scn, &shdr) == nullptr) continue;
    const char* name = elf_strptr(elf, shstrndx, shdr.sh_name);
    if (name == nullptr) continue;
    if (std::strcmp(name, ".plt") == 0) {
      plt = shdr;
      have_plt = true;
    } else if (std::strcmp(name, ".plt.sec") == 0) {
      plt_sec = shdr;
      have_sec = true;
    } else if (rela_scn == nullptr && (std::strcmp(name, ".rela.plt") == 0 || std::strcmp(name, ".rel.plt") == 0)) {
      rela = shdr;
      rela_scn = scn;
    } else if (shdr.sh_type == SHT_DYNSYM) {
      dynsym = shdr;
      dynsym_scn = scn;
      dynsym_index = elf_ndxscn(scn);
    }
  }
  if (!have_plt || dynsym_scn == nullptr || plt.sh_entsize == 0) return;
  std::vector<std::pair<uint64_t, std::string>> entries;
  uint64_t entry_size = plt.sh_entsize;
  uint64_t offset = plt.sh_offset;
  const bool lazy = !(have_sec && plt_sec.sh_entsize != 0);
  uint64_t header_size = lazy ? plt.sh_entsize : plt.sh_size;
  if (!lazy) {
    entry_size = plt_sec.sh_entsize;
    offset = plt_sec.sh_offset;
  }
  if (rela_scn == nullptr || (rela.sh_type != SHT_RELA && rela.sh_type != SHT_REL) || rela.sh_link != dynsym_index ||
      rela.sh_entsize == 0) {
    symbols->AddPlt(plt.sh_offset, {{plt.sh_offset, ".plt"}}, header_size);
    return;
  }
  const size_t count = rela.sh_size / rela.sh_entsize;
  bool header = true;
  if (lazy) {
    if (count * entry_size == plt.sh_size) {
      header = false;  // no header: as many entries as relocations
    } else {
      offset += header_size;
    }
  }
  Elf_Data* rel_data = elf_getdata(rela_scn, nullptr);
  Elf_Data* sym_data = elf_getdata(dynsym_scn, nullptr);
  if (rel_data == nullptr || sym_data == nullptr) return;
  std::vector<std::pair<uint64_t, uint64_t>> slots;  // (GOT address, symbol index)
  for (size_t i = 0; i < count; ++i) {
    if (rela.sh_type == SHT_RELA) {
      GElf_Rela r;
      if (gelf_getrela(rel_data, static_cast<int>(i), &r) == nullptr) return;
      slots.emplace_back(r.r_offset, GELF_R_SYM(r.r_info));
    } else {
      GElf_Rel r;
      if (gelf_getrel(rel_data, static_cast<int>(i), &r) == nullptr) return;
      slots.emplace_back(r.r_offset, GELF_R_SYM(r.r_info));
    }
  }
  // (In .rela.plt's order, as perf 6.1 takes them: later perf sorts them by
  // GOT slot, since x86 puts IFUNC relocations out of .plt order.)
  std::vector<std::pair<uint64_t, std::string>> plt_entries;
  for (const auto& [got, index] : slots) {
    GElf_Sym sym;
    const char* name = gelf_getsym(sym_data, static_cast<int>(index), &sym) != nullptr
                           ? elf_strptr(elf, dynsym.sh_link, sym.st_name)
                           : nullptr;
    const std::string entry = name != nullptr && *name != '\0' ? DemanglePerfSymbol(name) : "";
    plt_entries.emplace_back(offset, entry + "@plt");
    offset += entry_size;
  }
  if (header) symbols->AddPlt(plt.sh_offset, {{plt.sh_offset, ".plt"}}, header_size);
  symbols->AddPlt(plt_entries.empty() ? plt.sh_offset : plt_entries.front().first, plt_entries, entry_size);
}

}  // namespace

bool ReadElfSymbols(const std::string& symbols_path, const std::string& runtime_path, PerfSymbols* symbols,
                    std::string* why) {
  const std::vector<GElf_Phdr> segments = LoadSegments(runtime_path);
  ElfFile file(symbols_path);
  Elf* elf = file.get();
  if (elf == nullptr) {
    *why = "not found or not ELF";
    return false;
  }
  size_t shstrndx = 0;
  if (elf_getshdrstrndx(elf, &shstrndx) != 0) {
    *why = "no section names";
    return false;
  }
  // .symtab when there is one, else .dynsym.
  Elf_Scn* table = nullptr;
  for (GElf_Word wanted : {SHT_SYMTAB, SHT_DYNSYM}) {
    Elf_Scn* scn = nullptr;
    while (table == nullptr && (scn = elf_nextscn(elf, scn)) != nullptr) {
      GElf_Shdr shdr;
      if (gelf_getshdr(scn, &shdr) != nullptr && shdr.sh_type == wanted) table = scn;
    }
    if (table != nullptr) break;
  }
  GElf_Shdr table_header;
  Elf_Data* data = table == nullptr ? nullptr : elf_getdata(table, nullptr);
  if (data == nullptr || gelf_getshdr(table, &table_header) == nullptr || table_header.sh_entsize == 0) {
    *why = "no symbol table";
    return false;
  }
  const size_t count = table_header.sh_size / table_header.sh_entsize;
  for (size_t i = 0; i < count; ++i) {
    GElf_Sym sym;
    if (gelf_getsym(data, static_cast<int>(i), &sym) == nullptr) break;
    const int type = GELF_ST_TYPE(sym.st_info);
    if (sym.st_name == 0 || sym.st_shndx == SHN_UNDEF || sym.st_shndx >= SHN_LORESERVE) continue;
    const bool function = type == STT_FUNC || type == STT_GNU_IFUNC;
    const int visibility = GELF_ST_VISIBILITY(sym.st_other);
    const bool label = type == STT_NOTYPE && visibility != STV_HIDDEN && visibility != STV_INTERNAL;
    if (!function && !label) continue;
    Elf_Scn* section = elf_getscn(elf, sym.st_shndx);
    GElf_Shdr shdr;
    if (section == nullptr || gelf_getshdr(section, &shdr) == nullptr) continue;
    if (label) {
      const char* section_name = elf_strptr(elf, shstrndx, shdr.sh_name);
      if (section_name == nullptr || std::strstr(section_name, "text") == nullptr) continue;
    }
    const char* name = elf_strptr(elf, table_header.sh_link, sym.st_name);
    if (name == nullptr) continue;
    const int bind = GELF_ST_BIND(sym.st_info);
    const PerfSymbols::Binding binding = bind == STB_GLOBAL ? PerfSymbols::kGlobal : bind == STB_WEAK ? PerfSymbols::kWeak : PerfSymbols::kLocal;
    // At file offsets, where perf looks addresses up: by the segment that
    // holds the symbol, else by its section.
    uint64_t start = sym.st_value - shdr.sh_addr + shdr.sh_offset;
    for (const GElf_Phdr& p : segments) {
      if (sym.st_value >= p.p_vaddr && sym.st_value < p.p_vaddr + std::max(p.p_memsz, p.p_filesz)) {
        start = sym.st_value - p.p_vaddr + p.p_offset;
        break;
      }
    }
    symbols->Add(start, sym.st_size, binding, name);
  }
  symbols->Finish(false);
  // The PLT's symbols, from the mapped file (it has the .plt and .rela.plt).
  ElfFile runtime(runtime_path);
  if (runtime.get() != nullptr) AddPltSymbols(runtime.get(), symbols);
  return true;
}

void ReadKallsyms(std::string_view text, PerfSymbols* symbols) {
  // About 27 bytes a line, 20 of them not the name.
  symbols->Reserve(text.size() / 24, text.size() - text.size() / 2);
  LineScanner scanner(text);
  std::string_view line;
  while (scanner.Next(&line)) {
    // "ffffffff81000000 T _text" or "ffffffffc0a01000 t fn\t[module]"
    const size_t space = line.find(' ');
    if (space == std::string_view::npos || space + 3 > line.size()) continue;
    uint64_t start = 0;
    auto [p, ec] = std::from_chars(line.data(), line.data() + space, start, 16);
    if (ec != std::errc()) continue;
    const char type = line[space + 1];
    const char upper = static_cast<char>(type & ~0x20);
    if (upper != 'T' && upper != 'W' && upper != 'D' && upper != 'B') continue;
    std::string_view name = line.substr(space + 3);
    const size_t tab = name.find('\t');
    const bool module = tab != std::string_view::npos;
    if (module) name = name.substr(0, tab);
    if (name.empty() || name[0] == '$') continue;
    const PerfSymbols::Binding binding = type == 'W' ? PerfSymbols::kWeak : type == upper ? PerfSymbols::kGlobal : PerfSymbols::kLocal;
    symbols->Add(start, 0, binding, name, module);
  }
  symbols->Finish(true);
}

void ReadPerfMap(std::string_view text, PerfSymbols* symbols) {
  LineScanner scanner(text);
  std::string_view line;
  while (scanner.Next(&line)) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t first = line.find(' ');
    if (first == std::string_view::npos) continue;
    const size_t second = line.find(' ', first + 1);
    if (second == std::string_view::npos) continue;
    uint64_t start = 0, size = 0;
    std::string_view a = line.substr(0, first), b = line.substr(first + 1, second - first - 1);
    if (a.starts_with("0x")) a.remove_prefix(2);
    if (b.starts_with("0x")) b.remove_prefix(2);
    if (std::from_chars(a.data(), a.data() + a.size(), start, 16).ec != std::errc() ||
        std::from_chars(b.data(), b.data() + b.size(), size, 16).ec != std::errc()) {
      continue;
    }
    symbols->Add(start, size, PerfSymbols::kGlobal, line.substr(second + 1));
  }
  symbols->Finish(false);
}

}  // namespace proflens
