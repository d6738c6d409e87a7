// The records of a perf.data file, in the order perf processes them, and
// the fields of a sample.
//
// perf writes records as each CPU's buffer is drained, one round after
// another (a FINISHED_ROUND record ends each); `perf script` sorts them by
// time, holding each round until the next one ends and then passing on
// those up to the last time the round before saw. The same is done here, so
// a sample sees the process names and memory maps perf script gives it. The
// records are not copied: they stay in the (mapped) input, and only a round
// or two of offsets is held.
#ifndef PROFLENS_FORMATS_PERF_PERF_DATA_RECORDS_H_
#define PROFLENS_FORMATS_PERF_PERF_DATA_RECORDS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/status.h"
#include "formats/perf/perf_data_header.h"

namespace proflens {

struct PerfRecord {
  uint32_t type = 0;
  uint16_t misc = 0;
  std::string_view body;  // after the 8-byte record header
  uint64_t offset = 0;    // the record's byte offset in the file
};

// A sample's fields (those the attr's sample_type has; others are 0).
struct PerfSample {
  size_t event = 0;  // index into PerfDataHeader::events
  uint64_t ip = 0, time = 0, period = 0, id = 0;
  uint32_t pid = 0, tid = 0, cpu = 0;
  uint16_t cpumode = 0;        // the record's PERF_RECORD_MISC_* cpu mode
  std::string_view callchain;  // nr u64 entries, context markers among them
  size_t callchain_size() const { return callchain.size() / 8; }
  uint64_t callchain_at(size_t i) const;
  uint64_t regs_abi = 0;
  std::string_view regs_user;   // u64 each, the bits of sample_regs_user in order
  std::string_view stack_user;  // the bytes copied from the user stack (dyn_size of them valid)
};

// What reading the records found along the way.
struct PerfRecordStats {
  uint64_t records = 0;       // every record perf would count as an event
  uint64_t lost_records = 0;  // PERF_RECORD_LOST
  uint64_t lost_events = 0;   // the events they say were lost
  uint64_t lost_samples = 0;  // PERF_RECORD_LOST_SAMPLES
  uint64_t truncated_at = 0;  // where a cut-off file's last whole record ends (0: it was not cut)
};

// Reads the records after the header in perf's order and gives each to
// `visit`. Errors (a record that claims more bytes than the data holds, a
// record shorter than its header) name the byte offset. The pipe-mode
// header records (attrs, event names, features, build ids) are read into
// `header` as they come. `consumed(bytes)` is told how much of the input
// is done with (for progress and for giving pages back). With `fd` (the
// file `file` maps, open), the records are read from it with pread, a few
// MiB at a time, and the mapping's pages are not touched: on the shared VM
// the first touch of each page cost 2-3 us (318 MB of dwarf samples: 0.2 s
// touched, 0.04 s read).
Status ReadPerfRecords(std::string_view file, PerfDataHeader& header, PerfRecordStats& stats,
                       const std::function<Status(const PerfRecord&)>& visit,
                       const std::function<void(uint64_t)>& consumed, int fd = -1);

// The event of a sample record and its fields; errors (a callchain longer
// than its record) name the byte offset.
Status ParsePerfSample(const PerfDataHeader& header, const PerfRecord& record, PerfSample* sample);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_DATA_RECORDS_H_
