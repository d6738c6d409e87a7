#include "formats/read_profile.h"

#include "analyzer/profile_debug.h"
#include "formats/callgrind/callgrind.h"
#include "formats/json/chrome_trace_reader.h"
#include "formats/io/input.h"
#include "formats/folded/folded.h"
#include "formats/go/goroutine_dump_reader.h"
#include "formats/perf/perf_data_reader.h"
#include "formats/perf/perf_script_reader.h"
#include "formats/pprof/pprof.h"
#include "formats/pprof/pprof_legacy.h"
#include "formats/pprof/pprof_stream_reader.h"
#include "formats/io/progress.h"
#include "formats/python/pstats_reader.h"
#include "formats/python/tracemalloc_reader.h"
#include "formats/json/speedscope.h"
#include "formats/json/firefox_profile_reader.h"
#include "formats/json/v8_cpuprofile_reader.h"
#include "formats/io/text_encoding.h"
#include "formats/python/austin_reader.h"

namespace proflens {

Result<LoadedProfile> ReadProfileFile(const std::string& path, const ReadOptions& options) {
  PROFLENS_ASSIGN_OR_RETURN(InputBuffer input, ReadInput(path, options.max_decompressed_size));
  return ReadProfileInput(input, path, options);
}

Result<LoadedProfile> ReadProfileInput(const InputBuffer& input, const std::string& path, const ReadOptions& options) {
  ReadOptions with_mapping = options;
  with_mapping.release_pages = input.mapped();
  with_mapping.mapped_fd = input.fd();
  Result<LoadedProfile> loaded = ReadProfileBytes(input.bytes(), path == "-" ? "standard input" : path, with_mapping);
  if (loaded.ok()) loaded->path = path;
  return loaded;
}

namespace {

// What a reader is given: the (inflated) bytes, the options, where the bytes
// live (a read-only file mapping whose pages can be given back, or memory
// inflated here that is the reader's to give back), and the input's name
// for a progress line.
struct ReaderInput {
  std::string_view bytes;
  const ReadOptions& options;
  bool mapped = false;
  bool inflated = false;
  const std::string& name;
};

// Every reader has this signature: it fills `loaded` (the profile and what
// it noted or skipped) or says why it cannot.
using FormatReader = Status (*)(const ReaderInput& in, LoadedProfile& loaded);

template <typename T>
Status Keep(Result<T> read, LoadedProfile& loaded) {
  if (!read.ok()) return read.status();
  loaded.profile = AnyProfile(std::move(read).value());
  return Status::Ok();
}

// The options of the readers that read in pieces, counting what they read
// on `meter`.
PieceReadOptions PiecesOf(const ReaderInput& in, ProgressMeter& meter) {
  PieceReadOptions pieces;
  pieces.threads = in.options.threads;
  pieces.release_pages = in.mapped;
  pieces.progress = meter.counter();
  return pieces;
}

Status ReadPprofInput(const ReaderInput& in, LoadedProfile& loaded) {
  return Keep(ReadPprof(in.bytes, {.release_pages = in.mapped || in.inflated}), loaded);
}

Status ReadPprofLegacyInput(const ReaderInput& in, LoadedProfile& loaded) { return Keep(ReadPprofLegacy(in.bytes), loaded); }

Status ReadPerfScriptInput(const ReaderInput& in, LoadedProfile& loaded) {
  ProgressMeter meter(in.name, in.bytes.size(), in.options.progress);
  const PieceReadOptions options = PiecesOf(in, meter);
  PROFLENS_ASSIGN_OR_RETURN(PerfScriptResult perf, ReadPerfScript(in.bytes, options));
  loaded.profile = std::move(perf.profile);
  loaded.skipped = std::move(perf.skipped);
  loaded.notes.insert(loaded.notes.end(), perf.notes.begin(), perf.notes.end());
  return Status::Ok();
}

Status ReadPerfDataInput(const ReaderInput& in, LoadedProfile& loaded) {
  ProgressMeter meter(in.name, in.bytes.size(), in.options.progress);
  PerfDataOptions options;
  options.symbolize.symfs = in.options.symfs;
  options.symbolize.debug_dir = in.options.perf_debug_dir;
  options.progress = meter.counter();
  options.release_pages = in.mapped;
  options.fd = in.mapped ? in.options.mapped_fd : -1;
  PROFLENS_ASSIGN_OR_RETURN(PerfDataResult perf, ReadPerfData(in.bytes, options));
  loaded.capture = DescribePerfData(perf);
  loaded.profile = std::move(perf.profile);
  loaded.notes.insert(loaded.notes.end(), perf.notes.begin(), perf.notes.end());
  return Status::Ok();
}

Status ReadFoldedInput(const ReaderInput& in, LoadedProfile& loaded) {
  ProgressMeter meter(in.name, in.bytes.size(), in.options.progress);
  const PieceReadOptions options = PiecesOf(in, meter);
  PROFLENS_ASSIGN_OR_RETURN(FoldedResult folded, ReadFolded(in.bytes, options));
  loaded.profile = std::move(folded.profile);
  loaded.base = std::move(folded.base);
  loaded.skipped = std::move(folded.skipped);
  return Status::Ok();
}

Status ReadPstatsInput(const ReaderInput& in, LoadedProfile& loaded) { return Keep(ReadPstats(in.bytes), loaded); }

Status ReadTracemallocInput(const ReaderInput& in, LoadedProfile& loaded) { return Keep(ReadTracemalloc(in.bytes), loaded); }

Status ReadCallgrindInput(const ReaderInput& in, LoadedProfile& loaded) {
  return Keep(ReadCallgrind(in.bytes, &loaded.notes, &loaded.skipped), loaded);
}

// The timeline formats keep their spans in time order when asked to.
template <typename Read>
Status ReadWithTimeline(const ReaderInput& in, LoadedProfile& loaded, Read read) {
  std::shared_ptr<TimelineRecording> timeline;
  if (in.options.timeline) timeline = std::make_shared<TimelineRecording>();
  PROFLENS_RETURN_IF_ERROR(Keep(read(timeline.get()), loaded));
  if (timeline && !timeline->lanes.empty()) loaded.timeline = std::move(timeline);
  return Status::Ok();
}

Status ReadSpeedscopeInput(const ReaderInput& in, LoadedProfile& loaded) {
  return ReadWithTimeline(in, loaded, [&](TimelineRecording* t) { return ReadSpeedscope(in.bytes, t); });
}

Status ReadChromeTraceInput(const ReaderInput& in, LoadedProfile& loaded) {
  return ReadWithTimeline(in, loaded, [&](TimelineRecording* t) { return ReadChromeTrace(in.bytes, &loaded.notes, t); });
}

Status ReadV8CpuProfileInput(const ReaderInput& in, LoadedProfile& loaded) {
  return Keep(ReadV8CpuProfile(in.bytes, &loaded.notes), loaded);
}

Status ReadV8LogInput(const ReaderInput& in, LoadedProfile& loaded) { return Keep(ReadV8ProfLog(in.bytes), loaded); }

Status ReadFirefoxInput(const ReaderInput& in, LoadedProfile& loaded) {
  return Keep(ReadFirefoxProfile(in.bytes, &loaded.notes), loaded);
}

Status ReadAustinInput(const ReaderInput& in, LoadedProfile& loaded) { return Keep(ReadAustin(in.bytes, &loaded.notes), loaded); }

Status ReadGoroutineDumpInput(const ReaderInput& in, LoadedProfile& loaded) {
  return Keep(ReadGoroutineDump(in.bytes, &loaded.notes), loaded);
}

// The reader of each format DetectFormat can name.
FormatReader ReaderOf(Format format) {
  switch (format) {
    case Format::kPprof: return ReadPprofInput;
    case Format::kPprofLegacy: return ReadPprofLegacyInput;
    case Format::kPerfScript: return ReadPerfScriptInput;
    case Format::kPerfData: return ReadPerfDataInput;
    case Format::kFolded: return ReadFoldedInput;
    case Format::kPstats: return ReadPstatsInput;
    case Format::kCallgrind: return ReadCallgrindInput;
    case Format::kSpeedscope: return ReadSpeedscopeInput;
    case Format::kChromeTrace: return ReadChromeTraceInput;
    case Format::kTracemalloc: return ReadTracemallocInput;
    case Format::kV8CpuProfile: return ReadV8CpuProfileInput;
    case Format::kV8Log: return ReadV8LogInput;
    case Format::kFirefox: return ReadFirefoxInput;
    case Format::kAustin: return ReadAustinInput;
    case Format::kGoroutineDump: return ReadGoroutineDumpInput;
    case Format::kUnknown: break;
  }
  return nullptr;
}

// Why bytes of no known format are refused.
Status Unrecognized(std::string_view bytes) {
  if (std::string nul = DescribeStrayNul(bytes); !nul.empty()) return Status::Input(nul);
  const std::string why = DescribeUnknown(bytes);
  if (why.starts_with("closest is ")) return Status::Input("not a profile proflens reads: " + why);
  if (why.find("proflens") != std::string::npos || why.find(": ") != std::string::npos) return Status::Input("this looks like " + why);
  if (!why.empty()) return Status::Input("this looks like " + why + ", which proflens does not read");
  return Status::Input("unrecognized format; expected pprof profile.proto, perf script text, folded stacks, "
                       "cProfile output, callgrind, speedscope, Chrome trace, V8 .cpuprofile, Firefox Profiler "
                       "JSON, Austin samples or a Go goroutine dump, gzipped or plain");
}

}  // namespace

bool LooksLikeProfile(std::string_view bytes) {
  std::string inflated;
  if (IsGzip(bytes)) {
    inflated = GunzipHead(bytes, size_t{1} << 20);  // JSON formats are told by keys in their first MiB
    bytes = inflated;
  }
  std::string transcoded;
  switch (EncodingOf(bytes)) {
    case TextEncoding::kUtf8Bom: bytes.remove_prefix(3); break;
    case TextEncoding::kUtf16Le:
    case TextEncoding::kUtf16Be:
      transcoded = Utf16ToUtf8(bytes.substr(0, size_t{1} << 20), EncodingOf(bytes) == TextEncoding::kUtf16Be);
      bytes = transcoded;
      break;
    case TextEncoding::kPlain: break;
  }
  return !bytes.empty() && DetectFormat(bytes) != Format::kUnknown;
}

Result<LoadedProfile> ReadProfileBytes(std::string_view bytes, const std::string& name, const ReadOptions& options) {
  LoadedProfile loaded;
  loaded.path = name;
  loaded.file_size = bytes.size();
  if (bytes.empty()) return Status::Input("reading " + name + ": the file is empty, expected a profile");

  std::string decompressed;
  std::optional<Profile> streamed;  // a gzipped pprof profile read as it was inflated
  if (IsGzip(bytes)) {
    // What the data holds is told by its first bytes: a bomb of zeros, or any
    // binary that is not a profile, is refused before it is inflated whole.
    const std::string head = GunzipHead(bytes, kBinaryVerdictBytes);  // 64 KiB
    const TextEncoding encoding = EncodingOf(head);
    const bool utf16 = encoding == TextEncoding::kUtf16Le || encoding == TextEncoding::kUtf16Be;
    if (!head.empty() && !utf16 && head.find('\0') != std::string::npos && DetectFormat(head) == Format::kUnknown) {
      if (std::string nul = DescribeStrayNul(head); !nul.empty()) {
        return Status::Input("reading " + name + ": the gzip data is " + nul);
      }
      const std::string looks = DescribeUnknown(head);
      return Status::Input("reading " + name + ": the gzip data holds " +
                           (looks.empty() ? std::string("binary data that is no profile") : looks) +
                           " (refused after inflating its first 64 KiB)");
    }
    loaded.gzipped = true;
    // pprof by its head as by all of it (the head is kBinaryVerdictBytes).
    if (DetectFormat(head) == Format::kPprof) streamed = StreamPprof(bytes, options.max_decompressed_size, options.release_pages);
    if (!streamed) {
      Result<std::string> gunzipped = Gunzip(bytes, options.max_decompressed_size);
      if (!gunzipped.ok()) return gunzipped.status().WithContext("reading " + name);
      decompressed = std::move(gunzipped).value();
      bytes = decompressed;
      if (bytes.empty()) return Status::Input("reading " + name + ": the gzip data is empty, expected a profile");
    }
  }

  // Text with a byte-order mark is read as UTF-8 without one.
  std::string transcoded;
  if (!streamed) {
    switch (EncodingOf(bytes)) {
      case TextEncoding::kUtf8Bom: bytes.remove_prefix(3); break;
      case TextEncoding::kUtf16Le:
      case TextEncoding::kUtf16Be: {
        const bool big_endian = EncodingOf(bytes) == TextEncoding::kUtf16Be;
        transcoded = Utf16ToUtf8(bytes, big_endian);
        bytes = transcoded;
        decompressed = std::string();  // the UTF-16 bytes are no longer needed
        loaded.notes.push_back(std::string("read as UTF-16 text (") + (big_endian ? "big" : "little") +
                               "-endian, with a byte-order mark)");
        break;
      }
      case TextEncoding::kPlain: break;
    }
  }

  loaded.format = streamed ? Format::kPprof : DetectFormat(bytes);
  Status status;
  if (streamed) {
    loaded.profile = std::move(*streamed);
  } else if (FormatReader read = ReaderOf(loaded.format); read != nullptr) {
    const bool ours = loaded.gzipped || !transcoded.empty();  // memory of ours, not the file's mapping
    const bool mapped = options.release_pages && !ours;
    status = read(ReaderInput{bytes, options, mapped, ours, name}, loaded);
  } else {
    status = Unrecognized(bytes);
  }
  if (!status.ok()) return status.WithContext("reading " + name);
  if (options.strict) {
    for (const SkippedLines& s : loaded.skipped) {
      if (s.count == 0 || s.harmless) continue;
      std::string where = s.first_line != 0 ? "line " + std::to_string(s.first_line) + ": " : "";
      return Status::Input("reading " + name + ": " + where + "skipped " + std::to_string(s.count) + " " + s.what() +
                           (s.first_text.empty() ? "" : " (first: \"" + s.first_text + "\")") +
                           ", and --strict refuses an input with skipped lines");
    }
  }
  if (loaded.profile.header().sample_types.empty()) {
    return Status::Input("reading " + name + ": the profile has no sample types, so nothing to report");
  }
#ifdef PROFLENS_CHECK_VALID
  // Debug, sanitizer and fuzz builds: every reader's output keeps the model's invariants.
  status = CheckValid(loaded.profile);
  if (status.ok() && loaded.base) status = CheckValid(*loaded.base);
  if (!status.ok()) return status.WithContext("reading " + name);
#endif
  return loaded;
}

}  // namespace proflens
