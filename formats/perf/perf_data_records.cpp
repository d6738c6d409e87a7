#include "formats/perf/perf_data_records.h"

#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <deque>
#include <memory>

#include "formats/perf/perf_data_layout.h"

namespace proflens {

namespace {

using perf::Cursor;

bool IsUserRecord(uint32_t type) { return type >= perf::kHeaderAttr; }

// The time of a record, when it has one: a sample's TIME field, or the
// sample_id fields perf appends to other records (sample_id_all), read from
// the record's end with the first event's sample_type (perf requires their
// layouts to agree).
bool RecordTime(const PerfDataHeader& header, const PerfRecord& r, uint64_t* time) {
  if (header.events.empty()) return false;
  const PerfEventAttr& attr = header.events[0];
  const uint64_t t = attr.sample_type;
  if ((t & perf::kTime) == 0) return false;
  size_t index = 0;
  if (r.type == perf::kSample) {
    index = ((t & perf::kIdentifier) != 0) + ((t & perf::kIp) != 0) + ((t & perf::kTid) != 0);
  } else {
    if (!attr.sample_id_all()) return false;
    // From the end: IDENTIFIER, CPU, STREAM_ID, ID, then TIME.
    const size_t after = ((t & perf::kIdentifier) != 0) + ((t & perf::kCpu) != 0) + ((t & perf::kStreamId) != 0) +
                         ((t & perf::kId) != 0) + 1;
    if (r.body.size() / 8 < after) return false;
    index = r.body.size() / 8 - after;
  }
  if ((index + 1) * 8 > r.body.size()) return false;
  std::memcpy(time, r.body.data() + index * 8, 8);
  return true;
}

// The extra bytes that follow a record without being counted in its size
// (pipe mode's tracing data, AUX trace data).
uint64_t TrailingBytes(const PerfRecord& r) {
  Cursor c(r.body);
  if (r.type == perf::kHeaderTracingData) return c.U32();
  if (r.type == perf::kAuxtrace) return c.U64();
  return 0;
}

// Pipe mode: the header's facts come as records.
Status ReadHeaderRecord(const PerfRecord& r, std::string_view whole, PerfDataHeader& header) {
  switch (r.type) {
    case perf::kHeaderAttr: {
      if (r.body.size() < 8) return perf::ErrorAt(r.offset, "an attr record too short for its perf_event_attr");
      uint32_t size = 0;
      std::memcpy(&size, r.body.data() + 4, 4);
      if (size < 64 || size > r.body.size()) {
        return perf::ErrorAt(r.offset, "an attr record whose perf_event_attr size " + std::to_string(size) +
                                " does not fit its " + std::to_string(r.body.size()) + " bytes");
      }
      PROFLENS_ASSIGN_OR_RETURN(PerfEventAttr attr, ReadPerfEventAttr(r.body.substr(0, size), r.offset + 8));
      Cursor ids(r.body.substr(size));
      while (ids.left() >= 8) attr.ids.push_back(ids.U64());
      header.events.push_back(std::move(attr));
      return Status::Ok();
    }
    case perf::kEventUpdate: {
      Cursor c(r.body);
      const uint64_t type = c.U64(), id = c.U64();
      if (type != 2 || !c.ok()) return Status::Ok();  // PERF_EVENT_UPDATE__NAME
      std::string_view name = c.PaddedString(c.left());
      for (PerfEventAttr& e : header.events) {
        if (std::find(e.ids.begin(), e.ids.end(), id) != e.ids.end()) e.name = std::string(name);
      }
      return Status::Ok();
    }
    case perf::kHeaderFeature: {
      Cursor c(r.body);
      const uint64_t feature = c.U64();
      if (!c.ok() || feature > 255) return Status::Ok();
      return ReadPerfFeature(static_cast<int>(feature), r.body.substr(8), r.offset + 16, &header);
    }
    case perf::kHeaderBuildId: {
      PROFLENS_ASSIGN_OR_RETURN(PerfBuildId b, ReadPerfBuildId(whole, r.offset));
      header.build_ids.push_back(std::move(b));
      return Status::Ok();
    }
    case perf::kCompressed:
      return perf::ErrorAt(r.offset, "a compressed record (perf record -z): record without -z, or run "
                          "`perf inject -i FILE -o OUT` to write it uncompressed");
    default: return Status::Ok();
  }
}

// The bytes of the records: the file's mapping itself, or with an open file
// windows of it read with pread, each with the most a record can run past
// its end, kept until the records starting in them are done with.
class RecordBytes {
 public:
  RecordBytes(std::string_view file, int fd) : file_(file), fd_(fd) {}

