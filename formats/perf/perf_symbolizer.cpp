#include "formats/perf/perf_symbolizer.h"

#include "formats/perf/perf_data_layout.h"

#include <cstdlib>
#include <cstring>
#include <optional>

#include "formats/io/input.h"


namespace proflens {

namespace {

// A file's bytes (mapped, or read when it is a /proc or /sys file).
std::optional<InputBuffer> ReadWholeFile(const std::string& path) {
  Result<InputBuffer> in = ReadInput(path);
  if (!in.ok()) return std::nullopt;
  return std::move(in).value();
}

// The running kernel's build id, from /sys/kernel/notes (its ELF notes).
std::string RunningKernelBuildId() {
  const std::optional<InputBuffer> file = ReadWholeFile("/sys/kernel/notes");
  const bool ok = file.has_value();
  const std::string_view notes = ok ? file->bytes() : std::string_view();
  size_t at = 0;
  auto u32 = [&](size_t p) {
    uint32_t v = 0;
    std::memcpy(&v, notes.data() + p, 4);
    return v;
  };
  while (ok && at + 12 <= notes.size()) {
    const uint32_t namesz = u32(at), descsz = u32(at + 4), type = u32(at + 8);
    const size_t name_at = at + 12, desc_at = name_at + (namesz + 3) / 4 * 4;
    if (desc_at + descsz > notes.size()) break;
    if (type == 3 && namesz == 4 && notes.compare(name_at, 3, "GNU") == 0) {
      return perf::HexBytes(std::string_view(notes).substr(desc_at, descsz));
    }
    at = desc_at + (descsz + 3) / 4 * 4;
  }
  return "";
}

}  // namespace

struct PerfSymbolizer::Loaded {
  bool tried = false;
  bool ok = false;
  bool demangle = true;
  bool asked = false;  // a frame's symbol was asked for (not only its file, to unwind)
  std::string why;  // why nothing could be read
  std::string runtime_path, symbols_path;
  PerfSymbols symbols;
  std::unordered_map<uint64_t, int64_t> by_address;  // address -> symbol index, -1 for none
  std::vector<std::string> demangled;                // by symbol index, made on first use
  std::vector<bool> made;
};

PerfSymbolizer::PerfSymbolizer(PerfSymbolizeOptions options, const PerfMachine& machine)
    : options_(std::move(options)), machine_(machine) {
  if (options_.debug_dir.empty()) {
    const char* home = std::getenv("HOME");
    options_.debug_dir = std::string(home != nullptr ? home : "") + "/.debug";
  }
}

PerfSymbolizer::~PerfSymbolizer() = default;

std::string PerfSymbolizer::BuildIdPath(std::string_view build_id) const {
  if (build_id.size() < 3) return "";
  return options_.debug_dir + "/.build-id/" + std::string(build_id.substr(0, 2)) + "/" + std::string(build_id.substr(2));
}

bool PerfSymbolizer::LoadKernel(const PerfDso& d, Loaded& l) {
  l.demangle = false;
  // The kallsyms perf record cached for this kernel, else the running kernel's.
  std::vector<std::string> candidates;
  if (!d.build_id.empty()) candidates.push_back(BuildIdPath(d.build_id) + "/kallsyms");
  const std::string running = RunningKernelBuildId();
  if (d.build_id.empty() || running.empty() || running == d.build_id) candidates.push_back(options_.kallsyms);
  for (const std::string& path : candidates) {
    const std::optional<InputBuffer> text = ReadWholeFile(path);
    if (!text) continue;
    ReadKallsyms(text->bytes(), &l.symbols);
    if (l.symbols.size() != 0) return true;
  }
  l.why = d.build_id.empty() || running == d.build_id ? "no kallsyms could be read"
                                                      : "the capture's kernel (build id " + d.build_id + ") is not this one, and its kallsyms are not cached";
  return false;
}

bool PerfSymbolizer::LoadElf(const PerfDso& d, Loaded& l) {
  // perf's order (dso__load): the debuglink file, the build-id cache's copy
  // and its debug file, the system's debug file by build id, the recorded
  // path. The symbols come from the first with a .symtab, the segments from
  // the first that is the mapped file itself; a file of another build is passed over.
  const std::string root = options_.symfs;
  const std::string path = d.name.starts_with('/') ? root + d.name : "";
  std::vector<std::string> candidates;
  std::string build_id = d.build_id;
  if (!path.empty()) {
    const ElfFacts own = InspectElf(path);
    // A DSO the capture gave no build id (a pipe gives them last): the file's own, as perf takes it.
    if (build_id.empty()) build_id = own.build_id;
    if (own.ok && !own.debuglink.empty()) {
      const std::string dir = d.name.substr(0, d.name.rfind('/') + 1);
      for (const std::string& where : {root + dir, root + dir + ".debug/", root + "/usr/lib/debug" + dir}) {
        candidates.push_back(where + own.debuglink);
      }
    }
  }
  std::vector<bool> runtime;  // whether each candidate can be the mapped file
  runtime.resize(candidates.size(), false);
  auto add = [&](std::string p, bool is_runtime) {
    candidates.push_back(std::move(p));
    runtime.push_back(is_runtime);
  };
  if (!build_id.empty()) {
    add(BuildIdPath(build_id) + (d.name == "[vdso]" ? "/vdso" : "/elf"), true);
    add(BuildIdPath(build_id) + "/debug", false);
    add(root + "/usr/lib/debug/.build-id/" + build_id.substr(0, 2) + "/" + build_id.substr(2) + ".debug", false);
  }
  if (!path.empty()) add(path, true);
  std::string symbols_path, runtime_path, why = d.name.starts_with('[') ? "no copy in the build-id cache" : "not found";
  for (size_t i = 0; i < candidates.size(); ++i) {
    const ElfFacts facts = InspectElf(candidates[i]);
    if (!facts.ok) continue;
    if (!build_id.empty() && !facts.build_id.empty() && facts.build_id != build_id) {
      why = candidates[i] + " has build id " + facts.build_id + ", the capture's is " + build_id;
      continue;
    }
    if (symbols_path.empty() && facts.has_symtab) symbols_path = candidates[i];
    if (runtime_path.empty() && runtime[i]) runtime_path = candidates[i];
    if (!symbols_path.empty() && !runtime_path.empty()) break;
  }
  if (symbols_path.empty()) symbols_path = runtime_path;  // .dynsym only
  if (runtime_path.empty()) runtime_path = symbols_path;
  if (symbols_path.empty()) {
    l.why = why;
    return false;
  }
  l.runtime_path = runtime_path;
  l.symbols_path = symbols_path;
  return ReadElfSymbols(symbols_path, runtime_path, &l.symbols, &l.why);
}

PerfSymbolizer::Loaded& PerfSymbolizer::Load(uint32_t dso) {
  Loaded& l = PerDso(loaded_, dso);
  if (l.tried) return l;
  l.tried = true;
  const PerfDso& d = machine_.dso(dso);
  if (d.kernel) {
    l.ok = LoadKernel(d, l);
  } else if (d.jit_map) {
    l.demangle = false;
    const std::optional<InputBuffer> text = ReadWholeFile(d.name);
    if (text) ReadPerfMap(text->bytes(), &l.symbols);
    l.ok = text.has_value();
    if (!l.ok) l.why = "not found";
  } else {
    l.ok = LoadElf(d, l);
  }
  l.demangled.resize(l.symbols.size());
  l.made.resize(l.symbols.size());
  return l;
}

std::string_view PerfSymbolizer::Symbol(uint32_t dso, uint64_t address) {
  Loaded& l = Load(dso);
  l.asked = true;
  if (!l.ok) return {};
  auto [it, inserted] = l.by_address.try_emplace(address, -1);
  if (inserted) it->second = l.symbols.Find(address);
  const int64_t i = it->second;
  if (i < 0) return {};
  if (!l.demangle) return l.symbols.name(i);
  if (!l.made[i]) {
    l.demangled[i] = DemanglePerfSymbol(l.symbols.name(i));
    l.made[i] = true;
  }
  return l.demangled[i];
}

std::string_view PerfSymbolizer::RawSymbol(uint32_t dso, uint64_t address, uint64_t* start) {
  Loaded& l = Load(dso);
  if (!l.ok) return {};
  const int64_t i = l.symbols.Find(address);
  if (i < 0) return {};
  *start = l.symbols.start(i);
  return l.symbols.name(i);
}

const std::string& PerfSymbolizer::ElfPath(uint32_t dso) { return Load(dso).runtime_path; }

const std::string& PerfSymbolizer::SymbolsPath(uint32_t dso) { return Load(dso).symbols_path; }

std::vector<std::string> PerfSymbolizer::Unreadable() const {
  std::vector<std::string> out;
  for (size_t i = 0; i < loaded_.size(); ++i) {
    if (loaded_[i] && loaded_[i]->asked && !loaded_[i]->ok) out.push_back(machine_.dso(i).name + " (" + loaded_[i]->why + ")");
  }
  return out;
}

}  // namespace proflens
