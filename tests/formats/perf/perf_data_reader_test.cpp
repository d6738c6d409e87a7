// perf.data read directly must give what `perf script | proflens convert -`
// gives: the committed captures (tests/golden/perfdata/README.md) against
// goldens made from perf script's text, a live capture when perf may record
// here, and hostile files (exit 3 naming the byte offset, or a note).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>

#include "formats/detect.h"
#include "formats/perf/perf_data_reader.h"
#include "tests/live_perf.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

std::string Golden(const std::string& name) { return testing::SourcePath("tests/golden/perfdata/" + name); }

// Reads with the committed build-id cache and symfs (the pipe capture has
// no build ids), and no binary of this machine.
testing::CliRun ConvertCommitted(const std::string& capture) {
  return testing::RunCli({"convert", Golden(capture), "--to", "folded", "--symfs", Golden("symfs"), "--buildid-dir",
                          Golden("debug")});
}

TEST_CASE("perf.data gives the folded stacks of perf script's text of it", "[perfdata][golden]") {
  for (const char* capture : {"fp", "kernel", "multi", "pipe", "dwarf_cpp", "dwarf_rust"}) {
    SECTION(capture) {
      const testing::CliRun run = ConvertCommitted(std::string(capture) + ".data");
      INFO(run.err);
      REQUIRE(run.code == 0);
      CHECK(run.out == testing::ReadFile(Golden(std::string(capture) + ".folded")));
      CHECK(run.err.empty());  // every address named, nothing lost
    }
  }
}

// The cached CFI rules (formats/perf/perf_unwind_rules.h) must give libdw's
// frames: every dwarf sample they unwind is unwound by libdw too
// (PerfDataOptions::check_unwind) and the two must agree, frame for frame,
// on the committed captures (the live captures below are checked the same
// way: this machine's libc and libstdc++, signal handlers, recursion deeper
// than the copied stack).
TEST_CASE("dwarf unwinding by cached CFI rules gives libdw's frames, sample by sample", "[perfdata][unwind]") {
  for (const char* capture : {"dwarf_cpp", "dwarf_rust"}) {
    SECTION(capture) {
      const std::string golden = Golden("");
      const std::string bytes = testing::ReadFile(golden + capture + ".data");
      PerfDataOptions options;
      options.symbolize.symfs = golden + "symfs";
      options.symbolize.debug_dir = golden + "debug";
      options.check_unwind = true;
      Result<PerfDataResult> r = ReadPerfData(bytes, options);
      REQUIRE(r.ok());
      INFO(r->unwound << " samples unwound, " << r->unwound_by_rules << " by the cached rules");
      CHECK(r->unwound > 50);
      CHECK(r->unwound_by_rules * 10 > r->unwound * 9);  // the rules serve nearly every sample
      CHECK(r->unwind_mismatches == 0);
    }
  }
}

TEST_CASE("perf.data is detected by its magic, in a file and in a pipe", "[perfdata]") {
  CHECK(DetectFormat(testing::ReadFile(Golden("fp.data"))) == Format::kPerfData);
  CHECK(DetectFormat(testing::ReadFile(Golden("pipe.data"))) == Format::kPerfData);
  const testing::CliRun run = testing::RunBinary("convert - --to folded --symfs " + Golden("symfs") + " --buildid-dir " +
                                                 Golden("debug") + " < " + Golden("pipe.data"));
  INFO(run.err);
  REQUIRE(run.code == 0);
  CHECK(run.out == testing::ReadFile(Golden("pipe.folded")));
}

TEST_CASE("perf.data: the header's facts", "[perfdata]") {
  const std::string bytes = testing::ReadFile(Golden("fp.data"));
  Result<PerfDataResult> r = ReadPerfData(bytes, {.symbolize = {.symfs = "/nonexistent", .debug_dir = Golden("debug")}});
  REQUIRE(r.ok());
  REQUIRE(r->header.events.size() == 1);
  CHECK(r->header.events[0].name == "cpu-clock");
  CHECK(r->header.cmdline.size() >= 5);
  CHECK(r->header.cmdline[0].ends_with("perf"));
  CHECK_FALSE(r->header.hostname.empty());
  CHECK(r->header.nr_cpus_online >= 1);
  CHECK(r->samples == r->profile.raw_sample_count);
  CHECK(r->profile.str(r->profile.sample_types[0].type) == "cpu-clock");
  CHECK(r->profile.str(r->profile.sample_types[0].unit) == "nanoseconds");
}

