#include "formats/perf/perf_data_reader.h"

#include <sys/mman.h>

#include <unordered_map>

#include "analyzer/hash.h"
#include "analyzer/root_frames.h"
#include "formats/io/input.h"
#include "formats/perf/perf_data_layout.h"
#include "formats/perf/perf_data_records.h"
#include "formats/perf/perf_inline.h"
#include "formats/perf/perf_machine.h"
#include "formats/perf/perf_unwind.h"

namespace proflens {

namespace {

// Samples a chunk holds before it is merged (the merge keeps first-appearance order).
constexpr size_t kChunkSamples = size_t{1} << 18;
constexpr uint32_t kNoDso = UINT32_MAX;  // an address no map holds: "[unknown]"

struct FrameKey {
  uint32_t dso;
  uint64_t address;  // as perf looks its symbol up
  uint64_t shown;    // as perf prints it
  bool unwound;      // unwound from a --call-graph dwarf stack (perf lists the inlined frames of these only)
  bool operator==(const FrameKey&) const = default;
};
struct FrameKeyHash {
  size_t operator()(const FrameKey& k) const { return HashMix(k.address * 0x9e3779b97f4a7c15ULL ^ k.dso ^ (k.shown << 7) ^ k.unwound); }
};

// A frame as named: its location's parts, and the functions perf lists
// at it (inlined_[first_inlined, + inlined_count)), when it lists any.
struct NamedFrame {
  MappingId mapping = kNoId;
  uint64_t shown = 0;
  Line line;
  size_t lines = 0;
  uint32_t first_inlined = 0, inlined_count = 0;
};
struct InlinedName {
  FunctionId function;
  bool inlined;  // printed "(inlined)" (not the frame's symbol)
};

class PerfDataReader {
 public:
  PerfDataReader(const PerfDataOptions& options, PerfDataHeader& header)
      : options_(options),
        header_(header),
        symbolizer_(options.symbolize, machine_),
        unwinder_(machine_, symbolizer_),
        inlines_(symbolizer_),
        merger_(1) {
    unwinder_.set_check(options.check_unwind);
  }

  Status Visit(const PerfRecord& r) {
    perf::Cursor c(r.body);
    switch (r.type) {
      case perf::kMmap: {
        const int32_t pid = c.Read<int32_t>();
        c.U32();
        const uint64_t start = c.U64(), length = c.U64(), pgoff = c.U64();
        const std::string_view file = c.PaddedString(c.left());
        Mmap(r, pid, start, length, pgoff, file, (r.misc & (1 << 13)) == 0, {});
        return Status::Ok();
      }
      case perf::kMmap2: {
        const int32_t pid = c.Read<int32_t>();
        c.U32();
        const uint64_t start = c.U64(), length = c.U64(), pgoff = c.U64();
        std::string_view id = c.Bytes(24);
        const uint32_t prot = c.U32();
        c.U32();  // flags
        const std::string_view file = c.PaddedString(c.left());
        std::string build_id;
        if ((r.misc & perf::kMiscMmapBuildId) != 0 && c.ok()) {
          const size_t n = std::min<size_t>(static_cast<unsigned char>(id[0]), 20);
          build_id = perf::HexBytes(id.substr(4, n));
        }
        Mmap(r, pid, start, length, pgoff, file, (prot & PROT_EXEC) != 0, build_id);
        return Status::Ok();
      }
      case perf::kComm: {
        const uint32_t pid = c.U32(), tid = c.U32();
        machine_.Comm(pid, tid, c.PaddedString(c.left()));
        return Status::Ok();
      }
      case perf::kFork: {
        const uint32_t pid = c.U32(), ppid = c.U32(), tid = c.U32(), ptid = c.U32();
        if (c.ok()) machine_.Fork(pid, ppid, tid, ptid);
        ++frame_generation_;
        return Status::Ok();
      }
      case perf::kSample: return Sample(r);
      default: return Status::Ok();
    }
  }

