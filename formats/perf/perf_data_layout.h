// The layout of perf.data (Linux perf's tools/perf/Documentation/perf.data-file-format.txt
// and include/uapi/linux/perf_event.h): the numbers this reader needs, and a
// bounded cursor over little-endian bytes.
#ifndef PROFLENS_FORMATS_PERF_PERF_DATA_LAYOUT_H_
#define PROFLENS_FORMATS_PERF_PERF_DATA_LAYOUT_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "analyzer/status.h"

namespace proflens::perf {

// An input error at a byte offset of the file.
inline Status ErrorAt(uint64_t offset, const std::string& what) {
  return Status::Input("byte " + std::to_string(offset) + ": " + what);
}

inline constexpr std::string_view kMagic = "PERFILE2";
inline constexpr uint64_t kFileHeaderSize = 104;  // magic, size, attr_size, 3 sections, 256 feature bits
inline constexpr uint64_t kPipeHeaderSize = 16;   // magic, size
inline constexpr uint64_t kRecordHeaderSize = 8;  // type u32, misc u16, size u16

// Record types (PERF_RECORD_*), the kernel's and perf's own.
enum RecordType : uint32_t {
  kMmap = 1, kLost = 2, kComm = 3, kExit = 4, kFork = 7, kSample = 9, kMmap2 = 10, kLostSamples = 13,
  kHeaderAttr = 64, kHeaderEventType = 65, kHeaderTracingData = 66, kHeaderBuildId = 67, kFinishedRound = 68,
  kAuxtrace = 71, kEventUpdate = 78, kHeaderFeature = 80, kCompressed = 81,
};

// PERF_SAMPLE_* bits of perf_event_attr.sample_type.
enum SampleBits : uint64_t {
  kIp = 1 << 0, kTid = 1 << 1, kTime = 1 << 2, kAddr = 1 << 3, kRead = 1 << 4, kCallchain = 1 << 5,
  kId = 1 << 6, kCpu = 1 << 7, kPeriod = 1 << 8, kStreamId = 1 << 9, kRaw = 1 << 10,
  kBranchStack = 1 << 11, kRegsUser = 1 << 12, kStackUser = 1 << 13, kWeight = 1 << 14,
  kDataSrc = 1 << 15, kIdentifier = 1 << 16, kTransaction = 1 << 17, kRegsIntr = 1 << 18,
  kPhysAddr = 1 << 19, kAux = 1 << 20, kCgroup = 1 << 21, kDataPageSize = 1 << 22,
  kCodePageSize = 1 << 23, kWeightStruct = 1 << 24,
  kKnownSampleBits = (1 << 25) - 1,
};

// PERF_FORMAT_* bits of read_format.
enum ReadFormatBits : uint64_t { kTotalTimeEnabled = 1, kTotalTimeRunning = 2, kFormatId = 4, kGroup = 8, kFormatLost = 16 };

// PERF_SAMPLE_BRANCH_HW_INDEX in branch_sample_type.
inline constexpr uint64_t kBranchHwIndex = uint64_t{1} << 17;

// Header feature bits (HEADER_*).
enum Feature : int {
  kFeatBuildId = 2, kFeatHostname = 3, kFeatOsRelease = 4, kFeatVersion = 5, kFeatArch = 6,
  kFeatNrCpus = 7, kFeatCmdline = 11, kFeatEventDesc = 12, kFeatSampleTime = 21,
};

// The cpu mode in a record header's misc.
inline constexpr uint16_t kCpumodeMask = 7;
enum Cpumode : uint16_t { kCpumodeKernel = 1, kCpumodeUser = 2, kCpumodeHypervisor = 3, kCpumodeGuestKernel = 4, kCpumodeGuestUser = 5 };
inline constexpr uint16_t kMiscMmapBuildId = 1 << 14;  // MMAP2 holds a build id instead of device and inode
inline constexpr uint16_t kMiscBuildIdSize = 1 << 15;  // a build id record says its size

// Callchain context markers (PERF_CONTEXT_*): entries at or above kContextMax.
inline constexpr uint64_t kContextHv = static_cast<uint64_t>(-32);
inline constexpr uint64_t kContextKernel = static_cast<uint64_t>(-128);
inline constexpr uint64_t kContextUser = static_cast<uint64_t>(-512);
inline constexpr uint64_t kContextMax = static_cast<uint64_t>(-4095);

// The frames perf script shows of a callchain at most (its --max-stack default).
inline constexpr size_t kMaxStack = 127;

// A build id's bytes in lower-case hex, as perf prints them.
inline std::string HexBytes(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

// Little-endian fields read from a span, never past its end: a read beyond
// it fails (ok() turns false) and gives 0.
class Cursor {
 public:
  Cursor() = default;
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}

  bool ok() const { return ok_; }
  size_t position() const { return pos_; }
  size_t left() const { return bytes_.size() - pos_; }

  template <typename T>
  T Read() {
    T v{};
    if (!ok_ || left() < sizeof(T)) {
      ok_ = false;
      return v;
    }
    std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return v;
  }
  uint64_t U64() { return Read<uint64_t>(); }
  uint32_t U32() { return Read<uint32_t>(); }
  std::string_view Bytes(uint64_t n) {
    if (!ok_ || n > left()) {
      ok_ = false;
      return {};
    }
    std::string_view s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  void Skip(uint64_t n) { Bytes(n); }
  // A NUL-padded string of `n` bytes, up to its first NUL.
  std::string_view PaddedString(uint64_t n) {
    std::string_view s = Bytes(n);
    return s.substr(0, s.find('\0'));
  }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace proflens::perf

#endif  // PROFLENS_FORMATS_PERF_PERF_DATA_LAYOUT_H_