TEST_CASE("perf.data: a binary found nowhere gives perf's [dso] frames and one note", "[perfdata]") {
  const std::string empty = testing::TempDir("perfdata-nocache");
  const testing::CliRun run = testing::RunCli(
      {"convert", Golden("fp.data"), "--to", "folded", "--symfs", "/nonexistent", "--buildid-dir", empty});
  REQUIRE(run.code == 0);
  CHECK(run.out.find("work;[work];[work]") != std::string::npos);
  CHECK(run.err.find("could not be symbolized") != std::string::npos);
  CHECK(run.err.find("/work (") != std::string::npos);
}

// A capture cut short (perf killed, a copy cut off) is read to its last whole record.
TEST_CASE("perf.data cut off: read to the last whole record, with a note", "[perfdata][hostile]") {
  const std::string bytes = testing::ReadFile(Golden("fp.data"));
  const std::string cut = testing::TempDir("perfdata-cut") + "/cut.data";
  testing::WriteFile(cut, bytes.substr(0, bytes.size() / 2));
  const testing::CliRun run = testing::RunCli({"top", cut, "--buildid-dir", Golden("debug"), "--symfs", "/nonexistent"});
  INFO(run.err);
  CHECK(run.code == 0);
  CHECK(run.err.find("the file ends inside a record at byte ") != std::string::npos);
}

// A perf.data file of one event and the given records, as perf lays it out.
std::string MakePerfData(const std::string& records, uint64_t data_size_claimed, uint64_t header_size = 104) {
  auto u64 = [](uint64_t v) { return std::string(reinterpret_cast<const char*>(&v), 8); };
  const uint64_t attr_at = 104, attr_size = 128 + 16, data_at = attr_at + attr_size;
  std::string attr(128, '\0');
  const uint32_t type = 1, size = 128;
  const uint64_t sample_type = 1 | 2 | 4 | 32 | 256;  // IP TID TIME CALLCHAIN PERIOD
  std::memcpy(&attr[0], &type, 4);
  std::memcpy(&attr[4], &size, 4);
  std::memcpy(&attr[24], &sample_type, 8);
  std::string file = "PERFILE2" + u64(header_size) + u64(attr_size) + u64(attr_at) + u64(attr_size) + u64(data_at) +
                     u64(data_size_claimed) + u64(0) + u64(0) + u64(0) + u64(0) + u64(0) + u64(0);  // event_types, features
  file += attr + u64(0) + u64(0);  // no ids
  return file + records;
}

// A sample record: ip, pid/tid, time, period, callchain (nr claimed).
std::string SampleRecord(uint64_t callchain_claimed, size_t callchain_given) {
  auto u64 = [](uint64_t v) { return std::string(reinterpret_cast<const char*>(&v), 8); };
  std::string body = u64(0x401000) + u64((uint64_t{7} << 32) | 7) + u64(1000) + u64(1) + u64(callchain_claimed);
  for (size_t i = 0; i < callchain_given; ++i) body += u64(0x401000 + i);
  const uint32_t type = 9;
  const uint16_t misc = 2, size = static_cast<uint16_t>(8 + body.size());
  std::string header(8, '\0');
  std::memcpy(&header[0], &type, 4);
  std::memcpy(&header[4], &misc, 2);
  std::memcpy(&header[6], &size, 2);
  return header + body;
}

testing::CliRun TopOf(const std::string& bytes) {
  const std::string path = testing::TempDir("perfdata-hostile") + "/hostile.data";
  testing::WriteFile(path, bytes);
  return testing::RunCli({"top", path, "--symfs", "/nonexistent", "--buildid-dir", "/nonexistent"});
}

