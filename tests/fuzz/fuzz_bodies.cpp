#include "tests/fuzz/fuzz_bodies.h"

#include "analyzer/profile_debug.h"

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>

#include "analyzer/any_profile.h"
#include "analyzer/assertions.h"
#include "analyzer/call_graph.h"
#include "analyzer/flame_tree.h"
#include "analyzer/graph_view.h"
#include "analyzer/peek.h"
#include "analyzer/profile_builder.h"
#include "analyzer/profile_counts.h"
#include "analyzer/profile_debug.h"
#include "analyzer/top.h"
#include "formats/callgrind/callgrind.h"
#include "formats/json/chrome_trace_reader.h"
#include "formats/folded/folded.h"
#include "formats/output/json_writer.h"
#include "formats/perf/perf_data_reader.h"
#include "formats/perf/perf_script_reader.h"
#include "formats/pprof/pprof.h"
#include "formats/pprof/pprof_counts.h"
#include "formats/pprof/pprof_stream_reader.h"
#include "formats/io/gzip.h"
#include "formats/pprof/pprof_legacy.h"
#include "formats/python/pstats_reader.h"
#include "formats/python/pstats_graph.h"
#include "formats/read_profile.h"
#include "formats/json/firefox_profile_reader.h"
#include "formats/json/v8_cpuprofile_reader.h"
#include "formats/python/austin_reader.h"
#include "formats/json/speedscope.h"
#include "formats/python/tracemalloc_reader.h"

