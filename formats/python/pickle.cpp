#include "formats/python/pickle.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <deque>

namespace proflens {

namespace {

constexpr size_t kMaxOpenMarks = 1000;  // marks open at once

class PickleDecoder {
 public:
  PickleDecoder(std::string_view bytes, const std::vector<std::string>& classes) : bytes_(bytes), classes_(classes) {}

  Result<PickleDocument> Run() && {
    while (true) {
      if (pos_ >= bytes_.size()) return Error(pos_, "a STOP opcode before the end of the data");
      const size_t at = pos_;
      const uint8_t op = static_cast<uint8_t>(bytes_[pos_++]);
      Status s = Step(op, at);
      if (!s.ok()) return s;
      if (stopped_) break;
    }
    if (stack_.size() != 1) return Error(pos_, "one value on the stack at STOP");
    doc_.root = stack_.back();
    return std::move(doc_);
  }

 private:
  Status Error(size_t at, const std::string& expected) const {
    return Status::Input("byte offset " + std::to_string(at) + ": expected " + expected);
  }

  uint32_t Add(PickleValue v) {
    doc_.values.push_back(std::move(v));
    return static_cast<uint32_t>(doc_.values.size() - 1);
  }

  bool Read(size_t n, std::string_view* out) {
    if (n > bytes_.size() - pos_) return false;
    *out = bytes_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool ReadUint(size_t n, uint64_t* v) {
    std::string_view raw;
    if (!Read(n, &raw)) return false;
    *v = 0;
    for (size_t i = 0; i < n; ++i) *v |= uint64_t{static_cast<uint8_t>(raw[i])} << (8 * i);
    return true;
  }

  Status Pop(size_t at, uint32_t* v) {
    if (stack_.empty() || (!marks_.empty() && stack_.size() == marks_.back())) return Error(at, "a value on the stack");
    *v = stack_.back();
    stack_.pop_back();
    return Status::Ok();
  }
  Status PopMark(size_t at, std::vector<uint32_t>* items) {
    if (marks_.empty()) return Error(at, "a MARK before this opcode");
    items->assign(stack_.begin() + static_cast<std::ptrdiff_t>(marks_.back()), stack_.end());
    stack_.resize(marks_.back());
    marks_.pop_back();
    return Status::Ok();
  }
  Status Tuple(size_t at, size_t n) {
    if (stack_.size() < n + (marks_.empty() ? 0 : marks_.back())) return Error(at, std::to_string(n) + " values for a tuple");
    PickleValue t;
    t.kind = PickleValue::Kind::kTuple;
    t.items.assign(stack_.end() - static_cast<std::ptrdiff_t>(n), stack_.end());
    stack_.resize(stack_.size() - n);
    stack_.push_back(Add(std::move(t)));
    return Status::Ok();
  }
  Status Extend(size_t at, const std::vector<uint32_t>& items, bool dict) {
    uint32_t target = 0;
    PROFLENS_RETURN_IF_ERROR(Pop(at, &target));
    PickleValue& v = doc_.values[target];
    if (dict ? v.kind != PickleValue::Kind::kDict : v.kind != PickleValue::Kind::kList) {
      return Error(at, dict ? "a dict to set items in" : "a list to append to");
    }
    if (dict && items.size() % 2 != 0) return Error(at, "keys and values in pairs");
    v.items.insert(v.items.end(), items.begin(), items.end());
    stack_.push_back(target);
    return Status::Ok();
  }
  Status Memo(size_t at, uint64_t slot) {
    if (stack_.empty()) return Error(at, "a value to memoize");
    if (slot > bytes_.size()) return Error(at, "a memo slot the data can hold");
    if (memo_.size() <= slot) memo_.resize(slot + 1, UINT32_MAX);
    memo_[slot] = stack_.back();
    return Status::Ok();
  }
  Status Get(size_t at, uint64_t slot) {
    if (slot >= memo_.size() || memo_[slot] == UINT32_MAX) return Error(at, "a memo slot stored before");
    stack_.push_back(memo_[slot]);
    return Status::Ok();
  }
  Status Global(size_t at, std::string_view module, std::string_view name) {
    const std::string qualified = std::string(module) + "." + std::string(name);
    if (std::find(classes_.begin(), classes_.end(), qualified) == classes_.end()) {
      return Status::Input("byte offset " + std::to_string(at) + ": refusing global " + qualified.substr(0, 200) +
                           " (a tracemalloc snapshot holds only tracemalloc.Snapshot and tracemalloc._Traces)");
    }
    PickleValue g;
    g.kind = PickleValue::Kind::kObject;
    g.text = module.data() == nullptr ? std::string_view() : std::string_view(Intern(qualified));
    g.integer = -1;  // a class, not an instance yet
    stack_.push_back(Add(std::move(g)));
    return Status::Ok();
  }
  std::string_view Intern(const std::string& s) {
    doc_.names.push_back(s);
    return doc_.names.back();
  }

  Status Step(uint8_t op, size_t at) {
    uint64_t n = 0;
    std::string_view raw;
    PickleValue v;
    switch (op) {
      case 0x80:  // PROTO
        if (!ReadUint(1, &n) || n < 2 || n > 5) return Error(at, "pickle protocol 2 to 5");
        return Status::Ok();
      case 0x95:  // FRAME
        if (!ReadUint(8, &n)) return Error(at, "a frame length");
        return Status::Ok();
      case '.': stopped_ = true; return Status::Ok();
      case '(':
        if (marks_.size() >= kMaxOpenMarks) return Error(at, "nesting under " + std::to_string(kMaxOpenMarks) + " levels");
        marks_.push_back(stack_.size());
        return Status::Ok();
      case 'N': v.kind = PickleValue::Kind::kNone; break;
      case 0x88: case 0x89: v.kind = PickleValue::Kind::kBool; v.integer = op == 0x88; break;
      case 'K': if (!ReadUint(1, &n)) return Error(at, "a 1-byte int"); v.kind = PickleValue::Kind::kInt; v.integer = static_cast<int64_t>(n); break;
      case 'M': if (!ReadUint(2, &n)) return Error(at, "a 2-byte int"); v.kind = PickleValue::Kind::kInt; v.integer = static_cast<int64_t>(n); break;
      case 'J':
        if (!ReadUint(4, &n)) return Error(at, "a 4-byte int");
        v.kind = PickleValue::Kind::kInt;
        v.integer = static_cast<int32_t>(static_cast<uint32_t>(n));
        break;
      case 0x8a: {  // LONG1: little-endian two's complement of N bytes
        if (!ReadUint(1, &n) || !Read(n, &raw)) return Error(at, "a long");
        if (n > 8) return Error(at, "an integer that fits in 64 bits");
        uint64_t u = 0;
        for (size_t i = 0; i < n; ++i) u |= uint64_t{static_cast<uint8_t>(raw[i])} << (8 * i);
        if (n > 0 && n < 8 && (static_cast<uint8_t>(raw[n - 1]) & 0x80)) u |= ~uint64_t{0} << (8 * n);  // sign
        v.kind = PickleValue::Kind::kInt;
        v.integer = static_cast<int64_t>(u);
        break;
      }
      case 0x8c:  // SHORT_BINUNICODE
      case 'X':   // BINUNICODE
      case 0x8d:  // BINUNICODE8
        if (!ReadUint(op == 0x8c ? 1 : op == 'X' ? 4 : 8, &n) || !Read(n, &raw)) return Error(at, "a string the data holds");
        v.kind = PickleValue::Kind::kString;
        v.text = raw;
        break;
      case ')': v.kind = PickleValue::Kind::kTuple; break;
      case ']': v.kind = PickleValue::Kind::kList; break;
      case '}': v.kind = PickleValue::Kind::kDict; break;
      case 0x85: return Tuple(at, 1);
      case 0x86: return Tuple(at, 2);
      case 0x87: return Tuple(at, 3);
      case 't': {
        std::vector<uint32_t> items;
        PROFLENS_RETURN_IF_ERROR(PopMark(at, &items));
        v.kind = PickleValue::Kind::kTuple;
        v.items = std::move(items);
        break;
      }
      case 'a': {
        uint32_t item = 0;
        PROFLENS_RETURN_IF_ERROR(Pop(at, &item));
        return Extend(at, {item}, false);
      }
      case 'e': case 'u': {
        std::vector<uint32_t> items;
        PROFLENS_RETURN_IF_ERROR(PopMark(at, &items));
        return Extend(at, items, op == 'u');
      }
      case 's': {
        uint32_t key = 0, value = 0;
        PROFLENS_RETURN_IF_ERROR(Pop(at, &value));
        PROFLENS_RETURN_IF_ERROR(Pop(at, &key));
        return Extend(at, {key, value}, true);
      }
      case 0x94: return Memo(at, memo_.size());
      case 'q': if (!ReadUint(1, &n)) return Error(at, "a memo slot"); return Memo(at, n);
      case 'r': if (!ReadUint(4, &n)) return Error(at, "a memo slot"); return Memo(at, n);
      case 'h': if (!ReadUint(1, &n)) return Error(at, "a memo slot"); return Get(at, n);
      case 'j': if (!ReadUint(4, &n)) return Error(at, "a memo slot"); return Get(at, n);
      case 0x93: {  // STACK_GLOBAL
        uint32_t module = 0, name = 0;
        PROFLENS_RETURN_IF_ERROR(Pop(at, &name));
        PROFLENS_RETURN_IF_ERROR(Pop(at, &module));
        if (doc_[module].kind != PickleValue::Kind::kString || doc_[name].kind != PickleValue::Kind::kString) {
          return Error(at, "a module and a name for STACK_GLOBAL");
        }
        return Global(at, doc_[module].text, doc_[name].text);
      }
      case 'c': {  // GLOBAL "module\nname\n"
        size_t nl1 = bytes_.find('\n', pos_);
        size_t nl2 = nl1 == std::string_view::npos ? nl1 : bytes_.find('\n', nl1 + 1);
        if (nl2 == std::string_view::npos) return Error(at, "a module and a name for GLOBAL");
        std::string_view module = bytes_.substr(pos_, nl1 - pos_), name = bytes_.substr(nl1 + 1, nl2 - nl1 - 1);
        pos_ = nl2 + 1;
        return Global(at, module, name);
      }
      case 0x81: {  // NEWOBJ: cls args -> an instance with no state yet
        uint32_t args = 0, cls = 0;
        PROFLENS_RETURN_IF_ERROR(Pop(at, &args));
        PROFLENS_RETURN_IF_ERROR(Pop(at, &cls));
        if (doc_[cls].kind != PickleValue::Kind::kObject || doc_[cls].integer != -1) return Error(at, "a class for NEWOBJ");
        if (doc_[args].kind != PickleValue::Kind::kTuple || !doc_[args].items.empty()) return Error(at, "no arguments for NEWOBJ");
        v.kind = PickleValue::Kind::kObject;
        v.text = doc_[cls].text;
        v.integer = 0;
        break;
      }
      case 'b': {  // BUILD: obj state
        uint32_t state = 0, object = 0;
        PROFLENS_RETURN_IF_ERROR(Pop(at, &state));
        PROFLENS_RETURN_IF_ERROR(Pop(at, &object));
        if (doc_[object].kind != PickleValue::Kind::kObject || doc_[object].integer != 0) return Error(at, "an object for BUILD");
        if (doc_[state].kind != PickleValue::Kind::kDict) return Error(at, "a dict of state for BUILD");
        doc_.values[object].state = state;
        stack_.push_back(object);
        return Status::Ok();
      }
      case 'R': return Status::Input("byte offset " + std::to_string(at) + ": refusing REDUCE (it would run code)");
      default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", op);
        return Status::Input("byte offset " + std::to_string(at) + ": refusing pickle opcode " + hex +
                             " (not one a tracemalloc snapshot uses)");
      }
    }
    stack_.push_back(Add(std::move(v)));
    return Status::Ok();
  }