  Result<PerfDataResult> Finish(const PerfRecordStats& stats) && {
    FlushChunk();
    Result<PerfScriptResult> merged = std::move(merger_).Finish("no samples in the perf.data file (perf recorded no event)");
    if (!merged.ok()) return merged.status();
    PerfDataResult result;
    static_cast<PerfScriptResult&>(result) = std::move(merged).value();
    result.samples = samples_;
    result.lost_events = stats.lost_events;
    result.lost_records = stats.lost_records;
    result.lost_samples = stats.lost_samples;
    result.unwound = unwinder_.unwound();
    result.unwound_by_rules = unwinder_.unwound_by_rules();
    result.unwind_mismatches = unwinder_.mismatches();
    auto& notes = result.notes;
    if (stats.truncated_at != 0) {
      notes.push_back("the file ends inside a record at byte " + std::to_string(stats.truncated_at) +
                      " (perf did not finish writing it?): read up to there");
    }
    if (stats.lost_records != 0) {
      notes.push_back("perf lost " + std::to_string(stats.lost_events) + " events in " + std::to_string(stats.lost_records) +
                      " chunks (PERF_RECORD_LOST; perf says \"Processed " + std::to_string(stats.records) +
                      " events and lost " + std::to_string(stats.lost_records) + " chunks!\")");
    }
    if (stats.lost_samples != 0) {
      notes.push_back("perf lost " + std::to_string(stats.lost_samples) + " samples (PERF_RECORD_LOST_SAMPLES)");
    }
    if (unwinder_.unwound() == 0 && dwarf_samples_ != 0) {
      notes.push_back(std::to_string(dwarf_samples_) + " samples carry user stacks (--call-graph dwarf) that could not be unwound "
                      "(x86_64 registers only): their user frames are the sampled address only");
    }
    const std::vector<std::string> unreadable = symbolizer_.Unreadable();
    if (!unreadable.empty()) {
      std::string list;
      for (const std::string& u : unreadable) list += (list.empty() ? "" : ", ") + u;
      notes.push_back("addresses in " + std::to_string(unreadable.size()) + (unreadable.size() == 1 ? " file" : " files") +
                      " could not be symbolized (shown as perf shows them, [unknown]): " + list);
    }
    return result;
  }

 private:
  void Mmap(const PerfRecord& r, int32_t pid, uint64_t start, uint64_t length, uint64_t pgoff, std::string_view file,
            bool executable, std::string_view build_id) {
    const uint16_t mode = r.misc & perf::kCpumodeMask;
    const bool kernel = mode == perf::kCpumodeKernel || mode == perf::kCpumodeGuestKernel;
    machine_.Mmap(pid, kernel, start, length, pgoff, file, executable, build_id);
    ++frame_generation_;
  }

