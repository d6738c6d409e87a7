// Writing outputs: "-" goes to the given stream; a file is written beside
// its target and renamed over it once whole, so a failed write leaves the
// previous file as it was and no temporary file behind.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <sstream>

#include "formats/io/output_file.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

std::vector<std::string> Listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST_CASE("output file: \"-\" writes the stream given and no file", "[output_file]") {
  const std::string dir = testing::TempDir("output-stdout");
  std::ostringstream out;
  REQUIRE(WriteOutputFile("-", "top rows\n", out).ok());
  CHECK(out.str() == "top rows\n");
  std::ostringstream streamed;
  REQUIRE(WriteOutputStream("-", streamed, [](std::ostream& o) {
            o << "a" << 1;
            return Status::Ok();
          }).ok());
  CHECK(streamed.str() == "a1");
  CHECK(Listing(dir).empty());
}

TEST_CASE("output file: written whole, replacing the file, nothing else left", "[output_file]") {
  const std::string dir = testing::TempDir("output-replace");
  const std::string path = dir + "/out.svg";
  std::ostringstream unused;
  REQUIRE(WriteOutputFile(path, "first", unused).ok());
  CHECK(testing::ReadFile(path) == "first");
  REQUIRE(WriteOutputFile(path, "second, longer", unused).ok());
  CHECK(testing::ReadFile(path) == "second, longer");
  CHECK(Listing(dir) == std::vector<std::string>{"out.svg"});
  CHECK(unused.str().empty());
}

TEST_CASE("output file: streamed output larger than the buffer arrives in order", "[output_file]") {
  const std::string dir = testing::TempDir("output-stream");
  const std::string big(3 << 20, 'x');  // 3 MiB: past the 1 MiB buffer, written straight through
  std::ostringstream unused;
  REQUIRE(WriteOutputStream(dir + "/big.txt", unused, [&](std::ostream& o) {
            o << "head\n";
            o.write(big.data(), static_cast<std::streamsize>(big.size()));
            for (int i = 0; i < 100000; ++i) o << 'y';
            o << "\ntail";
            return Status::Ok();
          }).ok());
  CHECK(testing::ReadFile(dir + "/big.txt") == "head\n" + big + std::string(100000, 'y') + "\ntail");
}

TEST_CASE("output file: a failed write leaves the previous file and no temporary", "[output_file]") {
  const std::string dir = testing::TempDir("output-fail");
  const std::string path = dir + "/report.html";
  testing::WriteFile(path, "previous");
  std::ostringstream unused;
  Status s = WriteOutputStream(path, unused, [](std::ostream& o) {
    o << std::string(2 << 20, 'h');  // half a report reached the temporary file
    return Status::Input("building the report failed");
  });
  REQUIRE_FALSE(s.ok());
  CHECK(s.message() == "writing " + path + ": building the report failed");
  CHECK(testing::ReadFile(path) == "previous");
  CHECK(Listing(dir) == std::vector<std::string>{"report.html"});
  // A new file is not created at all.
  CHECK_FALSE(WriteOutputStream(dir + "/new.html", unused, [](std::ostream&) { return Status::Input("no"); }).ok());
  CHECK(Listing(dir) == std::vector<std::string>{"report.html"});
}

TEST_CASE("output file: a directory or a missing folder is an error naming the path", "[output_file]") {
  const std::string dir = testing::TempDir("output-errors");
  std::ostringstream unused;
  Status directory = WriteOutputFile(dir, "x", unused);
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.code() == StatusCode::kInput);
  CHECK(directory.message() == "writing " + dir + ": is a directory, expected a file name");
  const std::string missing = dir + "/no/such/folder/out.pb.gz";
  Status folder = WriteOutputFile(missing, "x", unused);
  REQUIRE_FALSE(folder.ok());
  CHECK(folder.message() == "writing " + missing + ": cannot create a file in its directory: No such file or directory");
  CHECK(Listing(dir).empty());
}

// A replaced file's permissions are lost: the temporary file is made 0644
// whatever the old file's mode and the umask were (reported as a bug).
TEST_CASE("output file: a replaced file keeps its mode, a new one follows the umask", "[output_file][!mayfail]") {
  const std::string dir = testing::TempDir("output-mode");
  const std::string path = dir + "/private.pb.gz";
  testing::WriteFile(path, "secret");
  REQUIRE(::chmod(path.c_str(), 0600) == 0);
  std::ostringstream unused;
  REQUIRE(WriteOutputFile(path, "new secret", unused).ok());
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  const mode_t previous = ::umask(077);
  Status written = WriteOutputFile(dir + "/new.pb.gz", "x", unused);
  ::umask(previous);
  REQUIRE(written.ok());
  REQUIRE(::stat((dir + "/new.pb.gz").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

}  // namespace
}  // namespace proflens