namespace proflens::fuzz {

namespace {

// What `info` counts as it inflates a pprof file must be what the profile
// read whole counts, whenever the counting does not decline.
void CheckCounts(std::string_view bytes, const ReadOptions& options) {
  std::optional<PprofCounts> counted =
      CountPprof(bytes, {.max_decompressed_size = options.max_decompressed_size, .piece_size = 7});
  if (!counted) return;
  Result<LoadedProfile> whole = ReadProfileBytes(bytes, "fuzz", options);
  if (!whole.ok() || whole->profile.stacks() == nullptr || !(CountProfile(*whole->profile.stacks()) == counted->counts)) {
    std::abort();
  }
}

// A gzipped pprof profile read as it inflates must be the one read whole,
// whenever the streaming does not decline.
void CheckStream(std::string_view bytes, const ReadOptions& options) {
  if (!IsGzip(bytes)) return;
  std::optional<Profile> streamed = StreamPprof(bytes, options.max_decompressed_size, false, 7);
  if (!streamed) return;
  Result<std::string> inflated = Gunzip(bytes, options.max_decompressed_size);
  if (!inflated.ok()) std::abort();
  Result<Profile> whole = ReadPprof(*inflated);
  if (!whole.ok() || WritePprof(*whole) != WritePprof(*streamed)) std::abort();
}

// Writers that hold every stack whole (speedscope's sampled profiles,
// folded, pprof) write output quadratic in the nesting depth, as documented
// (docs/limits-and-errors.md): 10,000 nested trace events are 50 M frames.
// The bodies write back only profiles of at most 4 M frames in all, so a deep
// seed still tests the readers instead of timing a known-slow writer.
bool WritableInTime(const Profile& p) {
  uint64_t frames = 0;
  for (const Sample& s : p.samples) frames += p.stacks[s.stack].size;
  return frames <= (uint64_t{4} << 20);
}

}  // namespace

void ReadBody(const uint8_t* data, size_t size) {
  ReadOptions options;
  options.max_decompressed_size = 64 << 20;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Result<LoadedProfile> loaded = ReadProfileBytes(bytes, "fuzz", options);
  if (loaded.ok()) (void)loaded->profile.Totals();
  CheckCounts(bytes, options);
  CheckStream(bytes, options);
}

void PprofBody(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Result<Profile> p = ReadPprof(bytes);
  if (p.ok()) (void)p->Totals();
  CheckCounts(bytes, ReadOptions{});
}

void PprofLegacyBody(const uint8_t* data, size_t size) {
  Result<Profile> p = ReadPprofLegacy(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!p.ok()) return;
  if (!CheckValid(*p).ok()) std::abort();
  (void)p->Totals();
}

void PerfScriptBody(const uint8_t* data, size_t size) {
  Result<PerfScriptResult> r = ReadPerfScript(std::string_view(reinterpret_cast<const char*>(data), size));
  if (r.ok()) (void)r->profile.Totals();
}

void PerfDataBody(const uint8_t* data, size_t size) {
  PerfDataOptions options;
  options.symbolize.symfs = "/nonexistent";
  options.symbolize.debug_dir = "/nonexistent";
  options.symbolize.kallsyms = "/nonexistent";
  Result<PerfDataResult> r = ReadPerfData(std::string_view(reinterpret_cast<const char*>(data), size), options);
  if (r.ok()) (void)r->profile.Totals();
}

void FoldedBody(const uint8_t* data, size_t size) {
  Result<FoldedResult> r = ReadFolded(std::string_view(reinterpret_cast<const char*>(data), size));
  if (r.ok()) (void)r->profile.Totals();
}

void PstatsBody(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // What the direct reader takes, the document path reads the same.
  if (std::optional<GraphProfile> direct = ReadPstatsDirect(bytes)) {
    Result<GraphProfile> document = ReadPstatsDocument(bytes);
    if (!document.ok() || DebugString(*direct) != DebugString(*document)) std::abort();
  }
  Result<GraphProfile> p = ReadPstats(bytes);
  if (!p.ok()) return;
  std::ostringstream out;
  WriteCallgrind(*p, out);
}

void CallgrindBody(const uint8_t* data, size_t size) {
  Result<GraphProfile> p = ReadCallgrind(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!p.ok()) return;
  std::ostringstream out;
  WriteCallgrind(*p, out);
}

void PickleBody(const uint8_t* data, size_t size) {
  Result<Profile> p = ReadTracemalloc(std::string_view(reinterpret_cast<const char*>(data), size));
  if (p.ok()) (void)p->Totals();
}

void JsonBody(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string written;
  JsonWriter(&written).String(text);
  if (written != nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) {
    std::abort();
  }
  for (Result<Profile> p : {ReadSpeedscope(text), ReadChromeTrace(text)}) {
    if (!p.ok() || !WritableInTime(*p)) continue;
    std::ostringstream out;
    (void)WriteSpeedscope(*p, out);
  }
}

namespace {

// A profile that reads must hold the model's invariants and write back out.
void WriteBack(const Result<Profile>& p) {
  if (!p.ok()) return;
  if (!CheckValid(*p).ok()) std::abort();
  if (!WritableInTime(*p)) return;
  std::ostringstream out;
  (void)WriteSpeedscope(*p, out);
}

}  // namespace

void V8Body(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  WriteBack(ReadV8CpuProfile(text));
  WriteBack(ReadV8ProfLog(text));
}

void FirefoxBody(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> notes;
  WriteBack(ReadFirefoxProfile(text, &notes));
}

void AustinBody(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> notes;
  WriteBack(ReadAustin(text, &notes));
}

void ParseRuleBody(const uint8_t* data, size_t size) {
  Result<Rule> rule = ParseRule(std::string_view(reinterpret_cast<const char*>(data), size));
  if (rule.ok()) (void)ExprToString(rule->expr);
}

void InputBody(const uint8_t* data, size_t size) {
  ReadOptions options;
  options.max_decompressed_size = 64 << 20;  // keep a fuzzing process small
  Result<LoadedProfile> loaded =
      ReadProfileBytes(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz", options);
  if (!loaded.ok()) return;
  if (loaded->profile.graph() != nullptr) return;  // graph profiles: the pstats and callgrind bodies
  const Profile& p = *loaded->profile.stacks();
  if (p.sample_types.empty()) return;
  const int t = p.DefaultSampleIndex();
  CallGraphOptions runs{Granularity::kFunctions};
  runs.threads = 3;
  runs.min_samples_per_thread = 1;
  if (DebugString(BuildCallGraph(p, runs)) != DebugString(BuildCallGraph(p, {}))) std::abort();
  GraphBuilder build = [&p](const NodeKeySet* kept) {
    return std::make_shared<CallGraph>(BuildCallGraph(p, {Granularity::kFunctions, kept, true}));
  };
  TopOptions top;
  top.sample_index = t;
  top.node_count = 20;
  (void)ComputeTop(build, top);
  (void)ComputePeek(build, PeekOptions{t, ".", "minimum", {}});
  GraphViewOptions view;
  view.sample_index = t;
  view.node_count = 20;
  (void)ComputeGraphView(build, view);
  (void)BuildFlameTree(p, {t});
  if (!WritableInTime(p)) return;
  std::ostringstream folded;
  WriteFolded(p, FoldedOptions{.sample_index = t, .tid = true, .kernel = true, .jit = true, .addrs = true}, folded);
  // What we write must read back.
  std::string proto = WritePprof(p);
  (void)ReadPprof(proto);
}

void RuleBody(const uint8_t* data, size_t size) {
  static const Profile kProfile = [] {
    ProfileBuilder b;
    b.AddSampleType("cpu", "nanoseconds");
    b.AddSampleType("alloc_space", "bytes");
    Function f;
    f.name = b.InternString("parse");
    Line line{b.InternFunction(f), 0};
    LocationId loc = b.InternLocation(kNoId, 0, {&line, 1});
    int64_t values[] = {1000, 64};
    b.AddSample(b.InternStack({&loc, 1}), 0, values);
    Profile p = std::move(b).Build();
    p.duration_nanos = 5000;
    return p;
  }();
  Result<Rule> rule = ParseRule(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!rule.ok()) return;
  CheckContext context;
  static const AnyProfile kAny(kProfile);
  context.profile = &kAny;
  context.base = &kAny;
  context.ops = 10;
  (void)EvaluateRule(*rule, context);
}

}  // namespace proflens::fuzz