  Status Sample(const PerfRecord& r) {
    PerfSample s;
    PROFLENS_RETURN_IF_ERROR(ParsePerfSample(header_, r, &s));
    ++samples_;
    const PerfEventAttr& attr = header_.events[s.event];
    // The event, numbered as first met (as the perf script reader numbers them).
    if (event_of_.size() < header_.events.size()) event_of_.resize(header_.events.size(), -1);
    if (event_of_[s.event] < 0) {
      event_of_[s.event] = static_cast<int>(chunk_events_.size());
      chunk_events_.push_back({attr.name, false});
    }
    const bool has_period = (attr.sample_type & perf::kPeriod) != 0;
    if (!has_period) chunk_events_[event_of_[s.event]].missing_period = true;
    if ((attr.sample_type & perf::kTime) != 0) {
      // perf script prints microseconds.
      const int64_t t = static_cast<int64_t>(s.time / 1000 * 1000);
      if (!have_time_ || t < first_time_) first_time_ = t;
      if (!have_time_ || t > last_time_) last_time_ = t;
      have_time_ = true;
    }
    // The frames, leaf first, at most perf script's 127, context markers setting the cpu mode.
    stack_.clear();
    if ((attr.sample_type & perf::kCallchain) != 0) {
      uint16_t mode = perf::kCpumodeUser;
      bool corrupt = false;
      const size_t n = s.callchain_size();
      for (size_t i = 0; i < n && stack_.size() < perf::kMaxStack; ++i) {
        const uint64_t ip = s.callchain_at(i);
        if (ip >= perf::kContextMax) {
          if (ip == perf::kContextKernel) {
            mode = perf::kCpumodeKernel;
          } else if (ip == perf::kContextUser) {
            mode = perf::kCpumodeUser;
          } else if (ip == perf::kContextHv) {
            mode = perf::kCpumodeHypervisor;
          } else {
            // Any other marker (the -1 some kernels end a chain with): perf
            // takes the callchain as corrupt and shows none of it.
            stack_.clear();
            corrupt = true;
            break;
          }
          continue;
        }
        stack_.push_back(Frame(s.pid, ip, mode, false));
      }
      if ((attr.sample_type & perf::kRegsUser) != 0 && (attr.sample_type & perf::kStackUser) != 0 &&
          !s.stack_user.empty() && !corrupt) {
        // --call-graph dwarf: the user frames unwound from the sampled
        // registers and stack (not after a corrupt chain: perf stops there).
        ++dwarf_samples_;
        ApplyBuildIds();
        ips_.clear();
        if (unwinder_.Unwind(s, attr.sample_regs_user, perf::kMaxStack, &ips_)) {
          for (const uint64_t ip : ips_) stack_.push_back(Frame(s.pid, ip, perf::kCpumodeUser, false, true));
        }
      }
    } else {
      stack_.push_back(Frame(s.pid, s.ip, s.cpumode, true));
    }
    if (log_.ends.capacity() == 0) {
      // Room for the chunk at once (as much as the last chunk took): grown
      // by doubling, each step is a copy into fresh pages (a tenth of the
      // time on a frame-pointer capture).
      log_.ids.reserve(last_chunk_ids_ != 0 ? last_chunk_ids_ + last_chunk_ids_ / 8 : kChunkSamples * 16);
      log_.ends.reserve(kChunkSamples);
      log_.labels.reserve(kChunkSamples);
      log_.events.reserve(kChunkSamples);
      log_.values.reserve(kChunkSamples);
    }
    log_.ids.insert(log_.ids.end(), stack_.begin(), stack_.end());
    log_.ends.push_back(log_.ids.size());
    log_.labels.push_back(Labels(s.tid));
    log_.events.push_back(static_cast<uint32_t>(event_of_[s.event]));
    log_.values.push_back(has_period && s.period != 0 ? static_cast<int64_t>(s.period) : 1);
    if (log_.size() >= kChunkSamples) FlushChunk();
    return Status::Ok();
  }

  // One frame: its map's DSO and the address perf prints (the address in
  // the DSO in a callchain, the sampled one itself without). Named when the
  // chunk is merged (a pipe gives the build ids last): until then its id is
  // its place in frames_.
  LocationId Frame(uint32_t pid, uint64_t ip, uint16_t mode, bool absolute, bool unwound = false) {
    // Most frames were met a moment ago: a direct-mapped cache of (pid, ip,
    // how) to the frame, emptied when a map changes or the chunk is merged.
    const uint16_t how = static_cast<uint16_t>(mode | (absolute ? 0x100 : 0) | (unwound ? 0x200 : 0));
    FrameCacheEntry& e = frame_cache_[HashMix(ip * 0x9e3779b97f4a7c15ULL ^ pid ^ (uint64_t{how} << 40)) & (kFrameCache - 1)];
    if (e.generation == frame_generation_ && e.ip == ip && e.pid == pid && e.how == how) return e.id;
    e = {ip, pid, how, frame_generation_, LookUpFrame(pid, ip, mode, absolute, unwound)};
    return e.id;
  }

