// The marshal decoder: values Python's own marshal wrote (Python 3.11.7,
// marshal.dumps of the tuple in the comment, version 4 and version 1), values
// written by hand with their bytes explained, and malformed data refused
// with the byte offset.
#include <catch2/catch.hpp>

#include "formats/python/marshal.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

using testing::FromHex;

TEST_CASE("marshal: every type data files use", "[pstats]") {
  // {(1, -2, 2**40, "ab", r0 is the tuple? no: ref to "ab"): 1.5}
  std::string bytes;
  bytes += '{';
  bytes += '(';
  bytes += std::string("\x06\x00\x00\x00", 4);          // tuple of 6
  bytes += std::string("i\x01\x00\x00\x00", 5);         // 1
  bytes += std::string("i\xfe\xff\xff\xff", 5);         // -2
  bytes += std::string("l\x03\x00\x00\x00\x00\x00\x00\x00\x00\x04", 11);  // 2**32 * 2**8 = digits 0,0,1024 -> 1024 << 30
  bytes += std::string("\xda\x02" "ab", 4);             // short ascii, flagged as referenced (ref 0)
  bytes += std::string("r\x00\x00\x00\x00", 5);         // ref 0: "ab"
  bytes += std::string("l\xfe\xff\xff\xff\x05\x00\x01\x00", 9);  // -(5 + 1 << 15)
  bytes += std::string("g\x00\x00\x00\x00\x00\x00\xf8\x3f", 9);  // 1.5
  bytes += '0';
  Result<MarshalDocument> doc = DecodeMarshal(bytes);
  REQUIRE(doc.ok());
  const MarshalValue& dict = (*doc)[doc->root];
  REQUIRE(dict.type == MarshalType::kDict);
  REQUIRE(dict.size == 1);
  auto pair = doc->ItemsOf(dict);
  const MarshalValue& key = (*doc)[pair[0]];
  REQUIRE(key.type == MarshalType::kTuple);
  auto items = doc->ItemsOf(key);
  REQUIRE(items.size() == 6);
  CHECK((*doc)[items[0]].integer == 1);
  CHECK((*doc)[items[1]].integer == -2);
  CHECK((*doc)[items[2]].integer == (int64_t{1024} << 30));
  CHECK(doc->Text((*doc)[items[3]]) == "ab");
  CHECK(items[4] == items[3]);
  CHECK((*doc)[items[5]].integer == -(5 + (int64_t{1} << 15)));
  CHECK((*doc)[pair[1]].number == 1.5);
}

TEST_CASE("marshal: malformed data is an error with the byte offset", "[pstats][hostile]") {
  struct Case {
    std::string name, bytes, expect;
  };
  for (const Case& c : std::vector<Case>{
           {"truncated int", std::string("i\x01\x00", 3), "byte offset 1: expected a 4-byte integer"},
           {"code object", "c", "byte offset 0: expected a marshal type code of data"},
           {"dangling ref", std::string("r\x05\x00\x00\x00", 5), "byte offset 0: expected a reference to an object decoded before it"},
           {"huge tuple", std::string("(\xff\xff\xff\x7f", 5), "byte offset 1: expected a size the rest of the data can hold"},
           {"negative size", std::string("(\xff\xff\xff\xff", 5), "expected a non-negative size"},
           {"long overflow", std::string("l\x06\x00\x00\x00", 5) + std::string(12, '\x01'), "expected an integer that fits in 64 bits"},
           {"trailing bytes", "NN", "byte offset 1: expected the end of the data"},
           {"dict without end", "{N", "expected the value of a dict key"},
           {"deep nesting", "", "nested at most"},
       }) {
    SECTION(c.name) {
      std::string bytes = c.bytes;
      if (c.name == "deep nesting") {
        bytes.clear();
        for (int i = 0; i < 300; ++i) bytes += std::string(")\x01", 2);
        bytes += 'N';
      }
      Result<MarshalDocument> doc = DecodeMarshal(bytes);
      REQUIRE_FALSE(doc.ok());
      CHECK_THAT(doc.status().message(), Catch::Contains(c.expect));
    }
  }
}