// A file's records are read from it in windows of 4 MiB (pread), a pipe's
// where they lie in memory: 7 MB of samples, records across the windows'
// edges, give the same stacks both ways.
TEST_CASE("perf.data read from its file in windows equals it read from a pipe", "[perfdata]") {
  std::string records;
  for (uint64_t i = 0; i < 120'000; ++i) {
    std::string record = SampleRecord(1 + i % 5, 1 + i % 5);  // stacks of 1 to 5 frames
    const uint64_t tid = 1 + i % 997;                          // each folded line is a thread's (":TID")
    std::memcpy(&record[8 + 8], &tid, 4);
    std::memcpy(&record[8 + 12], &tid, 4);
    const uint64_t time = 1000 + i;
    std::memcpy(&record[8 + 16], &time, 8);
    records += record;
    if (i % 5000 == 4999) records += std::string("\x44\0\0\0\0\0\x08\0", 8);  // FINISHED_ROUND: windows let go
  }
  const std::string path = testing::TempDir("perfdata-windows") + "/windows.data";
  testing::WriteFile(path, MakePerfData(records, records.size()));
  const std::string flags = " --to folded --symfs /nonexistent --buildid-dir /nonexistent";
  const testing::CliRun file = testing::RunBinary("convert " + path + flags);
  const testing::CliRun pipe = testing::RunBinary("convert -" + flags + " < " + path);
  INFO(file.err << pipe.err);
  REQUIRE(file.code == 0);
  REQUIRE(pipe.code == 0);
  CHECK(std::count(file.out.begin(), file.out.end(), '\n') > 4000);
  CHECK(file.out == pipe.out);
}

TEST_CASE("perf.data made by hand: one sample reads", "[perfdata]") {
  const std::string record = SampleRecord(2, 2);
  const testing::CliRun run = TopOf(MakePerfData(record, record.size()));
  INFO(run.err);
  CHECK(run.code == 0);
  CHECK(run.out.find("[unknown]") != std::string::npos);
}

TEST_CASE("perf.data hostile: exit 3 naming the byte offset", "[perfdata][hostile]") {
  SECTION("garbage after the magic") {
    const testing::CliRun run = TopOf(std::string("PERFILE2") + std::string(200, '\x5a'));
    CHECK(run.code == 3);
    CHECK(run.err.find("byte 8: header size") != std::string::npos);
  }
  SECTION("a wrong header size") {
    const std::string record = SampleRecord(2, 2);
    const testing::CliRun run = TopOf(MakePerfData(record, record.size(), 96));
    CHECK(run.code == 3);
    CHECK(run.err.find("header size 96, expected 104") != std::string::npos);
  }
  SECTION("a record longer than the data") {
    std::string record = SampleRecord(2, 2);
    const uint16_t size = 0x4000;
    std::memcpy(&record[6], &size, 2);
    const testing::CliRun run = TopOf(MakePerfData(record, record.size()));
    CHECK(run.code == 3);
    CHECK(run.err.find("byte 248: a record (type 9) of 16384 bytes, but only 64 bytes of data are left") != std::string::npos);
  }
  SECTION("a callchain longer than its record") {
    const std::string record = SampleRecord(1000000, 2);
    const testing::CliRun run = TopOf(MakePerfData(record, record.size()));
    CHECK(run.code == 3);
    CHECK(run.err.find("a callchain of 1000000 entries, longer than its record") != std::string::npos);
    CHECK(run.err.find("byte 288:") != std::string::npos);
  }
  SECTION("a record shorter than its header") {
    std::string record = SampleRecord(2, 2);
    const uint16_t size = 4;
    std::memcpy(&record[6], &size, 2);
    const testing::CliRun run = TopOf(MakePerfData(record, record.size()));
    CHECK(run.code == 3);
    CHECK(run.err.find("byte 248: a record of 4 bytes, shorter than its 8-byte header") != std::string::npos);
  }
  SECTION("the header alone, cut") {
    const testing::CliRun run = TopOf(MakePerfData("", 0).substr(0, 60));
    CHECK(run.code == 3);
    CHECK(run.err.find("the file ends inside its 104-byte header") != std::string::npos);
  }
}

