// Reading inputs: a regular file is memory-mapped, a pipe (as standard input
// is) and an empty file are read into memory, bounded by the stream limit;
// errors name the path and the cause.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "formats/io/input.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

// A pipe holding `bytes` with its write end closed, opened by path as a
// reader opens standard input or `<(...)`. Closes its ends when done.
class FilledPipe {
 public:
  explicit FilledPipe(const std::string& bytes) {
    REQUIRE(::pipe(fds_) == 0);
    REQUIRE(bytes.size() < 4096);  // fits the pipe's buffer: no reader needed to write it
    REQUIRE(::write(fds_[1], bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    ::close(fds_[1]);
  }
  ~FilledPipe() { ::close(fds_[0]); }
  std::string path() const { return "/dev/fd/" + std::to_string(fds_[0]); }

 private:
  int fds_[2] = {-1, -1};
};

TEST_CASE("input: a regular file is mapped, its bytes as they are", "[input]") {
  const std::string dir = testing::TempDir("input-file");
  std::string bytes(3 * 4096 + 17, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7);
  testing::WriteFile(dir + "/p.bin", bytes);
  Result<InputBuffer> in = ReadInput(dir + "/p.bin");
  REQUIRE(in.ok());
  CHECK(in->mapped());
  CHECK(in->bytes() == bytes);
  // Pages given back are read again from the file when touched.
  ReleasePages(in->bytes().data(), in->bytes().size());
  CHECK(in->bytes() == bytes);
  // A moved buffer keeps the mapping; the one moved from is empty.
  InputBuffer moved = std::move(*in);
  CHECK(moved.mapped());
  CHECK(moved.bytes() == bytes);
  CHECK(in->bytes().empty());
  CHECK_FALSE(in->mapped());
}

TEST_CASE("input: an empty file and a pipe are read into memory", "[input]") {
  const std::string dir = testing::TempDir("input-stream");
  testing::WriteFile(dir + "/empty", "");
  Result<InputBuffer> empty = ReadInput(dir + "/empty");
  REQUIRE(empty.ok());
  CHECK_FALSE(empty->mapped());
  CHECK(empty->bytes().empty());

  FilledPipe pipe("main;parse 3\nmain;lex 2\n");
  Result<InputBuffer> piped = ReadInput(pipe.path());
  REQUIRE(piped.ok());
  CHECK_FALSE(piped->mapped());
  CHECK(piped->bytes() == "main;parse 3\nmain;lex 2\n");
  InputBuffer moved = std::move(*piped);  // bytes held in memory move with it
  CHECK(moved.bytes() == "main;parse 3\nmain;lex 2\n");
  CHECK(InputBuffer::FromString("abc").bytes() == "abc");
}

TEST_CASE("input: a stream longer than the limit is refused, one as long is read", "[input][hostile]") {
  FilledPipe at_limit(std::string(10, 'x'));
  Result<InputBuffer> ok = ReadInput(at_limit.path(), 10);
  REQUIRE(ok.ok());
  CHECK(ok->bytes().size() == 10);
  FilledPipe over(std::string(11, 'x'));
  Result<InputBuffer> refused = ReadInput(over.path(), 10);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().code() == StatusCode::kInput);
  CHECK(refused.status().message() == "reading " + over.path() +
                                          ": more than 10 bytes (--max-input-size); an endless stream such as "
                                          "/dev/zero?");
}

TEST_CASE("input: a missing file or a directory is an error naming the path", "[input]") {
  const std::string dir = testing::TempDir("input-errors");
  Result<InputBuffer> missing = ReadInput(dir + "/cpu.pb.gz");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == StatusCode::kInput);
  CHECK(missing.status().message() == "reading " + dir + "/cpu.pb.gz: " + std::strerror(ENOENT));
  Result<InputBuffer> directory = ReadInput(dir);
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.status().message() == "reading " + dir + ": is a directory, expected a profile file");
}

}  // namespace
}  // namespace proflens