  // The `size` bytes at `offset` (a record: at most 64 KiB), valid until
  // Release passes them.
  std::string_view At(uint64_t offset, size_t size) {
    if (fd_ < 0) return file_.substr(offset, size);
    const uint64_t w = offset / kWindow;
    if (windows_.empty() || w < first_) {
      windows_.clear();
      first_ = w;
    }
    while (first_ + windows_.size() <= w) windows_.emplace_back();
    Window& window = windows_[w - first_];
    if (window.bytes == nullptr && !Load(w, window)) return file_.substr(offset, size);  // read failed: the mapping's
    return std::string_view(window.bytes.get(), window.size).substr(offset - w * kWindow, size);
  }

  // Windows wholly before `offset` are done with.
  void Release(uint64_t offset) {
    while (!windows_.empty() && (first_ + 1) * kWindow <= offset) {
      if (windows_.front().bytes != nullptr) spare_ = std::move(windows_.front().bytes);
      windows_.pop_front();
      ++first_;
    }
  }

 private:
  static constexpr uint64_t kWindow = uint64_t{4} << 20;
  static constexpr uint64_t kTail = uint64_t{64} << 10;  // a record's most (its size is 16 bits)
  struct Window {
    std::unique_ptr<char[]> bytes;
    size_t size = 0;
  };

  bool Load(uint64_t w, Window& window) {
    const uint64_t begin = w * kWindow;
    const uint64_t end = std::min<uint64_t>(file_.size(), begin + kWindow + kTail);
    window.bytes = spare_ != nullptr ? std::move(spare_) : std::make_unique<char[]>(kWindow + kTail);
    window.size = 0;
    while (begin + window.size < end) {
      const ssize_t n = pread(fd_, window.bytes.get() + window.size, end - begin - window.size,
                              static_cast<off_t>(begin + window.size));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        window.bytes.reset();
        return false;
      }
      window.size += static_cast<size_t>(n);
    }
    return true;
  }

  std::string_view file_;
  int fd_;
  std::deque<Window> windows_;
  uint64_t first_ = 0;  // the window windows_[0] is
  std::unique_ptr<char[]> spare_;  // a released window's buffer, for the next
};

// Records held until their round may go: by time, then in file order.
struct Queued {
  uint64_t time;
  uint64_t offset;  // in the file; also the tie-break (file order)
};

}  // namespace

uint64_t PerfSample::callchain_at(size_t i) const {
  uint64_t v;
  std::memcpy(&v, callchain.data() + i * 8, 8);
  return v;
}