TEST_CASE("marshal: what Python's marshal.dumps wrote reads back as the values it was given", "[pstats]") {
  // s = "shared" * 2
  // marshal.dumps(("ascii", "\u00fcn\u00ef", b"\x00\xff", 2**62, -2**40, 0.1, [None, True, False],
  //                {"k": 1}, {3}, frozenset([4]), s, s, 1.5e300), 4)
  const std::string bytes = FromHex(
      "a90dda056173636969f505000000c3bc6ec3aff30200000000ffec0500000000000000000000000400ecfdffffff000000000004e79a99"
      "99999999b93f5b030000004e54467bda016be901000000303c01000000e9030000003e01000000e904000000da0c7368617265647368"
      "61726564720b000000e7355800662deb417e");
  Result<MarshalDocument> doc = DecodeMarshal(bytes);
  INFO(doc.status().message());
  REQUIRE(doc.ok());
  const MarshalValue& tuple = (*doc)[doc->root];
  REQUIRE(tuple.type == MarshalType::kTuple);
  auto items = doc->ItemsOf(tuple);
  REQUIRE(items.size() == 13);
  auto at = [&](size_t i) -> const MarshalValue& { return (*doc)[items[i]]; };
  CHECK(at(0).type == MarshalType::kString);
  CHECK(doc->Text(at(0)) == "ascii");
  CHECK(doc->Text(at(1)) == "\xc3\xbcn\xc3\xaf");  // UTF-8
  CHECK(at(2).type == MarshalType::kBytes);
  CHECK(doc->Text(at(2)) == std::string("\0\xff", 2));
  CHECK(at(3).integer == int64_t{1} << 62);
  CHECK(at(4).integer == -(int64_t{1} << 40));
  CHECK(at(5).number == 0.1);
  REQUIRE(at(6).type == MarshalType::kList);
  auto list = doc->ItemsOf(at(6));
  REQUIRE(list.size() == 3);
  CHECK((*doc)[list[0]].type == MarshalType::kNone);
  CHECK(((*doc)[list[1]].type == MarshalType::kBool && (*doc)[list[1]].integer == 1));
  CHECK(((*doc)[list[2]].type == MarshalType::kBool && (*doc)[list[2]].integer == 0));
  REQUIRE(at(7).type == MarshalType::kDict);
  auto dict = doc->ItemsOf(at(7));
  REQUIRE(dict.size() == 2);
  CHECK(doc->Text((*doc)[dict[0]]) == "k");
  CHECK((*doc)[dict[1]].integer == 1);
  CHECK((at(8).type == MarshalType::kSet && (*doc)[doc->ItemsOf(at(8))[0]].integer == 3));
  CHECK((at(9).type == MarshalType::kSet && (*doc)[doc->ItemsOf(at(9))[0]].integer == 4));  // frozenset
  CHECK(doc->Text(at(10)) == "sharedshared");
  CHECK(items[11] == items[10]);  // written as a reference to it
  CHECK(at(12).number == 1.5e300);
  CHECK(MarshalTypeName(at(9).type) == "set");
}

TEST_CASE("marshal: version 1's text floats, and a long beyond 64 bits refused", "[pstats]") {
  // marshal.dumps(0.1, 1) and marshal.dumps(-2.5, 1)
  Result<MarshalDocument> tenth = DecodeMarshal(std::string("f\x13" "0.10000000000000001"));
  REQUIRE(tenth.ok());
  CHECK((*tenth)[tenth->root].number == 0.1);
  Result<MarshalDocument> negative = DecodeMarshal(std::string("f\x04-2.5"));
  REQUIRE(negative.ok());
  CHECK((*negative)[negative->root].number == -2.5);
  // marshal.dumps(2**70, 4): five 15-bit digits, the last 1024 (1024 << 60 = 2**70).
  Result<MarshalDocument> big = DecodeMarshal(FromHex("6c0500000000000000000000000004"));
  REQUIRE_FALSE(big.ok());
  CHECK_THAT(big.status().message(), Catch::Contains("byte offset 0: expected an integer that fits in 64 bits"));
}

}  // namespace
}  // namespace proflens