  LocationId LookUpFrame(uint32_t pid, uint64_t ip, uint16_t mode, bool absolute, bool unwound) {
    const bool kernel = mode == perf::kCpumodeKernel || mode == perf::kCpumodeGuestKernel;
    const PerfMap* map = kernel ? machine_.FindKernel(ip) : machine_.FindUser(pid, ip);
    if (map == nullptr && !kernel && machine_.IsKernelIp(ip)) map = machine_.FindKernel(ip);
    FrameKey key{kNoDso, ip, ip, unwound};
    if (map != nullptr) {
      const uint64_t address = map->MapIp(ip, machine_.dso(map->dso));
      key = {map->dso, address, absolute ? ip : address, unwound};
    }
    auto [it, inserted] = locations_.try_emplace(key, static_cast<LocationId>(frames_.size()));
    if (inserted) frames_.push_back(key);
    return it->second;
  }

  // The build ids the header gave (a pipe's come as records, last) to their
  // DSOs, again when either has grown.
  void ApplyBuildIds() {
    if (applied_.first == machine_.dso_count() && applied_.second == header_.build_ids.size()) return;
    for (const PerfBuildId& b : header_.build_ids) machine_.SetBuildId(b.filename, b.build_id);
    applied_ = {machine_.dso_count(), header_.build_ids.size()};
  }

  // The chunk's frames as locations, symbolized, in the order first met;
  // an unwound frame perf lists inlined frames at gets them in inlined_
  // (perf 6.1 lists none in frame-pointer callchains or single addresses).
  std::vector<LocationId> NameFrames() {
    ApplyBuildIds();
    std::vector<LocationId> ids;
    ids.reserve(frames_.size());
    named_.clear();
    inlined_.clear();
    for (const FrameKey& key : frames_) {
      std::string_view dso_name = "[unknown]";
      NamedFrame f;
      if (key.dso != kNoDso) {
        const PerfDso& d = machine_.dso(key.dso);
        dso_name = d.name;
        const std::string_view symbol = symbolizer_.Symbol(key.dso, key.address);
        if (!symbol.empty()) {
          f.line.function = InternPerfFunction(b_, symbol);
          f.lines = 1;
          if (key.unwound && !d.kernel && !d.jit_map && !d.name.starts_with('[')) AddInlined(key, symbol, &f);
        }
      }
      f.mapping = InternPerfMapping(b_, dso_name);
      f.shown = key.shown;
      ids.push_back(b_.InternLocation(f.mapping, key.shown, {&f.line, f.lines}));
      named_.push_back(f);
    }
    return ids;
  }

  // The functions perf lists at an unwound frame (perf_inline.h), when any:
  // each perf's symbol (not inlined) when it is the frame's, else inlined.
  void AddInlined(const FrameKey& key, std::string_view symbol, NamedFrame* f) {
    const std::vector<std::string>& names = inlines_.Lookup(key.dso, key.address);
    if (names.empty()) return;
    f->first_inlined = static_cast<uint32_t>(inlined_.size());
    f->inlined_count = static_cast<uint32_t>(names.size());
    for (const std::string& name : names) {
      const bool is_symbol = name == symbol;
      inlined_.push_back({is_symbol ? f->line.function : InternPerfFunction(b_, name), !is_symbol});
    }
  }

  // A sample's stack with the inlined frames perf lists, made into
  // locations as the perf script reader makes them of perf script's lines:
  // inlined lines and the frame at their address after them are one
  // location (lines innermost first); inlined lines no frame at their
  // address ends are a location of their own, with no mapping.
  void InlineStack(const std::vector<LocationId>& named, size_t begin, size_t end, std::vector<LocationId>* out) {
    std::vector<Line>& pending = pending_lines_;
    uint64_t pending_at = 0;
    pending.clear();
    auto flush = [&] {
      if (pending.empty()) return;
      out->push_back(b_.InternLocation(kNoId, pending_at, pending));
      pending.clear();
    };
    // A frame printed with its DSO: merged with the inlined lines above it at its address.
    auto frame = [&](const NamedFrame& f, const Line* line, size_t lines, LocationId plain) {
      if (!pending.empty()) {
        if (pending_at == f.shown) {
          pending.insert(pending.end(), line, line + lines);
          out->push_back(b_.InternLocation(f.mapping, f.shown, pending));
          pending.clear();
          return;
        }
        flush();
      }
      out->push_back(plain != kNoId ? plain : b_.InternLocation(f.mapping, f.shown, {line, lines}));
    };
    for (size_t i = begin; i < end; ++i) {
      const LocationId id = log_.ids[i];
      const NamedFrame& f = named_[id];
      if (f.inlined_count == 0) {
        frame(f, &f.line, f.lines, named[id]);
        continue;
      }
      for (uint32_t k = 0; k < f.inlined_count; ++k) {
        const InlinedName& n = inlined_[f.first_inlined + k];
        Line line;
        line.function = n.function;
        if (n.inlined) {
          if (!pending.empty() && pending_at != f.shown) flush();
          pending_at = f.shown;
          pending.push_back(line);
        } else {
          frame(f, &line, 1, kNoId);
        }
      }
    }
    flush();
  }