Status ReadPerfRecords(std::string_view file, PerfDataHeader& header, PerfRecordStats& stats,
                       const std::function<Status(const PerfRecord&)>& visit,
                       const std::function<void(uint64_t)>& consumed, int fd) {
  const uint64_t begin = header.data_offset;
  const uint64_t end = begin + header.data_size;
  // A file perf finished says how long its data is; one it did not (killed)
  // says 0 or more than there is, and a pipe ends where the stream ended:
  // those may end inside a record.
  std::vector<Queued> queue;
  uint64_t next_flush = 0, max_time = 0;
  RecordBytes bytes(file, fd);
  // The record at `at`, its size checked (at least its header, within the data).
  auto record_at = [&](uint64_t at) {
    PerfRecord r;
    const char* head = bytes.At(at, perf::kRecordHeaderSize).data();
    std::memcpy(&r.type, head, 4);
    std::memcpy(&r.misc, head + 4, 2);
    uint16_t size = 0;
    std::memcpy(&size, head + 6, 2);
    r.body = bytes.At(at, size).substr(8);
    r.offset = at;
    return r;
  };
  auto flush = [&](uint64_t limit, uint64_t position) -> Status {
    std::sort(queue.begin(), queue.end(),
              [](const Queued& a, const Queued& b) { return a.time != b.time ? a.time < b.time : a.offset < b.offset; });
    size_t n = 0;
    while (n < queue.size() && queue[n].time <= limit) {
      PROFLENS_RETURN_IF_ERROR(visit(record_at(queue[n].offset)));
      ++n;
    }
    queue.erase(queue.begin(), queue.begin() + static_cast<ptrdiff_t>(n));
    uint64_t done = position;
    for (const Queued& q : queue) done = std::min(done, q.offset);
    bytes.Release(done);
    consumed(done);
    return Status::Ok();
  };
  uint64_t at = begin;
  while (at < end) {
    if (end - at < perf::kRecordHeaderSize) {
      if (!header.pipe && header.data_size_exact) {
        return perf::ErrorAt(at, std::to_string(end - at) + " bytes left in the data section, too few for a record header");
      }
      stats.truncated_at = at;
      break;
    }
    uint16_t size = 0;
    std::memcpy(&size, bytes.At(at, perf::kRecordHeaderSize).data() + 6, 2);
    if (size < perf::kRecordHeaderSize) {
      return perf::ErrorAt(at, "a record of " + std::to_string(size) + " bytes, shorter than its 8-byte header");
    }
    const PerfRecord r = record_at(at);  // (its body cut short when its size runs past the data: refused below)
    uint64_t trailing = size <= end - at ? TrailingBytes(r) : 0;
    if (size > end - at || trailing > end - at - size) {
      if (!header.pipe && header.data_size_exact) {
        return perf::ErrorAt(at, "a record (type " + std::to_string(r.type) + ") of " + std::to_string(size + trailing) +
                          " bytes, but only " + std::to_string(end - at) + " bytes of data are left");
      }
      stats.truncated_at = at;
      break;
    }
    if (!IsUserRecord(r.type)) {
      ++stats.records;
      if (r.type == perf::kLost) {
        Cursor c(r.body);
        c.U64();
        ++stats.lost_records;
        stats.lost_events += c.U64();
      } else if (r.type == perf::kLostSamples) {
        Cursor c(r.body);
        stats.lost_samples += c.U64();
      }
      uint64_t time = 0;
      if (RecordTime(header, r, &time)) {
        queue.push_back({time, at});
        max_time = std::max(max_time, time);
      } else {
        PROFLENS_RETURN_IF_ERROR(visit(r));
      }
    } else if (r.type == perf::kFinishedRound) {
      PROFLENS_RETURN_IF_ERROR(flush(next_flush, at));
      next_flush = max_time;
    } else {
      PROFLENS_RETURN_IF_ERROR(ReadHeaderRecord(r, bytes.At(at, size), header));
    }
    at += size + trailing;
  }
  return flush(UINT64_MAX, at);
}

