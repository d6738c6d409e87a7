#include "formats/read_profile.h"

#include "analyzer/profile_debug.h"
#include "formats/callgrind/callgrind.h"
#include "formats/json/chrome_trace_reader.h"
#include "formats/io/input.h"
#include "formats/folded/folded.h"
#include "formats/perf/perf_script_reader.h"
#include "formats/pprof/pprof.h"
#include "formats/pprof/pprof_legacy.h"
#include "formats/pprof/pprof_stream_reader.h"
#include "formats/io/progress.h"
#include "formats/python/pstats_reader.h"
#include "formats/python/tracemalloc_reader.h"
#include "formats/json/speedscope.h"

namespace proflens {

Result<LoadedProfile> ReadProfileFile(const std::string& path, const ReadOptions& options) {
  Result<InputBuffer> input = ReadInput(path, options.max_decompressed_size);
  if (!input.ok()) return input.status();
  return ReadProfileInput(*input, path, options);
}

Result<LoadedProfile> ReadProfileInput(const InputBuffer& input, const std::string& path, const ReadOptions& options) {
  ReadOptions with_mapping = options;
  with_mapping.release_pages = input.mapped();
  Result<LoadedProfile> loaded = ReadProfileBytes(input.bytes(), path == "-" ? "standard input" : path, with_mapping);
  if (loaded.ok()) loaded->path = path;
  return loaded;
}

namespace {

template <typename T>
Result<AnyProfile> Any(Result<T> read) {
  if (!read.ok()) return read.status();
  return AnyProfile(std::move(read).value());
}

}  // namespace

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
    if (!head.empty() && head.find('\0') != std::string::npos && DetectFormat(head) == Format::kUnknown) {
      if (std::string nul = DescribeStrayNul(head); !nul.empty()) {
        return Status::Input("reading " + name + ": the gzip data is " + nul);
      }
      const std::string_view looks = DescribeUnknown(head);
      return Status::Input("reading " + name + ": the gzip data holds " +
                           (looks.empty() ? std::string("binary data that is no profile") : std::string(looks)) +
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

  loaded.format = streamed ? Format::kPprof : DetectFormat(bytes);
  Status status;
  switch (loaded.format) {
    case Format::kPprof: {
      if (streamed) {
        loaded.profile = std::move(*streamed);
        break;
      }
      // The inflated bytes are ours; a file mapping is read-only.
      Result<Profile> profile = ReadPprof(bytes, {.release_pages = loaded.gzipped || options.release_pages});
      if (!(status = profile.status()).ok()) break;
      loaded.profile = std::move(profile).value();
      break;
    }
    case Format::kPprofLegacy: {
      Result<Profile> profile = ReadPprofLegacy(bytes);
      if (!(status = profile.status()).ok()) break;
      loaded.profile = std::move(profile).value();
      break;
    }
    case Format::kPerfScript: {
      PerfReadOptions perf_options;
      perf_options.threads = options.threads;
      perf_options.release_pages = options.release_pages && !loaded.gzipped;
      ProgressMeter meter(name, bytes.size(), options.progress);
      perf_options.progress = meter.counter();
      Result<PerfScriptResult> perf = ReadPerfScript(bytes, perf_options);
      if (!(status = perf.status()).ok()) break;
      loaded.profile = std::move(perf->profile);
      loaded.skipped = std::move(perf->skipped);
      break;
    }
    case Format::kFolded: {
      FoldedReadOptions folded_options;
      folded_options.threads = options.threads;
      folded_options.release_pages = options.release_pages && !loaded.gzipped;
      ProgressMeter meter(name, bytes.size(), options.progress);
      folded_options.progress = meter.counter();
      Result<FoldedResult> folded = ReadFolded(bytes, folded_options);
      if (!(status = folded.status()).ok()) break;
      loaded.profile = std::move(folded->profile);
      loaded.base = std::move(folded->base);
      loaded.skipped = std::move(folded->skipped);
      break;
    }
    case Format::kTracemalloc:
    case Format::kPstats:
    case Format::kCallgrind:
    case Format::kSpeedscope:
    case Format::kChromeTrace: {
      std::shared_ptr<TimelineRecording> timeline;
      if (options.timeline) timeline = std::make_shared<TimelineRecording>();
      Result<AnyProfile> profile = loaded.format == Format::kTracemalloc  ? Any(ReadTracemalloc(bytes))
                                   : loaded.format == Format::kPstats       ? Any(ReadPstats(bytes))
                                   : loaded.format == Format::kCallgrind  ? Any(ReadCallgrind(bytes, &loaded.notes))
                                   : loaded.format == Format::kSpeedscope ? Any(ReadSpeedscope(bytes, timeline.get()))
                                                                          : Any(ReadChromeTrace(bytes, &loaded.notes, timeline.get()));
      if (!(status = profile.status()).ok()) break;
      loaded.profile = std::move(profile).value();
      if (timeline && !timeline->lanes.empty()) loaded.timeline = std::move(timeline);
      break;
    }
    case Format::kUnknown: {
      if (std::string nul = DescribeStrayNul(bytes); !nul.empty()) {
        status = Status::Input(nul);
        break;
      }
      const std::string_view looks = DescribeUnknown(bytes);
      std::string what = looks.empty() ? "unrecognized format" : "this looks like " + std::string(looks) + ", which proflens does not read";
      status = Status::Input(what + "; expected pprof profile.proto, perf script text, folded stacks, cProfile "
                                    "output, callgrind, speedscope JSON or Chrome trace JSON, gzipped or plain");
      break;
    }
  }
  if (!status.ok()) return status.WithContext("reading " + name);
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
