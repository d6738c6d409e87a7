// perf.data (Linux perf's binary capture, `perf record`), file or pipe mode,
// read into the profile `perf script` text of the same capture gives
// (formats/perf/perf_samples.h): the same events, comm/tid labels, frames,
// DSOs and symbols, without running perf script.
//
// The records are read where they lie (a mapped file's pages are given back
// once read), in perf script's order (formats/perf/perf_data_records.h);
// addresses are named in-process (formats/perf/perf_symbolizer.h).
//
// A file perf did not finish (killed) is read to its last whole record, with
// a note saying where it stopped; garbage, a wrong header size, a record
// longer than the data or a callchain longer than its record are errors
// naming the byte offset.
#ifndef PROFLENS_FORMATS_PERF_PERF_DATA_READER_H_
#define PROFLENS_FORMATS_PERF_PERF_DATA_READER_H_

#include <atomic>
#include <cstdint>
#include <string_view>

#include "analyzer/status.h"
#include "formats/perf/perf_data_header.h"
#include "formats/perf/perf_samples.h"
#include "formats/perf/perf_symbolizer.h"

namespace proflens {

struct PerfDataOptions {
  PerfSymbolizeOptions symbolize;
  std::atomic<uint64_t>* progress = nullptr;  // bytes read, added as they are
  bool release_pages = false;                 // the bytes are a file mapping: give pages back once read
  int fd = -1;                                // the file the bytes map, open: records are read from it (pread)
  // For tests: each --call-graph dwarf sample unwound by cached CFI rules is
  // unwound by libdw too, and counted in PerfDataResult::unwind_mismatches
  // when the two give other frames (formats/perf/perf_unwind.h).
  bool check_unwind = false;
};

struct PerfDataResult : PerfScriptResult {
  PerfDataHeader header;
  uint64_t samples = 0;  // sample records read
  uint64_t lost_events = 0, lost_records = 0, lost_samples = 0;
  // --call-graph dwarf samples unwound, those unwound by cached CFI rules
  // (the others by libdw), and (check_unwind) those where libdw differs.
  uint64_t unwound = 0, unwound_by_rules = 0, unwind_mismatches = 0;
};

Result<PerfDataResult> ReadPerfData(std::string_view bytes, const PerfDataOptions& options = {});

// What `info` shows of a capture's header, as (what, value) pairs:
// ("Command line", "perf record -g ./work"), ("Host", ...), ("OS release", ...),
// ("perf version", ...), ("CPUs", "2 online, 2 available"), ("Events", "cpu-clock (999 Hz)"),
// ("Sample records", "1234"), ("Lost", "none" or what perf lost); facts the capture lacks are left out.
std::vector<std::pair<std::string, std::string>> DescribePerfData(const PerfDataResult& perf);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_DATA_READER_H_