  // comm and tid, as perf script prints them (the comm at the sample's time).
  LabelSetId Labels(uint32_t tid) {
    const std::string_view comm = machine_.CommOf(tid);
    auto [it, inserted] = labels_.try_emplace(tid);
    if (!inserted && it->second.comm == comm) return it->second.id;
    it->second.comm = std::string(comm);
    Label l[2] = {Label{b_.InternString(kCommLabel), b_.InternString(comm)},
                  Label{b_.InternString(kTidLabel), 0, static_cast<int64_t>(tid), 0}};
    it->second.id = b_.InternLabels(l);
    return it->second.id;
  }

  void FlushChunk() {
    if (log_.size() == 0 && chunk_events_.empty()) return;
    last_chunk_ids_ = log_.ids.size();
    const std::vector<LocationId> named = NameFrames();
    if (inlined_.empty()) {
      for (LocationId& id : log_.ids) id = named[id];
    } else {
      std::vector<LocationId> ids;
      ids.reserve(log_.ids.size());
      size_t begin = 0;
      for (size_t& end : log_.ends) {
        InlineStack(named, begin, end, &ids);
        begin = end;
        end = ids.size();
      }
      log_.ids = std::move(ids);
    }
    PerfChunk chunk;
    chunk.events = chunk_events_;
    chunk.skipped.resize(2);
    chunk.have_time = have_time_;
    chunk.first_time = first_time_;
    chunk.last_time = last_time_;
    chunk.profile = std::move(b_).Build();
    chunk.samples = std::move(log_);
    merger_.Add(chunk);
    // A fresh chunk: its own builder, so its locations are interned again.
    b_ = ProfileBuilder();
    log_ = SampleLog();
    locations_.clear();
    frames_.clear();
    ++frame_generation_;
    labels_.clear();
    chunk_events_.clear();
    std::fill(event_of_.begin(), event_of_.end(), -1);
    have_time_ = false;
  }

  struct CommLabels {
    std::string comm;
    LabelSetId id = 0;
  };

