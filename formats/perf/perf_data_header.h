// The header of a perf.data file: its events (attributes, names, ids) and
// the feature sections perf writes after the records (build ids, command
// line, host, OS release, CPUs, sample times). A pipe-mode capture
// (`perf record -o -`) has no header beyond its magic: the same facts come
// as records among the samples, and are read into the same struct.
#ifndef PROFLENS_FORMATS_PERF_PERF_DATA_HEADER_H_
#define PROFLENS_FORMATS_PERF_PERF_DATA_HEADER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/status.h"

namespace proflens {

// One event of the capture (perf_event_attr, as far as a profile needs it).
struct PerfEventAttr {
  uint32_t type = 0;
  uint64_t config = 0;
  uint64_t sample_period = 0;  // or the frequency, when freq()
  uint64_t sample_type = 0;    // PERF_SAMPLE_* bits: which fields a sample holds
  uint64_t read_format = 0;
  uint64_t flags = 0;          // the attr's bit fields (disabled, inherit, ..., sample_id_all, ...)
  uint64_t branch_sample_type = 0;
  uint64_t sample_regs_user = 0;
  uint32_t sample_stack_user = 0;
  std::string name;            // as perf names it: "cpu-clock", "cycles:u", "sched:sched_switch"
  std::vector<uint64_t> ids;   // the sample ids that name this event

  bool freq() const { return (flags >> 10) & 1; }
  bool sample_id_all() const { return (flags >> 18) & 1; }
};

// A build id perf recorded for a file samples were taken in.
struct PerfBuildId {
  int32_t pid = 0;
  std::string build_id;  // lower-case hex
  std::string filename;  // the DSO as perf names it ("/usr/lib/x86_64-linux-gnu/libc.so.6", "[kernel.kallsyms]")
};

struct PerfDataHeader {
  bool pipe = false;         // `perf record -o -`: the facts below come as records
  uint64_t data_offset = 0;  // where the records are (in a pipe: right after the magic)
  uint64_t data_size = 0;
  bool data_size_exact = false;  // perf finished the file: its data section says how long it is
  std::vector<PerfEventAttr> events;
  std::vector<PerfBuildId> build_ids;
  std::vector<std::string> cmdline;  // perf's own command line, argument by argument
  std::string hostname, os_release, perf_version, arch;
  uint32_t nr_cpus_online = 0, nr_cpus_available = 0;
  uint64_t first_sample_time = 0, last_sample_time = 0;  // nanoseconds since boot (0: not recorded)
};

// True when `bytes` start as a perf.data file does (file or pipe mode).
bool IsPerfData(std::string_view bytes);

// Reads the header and the feature sections of a perf.data file, or only
// the magic of a pipe-mode one. Errors name the byte offset and what was
// expected there: "byte 8: header size 12, expected 104 (a perf.data file) or 16 (pipe mode)".
Result<PerfDataHeader> ReadPerfDataHeader(std::string_view bytes);

// A perf_event_attr (`bytes` hold it whole, its size first in it), at byte
// `offset` of the file for errors.
Result<PerfEventAttr> ReadPerfEventAttr(std::string_view bytes, uint64_t offset);

// One feature section (HEADER_* number `feature`) into `header`; unknown
// features are left alone.
Status ReadPerfFeature(int feature, std::string_view section, uint64_t offset, PerfDataHeader* header);

// A build id record (perf's build_id_event, its 8-byte header first).
Result<PerfBuildId> ReadPerfBuildId(std::string_view record, uint64_t offset);

// perf's name of an event that no feature names (a hardware or software
// event by its type and config: "cycles", "cpu-clock").
std::string DefaultEventName(uint32_t type, uint64_t config);

}  // namespace proflens

#endif  // PROFLENS_FORMATS_PERF_PERF_DATA_HEADER_H_
