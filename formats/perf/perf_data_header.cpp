#include "formats/perf/perf_data_header.h"

#include <bit>

#include "formats/perf/perf_data_layout.h"

namespace proflens {

namespace {

using perf::Cursor;

// A file section: where it is and how long, inside the file.
struct Section {
  uint64_t offset = 0, size = 0;
};

Section ReadSection(Cursor& c) {
  Section s;
  s.offset = c.U64();
  s.size = c.U64();
  return s;
}

Status CheckSection(const Section& s, uint64_t file_size, uint64_t at, std::string_view name) {
  if (s.offset > file_size || s.size > file_size - s.offset) {
    return perf::ErrorAt(at, "the " + std::string(name) + " section (" + std::to_string(s.size) + " bytes at byte " +
                      std::to_string(s.offset) + ") ends past the end of the file (" + std::to_string(file_size) +
                      " bytes)");
  }
  return Status::Ok();
}

// perf's header string: a u32 length (padding included), then the NUL-padded text.
std::string ReadHeaderString(Cursor& c) {
  const uint32_t length = c.U32();
  return std::string(c.PaddedString(length));
}

// The events of a file: perf_file_attr entries (the attr, then the section of its ids).
Status ReadAttrs(std::string_view bytes, uint64_t attr_size, const Section& attrs, PerfDataHeader* h) {
  if (attrs.size == 0) return Status::Ok();
  if (attr_size < 16 + 64 || attr_size > 4096 || attrs.size % attr_size != 0) {
    return perf::ErrorAt(16, "attr_size " + std::to_string(attr_size) + " does not divide the attrs section of " +
                      std::to_string(attrs.size) + " bytes into perf_file_attr entries");
  }
  for (uint64_t at = attrs.offset; at < attrs.offset + attrs.size; at += attr_size) {
    PROFLENS_ASSIGN_OR_RETURN(PerfEventAttr attr, ReadPerfEventAttr(bytes.substr(at, attr_size - 16), at));
    Cursor c(bytes.substr(at + attr_size - 16, 16));
    const Section ids = ReadSection(c);
    PROFLENS_RETURN_IF_ERROR(CheckSection(ids, bytes.size(), at + attr_size - 16, "event ids"));
    Cursor id_cursor(bytes.substr(ids.offset, ids.size));
    for (uint64_t k = 0; k < ids.size / 8; ++k) attr.ids.push_back(id_cursor.U64());
    h->events.push_back(std::move(attr));
  }
  return Status::Ok();
}

// HEADER_EVENT_DESC: the events' names, in the order of the attrs.
Status ReadEventDesc(Cursor& c, uint64_t offset, PerfDataHeader* h) {
  const uint32_t count = c.U32();
  const uint32_t attr_size = c.U32();
  for (uint32_t i = 0; i < count && c.ok(); ++i) {
    c.Skip(attr_size);
    const uint32_t nr_ids = c.U32();
    std::string name = ReadHeaderString(c);
    c.Skip(uint64_t{nr_ids} * 8);
    if (i < h->events.size() && c.ok()) h->events[i].name = std::move(name);
  }
  if (!c.ok()) return perf::ErrorAt(offset, "the event descriptions (HEADER_EVENT_DESC) end past their section");
  return Status::Ok();
}

}  // namespace

bool IsPerfData(std::string_view bytes) { return bytes.starts_with(perf::kMagic); }

std::string DefaultEventName(uint32_t type, uint64_t config) {
  static constexpr std::string_view kHardware[] = {
      "cycles", "instructions", "cache-references", "cache-misses", "branches", "branch-misses",
      "bus-cycles", "stalled-cycles-frontend", "stalled-cycles-backend", "ref-cycles"};
  static constexpr std::string_view kSoftware[] = {
      "cpu-clock", "task-clock", "page-faults", "context-switches", "cpu-migrations", "minor-faults",
      "major-faults", "alignment-faults", "emulation-faults", "dummy", "bpf-output", "cgroup-switches"};
  if (type == 0 && config < std::size(kHardware)) return std::string(kHardware[config]);
  if (type == 1 && config < std::size(kSoftware)) return std::string(kSoftware[config]);
  return "unknown-event-" + std::to_string(type) + ":" + std::to_string(config);
}

Result<PerfEventAttr> ReadPerfEventAttr(std::string_view bytes, uint64_t offset) {
  // The fields up to the bp fields are in every version of the struct (64 bytes).
  if (bytes.size() < 64) {
    return perf::ErrorAt(offset, "a perf_event_attr of " + std::to_string(bytes.size()) + " bytes, expected at least 64");
  }
  Cursor c(bytes);
  PerfEventAttr a;
  a.type = c.U32();
  c.U32();  // size
  a.config = c.U64();
  a.sample_period = c.U64();
  a.sample_type = c.U64();
  a.read_format = c.U64();
  a.flags = c.U64();
  c.Skip(16);  // wakeup_events, bp_type, config1
  if (bytes.size() >= 72) c.U64();  // config2
  if (bytes.size() >= 80) a.branch_sample_type = c.U64();
  if (bytes.size() >= 96) {
    a.sample_regs_user = c.U64();
    a.sample_stack_user = c.U32();
  }
  if ((a.sample_type & ~uint64_t{perf::kKnownSampleBits}) != 0) {
    return perf::ErrorAt(offset, "sample_type " + std::to_string(a.sample_type) + " has bits this reader does not know");
  }
  a.name = DefaultEventName(a.type, a.config);
  return a;
}

Result<PerfBuildId> ReadPerfBuildId(std::string_view record, uint64_t offset) {
  // header (8), pid (4), build id (20, padded to 24), then the file name to the record's end.
  Cursor c(record);
  c.U32();
  const uint16_t misc = c.Read<uint16_t>();
  const uint16_t size = c.Read<uint16_t>();
  if (size < 36 || size > record.size()) {
    return perf::ErrorAt(offset, "a build id record of " + std::to_string(size) + " bytes (expected 36 to " +
                          std::to_string(record.size()) + ")");
  }
  PerfBuildId b;
  b.pid = c.Read<int32_t>();
  std::string_view id = c.Bytes(24);
  size_t length = 20;
  if ((misc & perf::kMiscBuildIdSize) != 0) length = std::min<size_t>(static_cast<unsigned char>(id[20]), 20);
  b.build_id = perf::HexBytes(id.substr(0, length));
  b.filename = std::string(c.PaddedString(size - 36));
  return b;
}

Status ReadPerfFeature(int feature, std::string_view section, uint64_t offset, PerfDataHeader* h) {
  Cursor c(section);
  switch (feature) {
    case perf::kFeatHostname: h->hostname = ReadHeaderString(c); break;
    case perf::kFeatOsRelease: h->os_release = ReadHeaderString(c); break;
    case perf::kFeatVersion: h->perf_version = ReadHeaderString(c); break;
    case perf::kFeatArch: h->arch = ReadHeaderString(c); break;
    case perf::kFeatNrCpus:
      h->nr_cpus_available = c.U32();
      h->nr_cpus_online = c.U32();
      break;
    case perf::kFeatCmdline: {
      const uint32_t n = c.U32();
      h->cmdline.clear();
      for (uint32_t i = 0; i < n && c.ok(); ++i) h->cmdline.push_back(ReadHeaderString(c));
      break;
    }
    case perf::kFeatEventDesc: return ReadEventDesc(c, offset, h);
    case perf::kFeatSampleTime:
      h->first_sample_time = c.U64();
      h->last_sample_time = c.U64();
      break;
    case perf::kFeatBuildId:
      while (c.ok() && c.left() >= perf::kRecordHeaderSize) {
        const size_t at = c.position();
        Cursor peek(section.substr(at, 8));
        peek.U32();
        peek.Read<uint16_t>();
        const uint16_t size = peek.Read<uint16_t>();
        if (size < perf::kRecordHeaderSize) break;
        PROFLENS_ASSIGN_OR_RETURN(PerfBuildId b, ReadPerfBuildId(section.substr(at, std::min<size_t>(size, c.left())), offset + at));
        h->build_ids.push_back(std::move(b));
        c.Skip(size);
      }
      return Status::Ok();
    default: return Status::Ok();
  }
  if (!c.ok()) return perf::ErrorAt(offset, "header feature " + std::to_string(feature) + " ends past its section");
  return Status::Ok();
}

Result<PerfDataHeader> ReadPerfDataHeader(std::string_view bytes) {
  if (!IsPerfData(bytes)) return perf::ErrorAt(0, "expected the magic \"PERFILE2\"");
  Cursor c(bytes);
  c.Skip(8);
  const uint64_t size = c.U64();
  PerfDataHeader h;
  if (size == perf::kPipeHeaderSize) {
    h.pipe = true;
    h.data_offset = perf::kPipeHeaderSize;
    h.data_size = bytes.size() - perf::kPipeHeaderSize;
    return h;
  }
  if (size != perf::kFileHeaderSize) {
    return perf::ErrorAt(8, "header size " + std::to_string(size) + ", expected 104 (a perf.data file) or 16 (pipe mode)");
  }
  if (bytes.size() < perf::kFileHeaderSize) {
    return perf::ErrorAt(bytes.size(), "the file ends inside its 104-byte header");
  }
  const uint64_t attr_size = c.U64();
  const Section attrs = ReadSection(c);
  const Section data = ReadSection(c);
  ReadSection(c);  // event_types: unused since perf 2.6.x
  uint64_t features[4];
  for (uint64_t& f : features) f = c.U64();
  PROFLENS_RETURN_IF_ERROR(CheckSection(attrs, bytes.size(), 24, "attrs"));
  if (data.offset < perf::kFileHeaderSize || data.offset > bytes.size()) {
    return perf::ErrorAt(40, "the data section starts at byte " + std::to_string(data.offset) + ", outside the file (" +
                      std::to_string(bytes.size()) + " bytes)");
  }
  h.data_offset = data.offset;
  // A capture perf did not finish (killed) has its data size still 0, or
  // more than the file holds: the records are read to the file's end.
  h.data_size_exact = data.size != 0 && data.size <= bytes.size() - data.offset;
  h.data_size = h.data_size_exact ? data.size : bytes.size() - data.offset;
  PROFLENS_RETURN_IF_ERROR(ReadAttrs(bytes, attr_size, attrs, &h));
  if (h.events.empty()) return perf::ErrorAt(24, "the capture names no event (empty attrs section)");
  // The feature sections: one perf_file_section for each bit set, in bit
  // order, right after the data (absent in a file perf did not finish).
  const uint64_t table = data.offset + data.size;
  if (data.size == 0 || table > bytes.size()) return h;
  Cursor sections(bytes.substr(table));
  for (int bit = 0; bit < 256; ++bit) {
    if (((features[bit / 64] >> (bit % 64)) & 1) == 0) continue;
    const uint64_t at = table + sections.position();
    const Section s = ReadSection(sections);
    if (!sections.ok()) return perf::ErrorAt(at, "the feature section table ends past the end of the file");
    PROFLENS_RETURN_IF_ERROR(CheckSection(s, bytes.size(), at, "feature " + std::to_string(bit)));
    PROFLENS_RETURN_IF_ERROR(ReadPerfFeature(bit, bytes.substr(s.offset, s.size), s.offset, &h));
  }
  return h;
}

}  // namespace proflens
