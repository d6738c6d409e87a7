// The restricted pickle decoder, on pickles Python 3.11.7 wrote
// (pickle.dumps of the values in the comments); the byte offsets of the
// refusals are those pickletools.dis prints for the opcode refused.
#include <catch2/catch.hpp>

#include "formats/python/pickle.h"
#include "tests/test_util.h"

namespace proflens {
namespace {

using testing::FromHex;

// class Snap in a module "snap"; s = Snap(); s.traces = [(1, 64, (("a.py", 3),))]; s.limit = 1
// pickle.dumps({"none": None, "t": True, "f": False, "small": 7, "mid": 300, "neg": -5, "big": 2**40,
//               "neg_big": -2**40, "uni": "\u00fcn\u00ef", "tup": (1, 2, 3), "lst": [1, "x"], "obj": s}, 4)
const char* kProtocol4 =
    "800495c8000000000000007d94288c046e6f6e65944e8c017494888c016694898c05736d616c6c944b078c036d6964944d2c018c036e6567"
    "944afbffffff8c03626967948a060000000000018c076e65675f626967948a060000000000ff8c03756e69948c05c3bc6ec3af948c037475"
    "70944b014b024b0387948c036c7374945d94284b018c017894658c036f626a948c04736e6170948c04536e61709493942981947d94288c06"
    "747261636573945d944b014b408c04612e7079944b03869485948794618c056c696d6974944b017562752e";

// The same dict with protocol 2 (BINUNICODE, BINPUT and GLOBAL instead of
// SHORT_BINUNICODE, MEMOIZE and STACK_GLOBAL).
const char* kProtocol2 =
    "80027d71002858040000006e6f6e6571014e5801000000747102885801000000667103895805000000736d616c6c71044b0758030000006d"
    "696471054d2c0158030000006e656771064afbffffff580300000062696771078a0600000000000158070000006e65675f62696771088a06"
    "0000000000ff5803000000756e6971095805000000c3bc6ec3af710a5803000000747570710b4b014b024b0387710c58030000006c737471"
    "0d5d710e284b01580100000078710f6558030000006f626a711063736e61700a536e61700a7111298171127d711328580600000074726163"
    "657371145d71154b014b405804000000612e707971164b038671178571188771196158050000006c696d6974711a4b017562752e";

void CheckDict(const PickleDocument& doc) {
  const uint32_t root = doc.root;
  REQUIRE(doc[root].kind == PickleValue::Kind::kDict);
  auto member = [&](std::string_view key) -> const PickleValue& {
    const uint32_t id = doc.Member(root, key);
    REQUIRE(id != UINT32_MAX);
    return doc[id];
  };
  CHECK(member("none").kind == PickleValue::Kind::kNone);
  CHECK((member("t").kind == PickleValue::Kind::kBool && member("t").integer == 1));
  CHECK((member("f").kind == PickleValue::Kind::kBool && member("f").integer == 0));
  CHECK(member("small").integer == 7);
  CHECK(member("mid").integer == 300);
  CHECK(member("neg").integer == -5);
  CHECK(member("big").integer == int64_t{1} << 40);
  CHECK(member("neg_big").integer == -(int64_t{1} << 40));
  CHECK(member("uni").text == "\xc3\xbcn\xc3\xaf");
  const PickleValue& tup = member("tup");
  REQUIRE(tup.kind == PickleValue::Kind::kTuple);
  REQUIRE(tup.items.size() == 3);
  CHECK(doc[tup.items[2]].integer == 3);
  const PickleValue& lst = member("lst");
  REQUIRE(lst.kind == PickleValue::Kind::kList);
  REQUIRE(lst.items.size() == 2);
  CHECK(doc[lst.items[1]].text == "x");
  const PickleValue& obj = member("obj");
  REQUIRE(obj.kind == PickleValue::Kind::kObject);
  CHECK(obj.text == "snap.Snap");
  REQUIRE(obj.state != UINT32_MAX);
  CHECK(doc[doc.Member(obj.state, "limit")].integer == 1);
  const PickleValue& traces = doc[doc.Member(obj.state, "traces")];
  REQUIRE(traces.items.size() == 1);
  const PickleValue& trace = doc[traces.items[0]];  // (1, 64, (("a.py", 3),))
  REQUIRE(trace.items.size() == 3);
  CHECK(doc[trace.items[1]].integer == 64);
  const PickleValue& frame = doc[doc[trace.items[2]].items[0]];
  CHECK(doc[frame.items[0]].text == "a.py");
  CHECK(doc[frame.items[1]].integer == 3);
  CHECK(doc.Member(root, "absent") == UINT32_MAX);
}

TEST_CASE("pickle: plain values and a listed class's objects, protocols 2 and 4", "[pickle]") {
  for (const char* hex : {kProtocol4, kProtocol2}) {
    const std::string bytes = FromHex(hex);
    INFO((bytes[1] == 4 ? "protocol 4" : "protocol 2"));
    Result<PickleDocument> doc = DecodePickle(bytes, {"snap.Snap"});
    INFO(doc.status().message());
    REQUIRE(doc.ok());
    CheckDict(*doc);
  }
}

TEST_CASE("pickle: any other global, REDUCE and unknown opcodes are refused at their byte", "[pickle][hostile]") {
  // The protocol 4 dict without snap.Snap allowed: STACK_GLOBAL at byte 158.
  Result<PickleDocument> global = DecodePickle(FromHex(kProtocol4), {"tracemalloc.Snapshot"});
  REQUIRE_FALSE(global.ok());
  CHECK(global.status().code() == StatusCode::kInput);
  CHECK_THAT(global.status().message(), Catch::StartsWith("byte offset 158: refusing global snap.Snap"));
  // The protocol 2 pickle's GLOBAL 'snap Snap' is at byte 194.
  Result<PickleDocument> global2 = DecodePickle(FromHex(kProtocol2), {});
  REQUIRE_FALSE(global2.ok());
  CHECK_THAT(global2.status().message(), Catch::StartsWith("byte offset 194: refusing global snap.Snap"));
  // pickle.dumps(range(3), 4): REDUCE at byte 40, even with the class allowed.
  const std::string range = FromHex("80049520000000000000008c086275696c74696e73948c0572616e67659493944b004b034b01879452942e");
  Result<PickleDocument> reduce = DecodePickle(range, {"builtins.range"});
  REQUIRE_FALSE(reduce.ok());
  CHECK(reduce.status().message() == "byte offset 40: refusing REDUCE (it would run code)");
  // pickle.dumps(datetime.date(2020, 1, 2), 4): SHORT_BINBYTES at byte 31.
  const std::string date = FromHex("80049520000000000000008c086461746574696d65948c0464617465949394430407e4010294859452942e");
  Result<PickleDocument> bytes_op = DecodePickle(date, {"datetime.date"});
  REQUIRE_FALSE(bytes_op.ok());
  CHECK(bytes_op.status().message() == "byte offset 31: refusing pickle opcode 0x43 (not one a tracemalloc snapshot uses)");
}

TEST_CASE("pickle: truncated data, a missing STOP and deep nesting are errors with the offset", "[pickle][hostile]") {
  const std::string whole = FromHex(kProtocol4);
  // SHORT_BINUNICODE 'ünï' starts at byte 100: cut inside its text.
  Result<PickleDocument> cut = DecodePickle(whole.substr(0, 104), {"snap.Snap"});
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.status().message() == "byte offset 100: expected a string the data holds");
  // Without the STOP at byte 210.
  Result<PickleDocument> no_stop = DecodePickle(whole.substr(0, 210), {"snap.Snap"});
  REQUIRE_FALSE(no_stop.ok());
  CHECK(no_stop.status().message() == "byte offset 210: expected a STOP opcode before the end of the data");
  // 1001 MARKs: the last one, at byte 2 + 1000, is one too deep.
  Result<PickleDocument> deep = DecodePickle("\x80\x04" + std::string(1001, '(') + ".", {});
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.status().message() == "byte offset 1002: expected nesting under 1000 levels");
  // A protocol before 2.
  Result<PickleDocument> old = DecodePickle(std::string("\x80\x01N.", 4), {});
  REQUIRE_FALSE(old.ok());
  CHECK(old.status().message() == "byte offset 0: expected pickle protocol 2 to 5");
}

TEST_CASE("pickle: what looks like a snapshot's pickle", "[pickle]") {
  CHECK(LooksLikePickle(FromHex(kProtocol4)));                      // FRAME first
  CHECK(LooksLikePickle(std::string("\x80\x02" "ctracemalloc\nSnapshot\n", 24)));  // GLOBAL first
  CHECK_FALSE(LooksLikePickle(FromHex(kProtocol2)));                // a dict first: not a snapshot
  CHECK_FALSE(LooksLikePickle(std::string("\x80\x01\x95", 3)));     // protocol 1
  CHECK_FALSE(LooksLikePickle("{\"traceEvents\": []}"));
  CHECK_FALSE(LooksLikePickle("\x80\x04"));
}

}  // namespace
}  // namespace proflens