// The stacks where the direct read and perf script part, when each is one
// of the known ways perf's libunwind and libdw part (docs/perf-data.md): a
// root frame `[unknown]` just under the command name that perf adds (address
// ffffffffffffffff, a return address just past the copied stack bytes), or
// a root `[anon]`/`[unknown]` frame where perf's guess ended and libdw went on
// to the real callers (seen at exit, in libgcc_s). Returns the lines that no
// such rule explains, each marked with its side.
std::vector<std::string> UnexplainedStacks(const std::string& mine_folded, const std::string& peer_folded) {
  auto parse = [](const std::string& folded) {
    std::map<std::string, long long> stacks;
    std::istringstream in(folded);
    std::string line;
    while (std::getline(in, line)) {
      const size_t space = line.rfind(' ');
      if (space != std::string::npos) stacks[line.substr(0, space)] += std::stoll(line.substr(space + 1));
    }
    return stacks;
  };
  std::map<std::string, long long> mine = parse(mine_folded), peer = parse(peer_folded);
  for (auto it = peer.begin(); it != peer.end();) {  // equal lines explain themselves
    auto m = mine.find(it->first);
    const long long both = m == mine.end() ? 0 : std::min(m->second, it->second);
    if (both > 0) {
      m->second -= both;
      if (m->second == 0) mine.erase(m);
      it->second -= both;
    }
    it = it->second == 0 ? peer.erase(it) : std::next(it);
  }
  std::vector<std::string> unexplained;
  for (const auto& [stack, count] : peer) {
    const size_t comm_end = stack.find(';');
    std::string below;  // the peer's frames under its guessed root
    for (const char* root : {";[unknown];", ";[anon];"}) {
      if (comm_end != std::string::npos && stack.compare(comm_end, std::strlen(root), root) == 0)
        below = stack.substr(comm_end + std::strlen(root) - 1);
    }
    auto match = mine.end();
    if (!below.empty()) {
      for (auto m = mine.begin(); m != mine.end(); ++m) {
        const bool same_comm = m->first.compare(0, comm_end, stack, 0, comm_end) == 0;
        const bool ends_alike = m->first.size() >= below.size() &&
                                m->first.compare(m->first.size() - below.size(), below.size(), below) == 0;
        if (same_comm && ends_alike && m->second >= count) {
          match = m;
          break;
        }
      }
    }
    if (match == mine.end()) {
      unexplained.push_back("perf script: " + stack + " " + std::to_string(count));
      continue;
    }
    match->second -= count;
    if (match->second == 0) mine.erase(match);
  }
  for (const auto& [stack, count] : mine) unexplained.push_back("direct: " + stack + " " + std::to_string(count));
  return unexplained;
}

TEST_CASE("a live capture's stacks may part from perf's only in the known ways", "[perfdata]") {
  // Seen here: perf script 6.1 on a sample in libgcc_s at exit.
  const std::string peer = "signals;[anon];__run_exit_handlers;[libgcc_s.so.1] 3344481\nsignals;main;f 7\n";
  const std::string mine =
      "signals;_start;__libc_start_main_impl;__libc_start_call_main;__GI_exit;__run_exit_handlers;[libgcc_s.so.1] "
      "3344481\nsignals;main;f 7\n";
  CHECK(UnexplainedStacks(mine, peer).empty());
  CHECK(UnexplainedStacks("signals;main;f 7\n", "signals;[unknown];main;f 7\n").empty());
  // Any other difference is not explained: another leaf, another count, another command.
  CHECK(UnexplainedStacks("signals;main;g 7\n", "signals;[anon];main;f 7\n").size() == 2);
  CHECK(UnexplainedStacks("signals;main;f 6\n", "signals;[anon];main;f 7\n").size() == 2);
  CHECK(UnexplainedStacks("other;main;f 7\n", "signals;[anon];main;f 7\n").size() == 2);
  CHECK(UnexplainedStacks("signals;main;f 7\n", "signals;main;f 7\nsignals;main 1\n") ==
        std::vector<std::string>{"perf script: signals;main 1"});
}