  const PerfDataOptions& options_;
  PerfDataHeader& header_;
  PerfMachine machine_;
  PerfSymbolizer symbolizer_;
  PerfUnwinder unwinder_;
  PerfInlines inlines_;
  PerfMerger merger_;
  ProfileBuilder b_;
  SampleLog log_;
  std::vector<PerfEvent> chunk_events_;
  std::vector<int> event_of_;  // header event -> chunk event, -1 until met
  struct FrameCacheEntry {
    uint64_t ip = 0;
    uint32_t pid = 0;
    uint16_t how = 0;
    uint32_t generation = 0;  // valid when frame_generation_'s
    LocationId id = 0;
  };
  static constexpr size_t kFrameCache = 4096;
  std::vector<FrameCacheEntry> frame_cache_ = std::vector<FrameCacheEntry>(kFrameCache);
  uint32_t frame_generation_ = 1;
  std::unordered_map<FrameKey, LocationId, FrameKeyHash> locations_;  // -> the frame's place in frames_
  std::vector<FrameKey> frames_;
  std::vector<NamedFrame> named_;       // by frame, when the chunk is named
  std::vector<InlinedName> inlined_;
  std::vector<Line> pending_lines_;
  std::unordered_map<uint32_t, CommLabels> labels_;  // by tid
  std::vector<LocationId> stack_;
  std::vector<uint64_t> ips_;  // a sample's unwound user frames
  size_t last_chunk_ids_ = 0;  // the frames the last chunk's samples held
  std::pair<size_t, size_t> applied_{0, 0};  // DSOs and build ids when build ids were last applied
  bool have_time_ = false;
  int64_t first_time_ = 0, last_time_ = 0;
  uint64_t samples_ = 0, dwarf_samples_ = 0;
};

}  // namespace

std::vector<std::pair<std::string, std::string>> DescribePerfData(const PerfDataResult& perf) {
  const PerfDataHeader& h = perf.header;
  std::vector<std::pair<std::string, std::string>> facts;
  auto add = [&](std::string what, std::string value) {
    if (!value.empty()) facts.emplace_back(std::move(what), std::move(value));
  };
  std::string cmdline;
  for (const std::string& arg : h.cmdline) cmdline += (cmdline.empty() ? "" : " ") + arg;
  add("Command line", cmdline);
  add("Host", h.hostname);
  add("OS release", h.os_release);
  add("perf version", h.perf_version);
  add("Architecture", h.arch);
  if (h.nr_cpus_online != 0 || h.nr_cpus_available != 0) {
    add("CPUs", std::to_string(h.nr_cpus_online) + " online, " + std::to_string(h.nr_cpus_available) + " available");
  }
  std::string events;
  for (const PerfEventAttr& e : h.events) {
    events += (events.empty() ? "" : ", ") + e.name + " (" +
              (e.freq() ? std::to_string(e.sample_period) + " Hz" : "every " + std::to_string(e.sample_period)) + ")";
  }
  add("Events", events);
  add("Mode", h.pipe ? "pipe (perf record -o -)" : "file");
  add("Sample records", std::to_string(perf.samples));
  std::string lost;
  if (perf.lost_records != 0) {
    lost = std::to_string(perf.lost_events) + " events in " + std::to_string(perf.lost_records) + " chunks";
  }
  if (perf.lost_samples != 0) lost += (lost.empty() ? "" : ", ") + std::to_string(perf.lost_samples) + " samples";
  add("Lost", lost.empty() ? "none" : lost);
  return facts;
}

Result<PerfDataResult> ReadPerfData(std::string_view bytes, const PerfDataOptions& options) {
  PROFLENS_ASSIGN_OR_RETURN(PerfDataHeader header, ReadPerfDataHeader(bytes));
  PerfDataReader reader(options, header);
  PerfRecordStats stats;
  // The file's pages are mapped a window ahead at once (MADV_POPULATE_READ),
  // not a fault every few pages: 205 MB of dwarf samples made 50 K faults.
  constexpr uint64_t kWindow = uint64_t{8} << 20;
  uint64_t released = header.data_offset, prefaulted = header.data_offset;
  // (Not when the records are read from the file: the mapping is not touched.)
  const bool touched = options.release_pages && options.fd < 0;
  auto prefault = [&](uint64_t from) {
    if (!touched || prefaulted >= bytes.size() || from + kWindow <= prefaulted) return;
    const uint64_t to = std::min<uint64_t>(bytes.size(), from + 2 * kWindow);
    PrefaultPages(bytes.data() + prefaulted, to - prefaulted);
    prefaulted = to;
  };
  prefault(released);
  PROFLENS_RETURN_IF_ERROR(ReadPerfRecords(
      bytes, header, stats, [&](const PerfRecord& r) { return reader.Visit(r); },
      [&](uint64_t done) {
        // In steps of 8 MiB: perf ends a round every few KiB.
        if (done < released + kWindow && done < bytes.size()) return;
        if (options.progress != nullptr) options.progress->fetch_add(done - released, std::memory_order_relaxed);
        if (touched) ReleasePages(bytes.data() + released, done - released);
        released = done;
        prefault(done);
      },
      options.fd));
  PROFLENS_ASSIGN_OR_RETURN(PerfDataResult result, std::move(reader).Finish(stats));
  result.header = std::move(header);
  return result;
}

}  // namespace proflens