Status ParsePerfSample(const PerfDataHeader& header, const PerfRecord& r, PerfSample* s) {
  *s = PerfSample();
  s->cpumode = r.misc & perf::kCpumodeMask;
  if (header.events.empty()) return perf::ErrorAt(r.offset, "a sample before any event was described");
  Cursor c(r.body);
  // The event: by the sample's id when the capture has more than one.
  const uint64_t first_type = header.events[0].sample_type;
  if (header.events.size() > 1) {
    uint64_t id = 0;
    if ((first_type & perf::kIdentifier) != 0) {
      id = Cursor(r.body).U64();
    } else if ((first_type & perf::kId) != 0) {
      const size_t index = ((first_type & perf::kIp) != 0) + ((first_type & perf::kTid) != 0) +
                           ((first_type & perf::kTime) != 0) + ((first_type & perf::kAddr) != 0);
      Cursor at(r.body);
      at.Skip(index * 8);
      id = at.U64();
    }
    s->event = header.events.size();
    for (size_t e = 0; e < header.events.size() && s->event == header.events.size(); ++e) {
      const std::vector<uint64_t>& ids = header.events[e].ids;
      if (std::find(ids.begin(), ids.end(), id) != ids.end()) s->event = e;
    }
    if (s->event == header.events.size()) {
      return perf::ErrorAt(r.offset, "a sample whose id " + std::to_string(id) + " names no event of the capture");
    }
  }
  const PerfEventAttr& attr = header.events[s->event];
  const uint64_t t = attr.sample_type;
  if (t & perf::kIdentifier) s->id = c.U64();
  if (t & perf::kIp) s->ip = c.U64();
  if (t & perf::kTid) {
    s->pid = c.U32();
    s->tid = c.U32();
  }
  if (t & perf::kTime) s->time = c.U64();
  if (t & perf::kAddr) c.U64();
  if (t & perf::kId) s->id = c.U64();
  if (t & perf::kStreamId) c.U64();
  if (t & perf::kCpu) {
    s->cpu = c.U32();
    c.U32();
  }
  if (t & perf::kPeriod) s->period = c.U64();
  if (t & perf::kRead) {
    const uint64_t f = attr.read_format;
    const uint64_t per_value = 1 + ((f & perf::kFormatId) != 0) + ((f & perf::kFormatLost) != 0);
    const uint64_t times = ((f & perf::kTotalTimeEnabled) != 0) + ((f & perf::kTotalTimeRunning) != 0);
    if (f & perf::kGroup) {
      const uint64_t nr = c.U64();
      if (nr > c.left() / 8) return perf::ErrorAt(r.offset, "a group read of " + std::to_string(nr) + " values, longer than its record");
      c.Skip((times + nr * per_value) * 8);
    } else {
      c.Skip((per_value + times) * 8);
    }
  }
  if (t & perf::kCallchain) {
    const size_t at = c.position();
    const uint64_t nr = c.U64();
    if (!c.ok() || nr > c.left() / 8) {
      return perf::ErrorAt(r.offset + 8 + at, "a callchain of " + std::to_string(nr) + " entries, longer than its record (" +
                                       std::to_string(c.left()) + " bytes left)");
    }
    s->callchain = c.Bytes(nr * 8);
  }
  if (t & perf::kRaw) c.Skip(c.U32());
  if (t & perf::kBranchStack) {
    const uint64_t nr = c.U64();
    if ((attr.branch_sample_type & perf::kBranchHwIndex) != 0) c.U64();
    if (nr > c.left() / 24) return perf::ErrorAt(r.offset, "a branch stack of " + std::to_string(nr) + " entries, longer than its record");
    c.Skip(nr * 24);
  }
  if (t & perf::kRegsUser) {
    s->regs_abi = c.U64();
    if (s->regs_abi != 0) s->regs_user = c.Bytes(uint64_t{8} * std::popcount(attr.sample_regs_user));
  }
  if (t & perf::kStackUser) {
    const uint64_t size = c.U64();
    std::string_view stack = c.Bytes(size);
    if (size != 0) {
      const uint64_t dyn_size = c.U64();
      s->stack_user = stack.substr(0, std::min<uint64_t>(dyn_size, stack.size()));
    }
  }
  if (!c.ok()) return perf::ErrorAt(r.offset, "a sample whose fields end past its record of " + std::to_string(r.body.size() + 8) + " bytes");
  return Status::Ok();
}

}  // namespace proflens