// Records `args` now and compares the direct read with perf script's text of
// it. With `unknown_root_tolerated`, stacks that differ only by perf's root
// `[unknown]` or `[anon]` frame (see above) are a warning, not a failure.
void CheckLiveCapture(const std::string& name, const std::string& args, bool unknown_root_tolerated = false) {
  std::string why;
  if (!testing::PerfCanRecord(&why)) {
    WARN("skipped: perf cannot record here: " << why);
    return;
  }
  const std::string dir = testing::TempDir("perfdata-live");
  const std::string data = dir + "/" + name + ".data";
  const std::string record = "perf record -q -o " + data + " " + args + " 2>&1";
  if (std::system(record.c_str()) != 0) {
    WARN("skipped: perf record failed: " << record);
    return;
  }
  if (args.find("dwarf") != std::string::npos) {
    // The cached CFI rules give libdw's frames, sample by sample (as for the committed captures above).
    PerfDataOptions options;
    options.check_unwind = true;
    Result<PerfDataResult> r = ReadPerfData(testing::ReadFile(data), options);
    REQUIRE(r.ok());
    INFO(r->unwound << " samples unwound, " << r->unwound_by_rules << " by the cached rules");
    CHECK(r->unwound_by_rules > 0);
    CHECK(r->unwind_mismatches == 0);
  }
  // Folded stacks, and the pprof profile (its locations' inlined lines too).
  for (const std::string to : {"folded", "pprof"}) {
    const std::string peer = dir + "/" + name + "." + to;
    const std::string script =
        "perf script -i " + data + " 2>/dev/null | " PROFLENS_BINARY " convert - --to " + to + " -o " + peer;
    REQUIRE(std::system(script.c_str()) == 0);
    const std::string mine = dir + "/" + name + ".direct." + to;
    const testing::CliRun run = testing::RunCli({"convert", data, "--to", to, "-o", mine});
    INFO(to << ": " << run.err);
    REQUIRE(run.code == 0);
    const std::string mine_text = testing::ReadFile(mine), peer_text = testing::ReadFile(peer);
    if (unknown_root_tolerated && mine_text != peer_text && to == std::string("folded")) {
      const std::vector<std::string> unexplained = UnexplainedStacks(mine_text, peer_text);
      for (const std::string& line : unexplained) UNSCOPED_INFO(line);
      REQUIRE(unexplained.empty());
      WARN("perf script ended some stacks on a root [unknown] or [anon] frame of its own; the rest equal (pprof form "
           "not compared)");
      return;
    }
    CHECK(mine_text == peer_text);
  }
}

TEST_CASE("perf.data recorded now equals perf script's text of it", "[perfdata][live]") {
  CheckLiveCapture("fp", "-g -F 999 -e cpu-clock -- " + Golden("work") + " fork 600");
}

// perf script unwinds with its own unwinder (libunwind in Debian's perf 6.1)
// and lists inlined frames: the same frames must come out.
TEST_CASE("perf.data recorded now with --call-graph dwarf equals perf script's text of it", "[perfdata][live]") {
  CheckLiveCapture("dwarf", "--call-graph dwarf,1024 -F 499 -e cpu-clock:u -- " + Golden("dwarf_cpp"));
  // Two processes, and a binary with .eh_frame but no .eh_frame_hdr: perf's
  // libunwind cannot step past its frames, so each stack is its leaf.
  CheckLiveCapture("dwarf-fork", "--call-graph dwarf,1024 -F 999 -e cpu-clock -- " + Golden("work") + " fork 400");
  // This machine's libc and libstdc++ (built here: no binary of them is
  // committed), recursion deeper than the stack perf copies, a signal handler.
  const std::string binary = testing::TempDir("perfdata-build") + "/signals";
  const std::string build = "c++ -O2 -g -o " + binary + " " + Golden("signals.cc") + " 2>&1";
  if (std::system(build.c_str()) != 0) {
    WARN("skipped: no C++ compiler to build " << Golden("signals.cc"));
    return;
  }
  CheckLiveCapture("dwarf-signals", "--call-graph dwarf -F 299 -- " + binary + " 12", true);
}

}  // namespace
}  // namespace proflens
