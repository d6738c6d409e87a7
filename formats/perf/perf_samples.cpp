#include "formats/perf/perf_samples.h"

#include <cstdlib>
#include <unordered_map>

#include "analyzer/profile_copier.h"
#include "analyzer/root_frames.h"
#include "analyzer/symbol_names.h"
#include "formats/folded/folded.h"

namespace proflens {

namespace {

// perf's event modifiers (cycles:u, cpu-clock:pppH): the letters perf
// accepts after the last colon of an event name.
bool IsModifierSuffix(std::string_view s) {
  return !s.empty() && s.find_first_not_of("ukhIGHpPSDWebR") == std::string_view::npos;
}

// The sample type of an event: its name without perf's modifiers, as the
// header shows the event (cpu-clock, not cpu-clock:pppH), unless another
// event of the capture has the same name (cycles:u and cycles:k stay apart).
// Tracepoints (sched:sched_switch) keep their names.
std::string SampleTypeName(std::string_view name, const std::vector<PerfEvent>& events) {
  auto bare = [](std::string_view n) {
    const size_t colon = n.rfind(':');
    return colon != std::string_view::npos && colon > 0 && IsModifierSuffix(n.substr(colon + 1)) ? n.substr(0, colon) : n;
  };
  const std::string_view stripped = bare(name);
  for (const PerfEvent& other : events) {
    if (other.name != name && bare(other.name) == stripped) return std::string(name);
  }
  return std::string(stripped);
}

// Whether a perf DSO is a program rather than the kernel, a pseudo-file
// ([vdso], [unknown], [JIT] tid 7), a JIT map (/tmp/perf-123.map) or a
// shared library (libc.so.6, ld-linux-x86-64.so.2).
bool IsProgramFile(std::string_view file) {
  if (file.empty() || file.front() == '[') return false;
  const std::string_view base = file.substr(file.rfind('/') == std::string_view::npos ? 0 : file.rfind('/') + 1);
  if (base.starts_with("perf-") && base.ends_with(".map")) return false;
  const size_t so = base.find(".so");
  return so == std::string_view::npos || (so + 3 < base.size() && base[so + 3] != '.');
}

// pprof's convention is that the first mapping is the main binary, which the
// header shows (File: work). perf lists DSOs as samples meet them, often the
// kernel or the dynamic loader first: the first program among them goes first.
// A capture whose samples never ran in a program file (a tracepoint in the
// kernel, a JVM whose frames are all libjvm.so, the kernel and perf-PID.map)
// still names its program: the process name with the most samples becomes
// the first mapping's file (a mapping that holds no address).
void PutMainBinaryFirst(Profile& p) {
  size_t main = 0;
  while (main < p.mappings.size() && !IsProgramFile(p.str(p.mappings[main].file))) ++main;
  if (main == p.mappings.size()) {
    std::unordered_map<StringId, uint64_t> samples_of;  // comm -> the first event's value
    for (size_t i = 0; i < p.samples.size(); ++i) {
      for (const Label& l : p.LabelsOf(p.samples[i].labels)) {
        if (p.str(l.key) == kCommLabel) samples_of[l.str] += static_cast<uint64_t>(std::llabs(p.ValuesOf(i)[0]));
      }
    }
    StringId comm = 0;
    uint64_t most = 0;
    for (const auto& [name, n] : samples_of) {
      if (n > most || (n == most && p.str(name) < p.str(comm))) {
        comm = name;
        most = n;
      }
    }
    if (comm == 0) return;
    Mapping program;
    program.file = comm;
    p.mappings.insert(p.mappings.begin(), program);
    for (Location& l : p.locations) {
      if (l.mapping != kNoId) ++l.mapping;
    }
    return;
  }
  if (main == 0) return;
  std::swap(p.mappings[0], p.mappings[main]);
  for (Location& l : p.locations) {
    if (l.mapping == 0) {
      l.mapping = static_cast<MappingId>(main);
    } else if (l.mapping == main) {
      l.mapping = 0;
    }
  }
}

}  // namespace

FunctionId InternPerfFunction(ProfileBuilder& b, std::string_view symbol, std::string_view file) {
  Function fn;
  // The frame as stackcollapse-perf.pl writes it, and the short name.
  fn.system_name = b.InternString(TidyFrameName(symbol));
  fn.name = b.InternString(DisplayName(symbol));
  if (!file.empty()) fn.filename = b.InternString(file);
  return b.InternFunction(fn);
}

MappingId InternPerfMapping(ProfileBuilder& b, std::string_view dso) {
  Mapping mapping;
  mapping.file = b.InternString(dso);
  mapping.has_functions = true;  // perf symbolized what it could
  return b.InternMapping(mapping);
}

PerfMerger::PerfMerger(size_t pieces) : pieces_(pieces) {
  result_.pieces = 0;
  result_.skipped.resize(2);
  result_.skipped[1].one = "sample whose period is negative or beyond 64 bits";
  result_.skipped[1].many = "samples whose period is negative or beyond 64 bits";
  result_.skipped[0].one = "line that belongs to no sample";
  result_.skipped[0].many = "lines that belong to no sample";
}

void PerfMerger::Add(PerfChunk& chunk) {
  std::vector<int> type_of;  // the chunk's sample type -> ours
  for (const PerfEvent& e : chunk.events) {
    size_t i = 0;
    while (i < events_.size() && events_[i].name != e.name) ++i;
    if (i == events_.size()) {
      events_.push_back({e.name, false});
      b_.AddSampleType("", "");  // named in Finish
    }
    events_[i].missing_period |= e.missing_period;
    type_of.push_back(static_cast<int>(i));
  }
  const Profile& src = chunk.profile;
  const SampleLog& log = chunk.samples;
  any_sample_ |= log.size() != 0;
  ProfileCopier copier(src, b_);
  size_t begin = 0;
  for (size_t s = 0; s < log.size(); ++s) {
    stack_.clear();
    for (size_t i = begin; i < log.ends[s]; ++i) stack_.push_back(copier.Location(log.ids[i]));
    begin = log.ends[s];
    values_.assign(events_.size(), 0);
    values_[type_of[log.events[s]]] = log.values[s];
    // Interned one sample late: the big table's miss overlaps the next sample's copy.
    b_.AddSampleLate(stack_, copier.Labels(log.labels[s]), values_);
  }
  raw_ += log.size();
  for (size_t k = 0; k < 2; ++k) result_.skipped[k].AddPiece(chunk.skipped[k], line_offset_);
  if (chunk.unended_line != 0) {
    result_.notes.push_back("the last sample (line " + std::to_string(line_offset_ + chunk.unended_line) +
                            ") has no blank line after it; it is read (stackcollapse-perf.pl leaves it out)");
  }
  line_offset_ += chunk.lines;
  if (chunk.have_time) {
    if (!have_time_ || chunk.first_time < first_time_) first_time_ = chunk.first_time;
    if (!have_time_ || chunk.last_time > last_time_) last_time_ = chunk.last_time;
    have_time_ = true;
  }
  ++result_.pieces;
  ExpectMore();
}

Result<PerfScriptResult> PerfMerger::Finish(std::string_view no_samples) && {
  if (events_.empty() && !any_sample_) {
    return Status::Input(std::string(no_samples));
  }
  Profile& p = b_.profile();
  for (size_t i = 0; i < events_.size(); ++i) {
    // Clock events count nanoseconds when perf printed their period.
    std::string_view name = events_[i].name;
    std::string_view base = name.substr(0, name.find_first_of(":/"));
    const bool clock = (base == "cpu-clock" || base == "task-clock") && !events_[i].missing_period;
    p.sample_types[i].type = b_.InternString(SampleTypeName(name, events_));
    p.sample_types[i].unit = b_.InternString(clock ? "nanoseconds" : "count");
  }
  // The first event is the default, as stackcollapse-perf.pl picks it.
  if (!events_.empty()) p.default_sample_type = p.sample_types[0].type;
  // Sample times count from boot, not the epoch: the profile's time is
  // perf's header's, set by ReadPerfScript.
  // (Saturated: a corrupt perf.data's times, u64 read as int64, can span more than int64.)
  if (have_time_ && __builtin_sub_overflow(last_time_, first_time_, &p.duration_nanos)) p.duration_nanos = INT64_MAX;
  result_.profile = std::move(b_).Build();
  result_.profile.raw_sample_count = raw_;
  PutMainBinaryFirst(result_.profile);
  return std::move(result_);
}

// After the second piece, room for as many new samples and stack ids in
// each piece left as the second piece added: on a real capture nearly
// every stack is new in every piece, and the profile's tables then never
// grow by copying (the stack table's rehashing missed the cache for every
// stack, each doubling of a table faulted in fresh pages). A capture whose
// second piece adds little (the same stacks again) reserves little.
void PerfMerger::ExpectMore() {
  const Profile& p = b_.profile();
  if (result_.pieces == 1) {
    first_samples_ = p.samples.size();
    first_ids_ = p.stack_locations.size();
  } else if (result_.pieces == 2 && pieces_ > 2) {
    const size_t left = pieces_ - 2;
    b_.ReserveSamples((p.samples.size() - first_samples_) * left, (p.stack_locations.size() - first_ids_) * left);
  }
}

}  // namespace proflens