  std::string_view bytes_;
  const std::vector<std::string>& classes_;
  size_t pos_ = 0;
  bool stopped_ = false;
  PickleDocument doc_;
  std::vector<uint32_t> stack_, memo_;
  std::vector<size_t> marks_;
};

}  // namespace

uint32_t PickleDocument::Member(uint32_t dict, std::string_view key) const {
  const PickleValue& d = values[dict];
  if (d.kind != PickleValue::Kind::kDict) return UINT32_MAX;
  for (size_t i = 0; i + 1 < d.items.size(); i += 2) {
    const PickleValue& k = values[d.items[i]];
    if (k.kind == PickleValue::Kind::kString && k.text == key) return d.items[i + 1];
  }
  return UINT32_MAX;
}

Result<PickleDocument> DecodePickle(std::string_view bytes, const std::vector<std::string>& classes) {
  return PickleDecoder(bytes, classes).Run();
}

bool LooksLikePickle(std::string_view bytes) {
  return bytes.size() >= 3 && static_cast<uint8_t>(bytes[0]) == 0x80 && bytes[1] >= 2 && bytes[1] <= 5 &&
         (static_cast<uint8_t>(bytes[2]) == 0x95 || static_cast<uint8_t>(bytes[2]) == 0x8c || bytes[2] == 'c');
}

}  // namespace proflens
