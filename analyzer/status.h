// Errors as values. No exception crosses a library API: functions that can fail
// return Status or Result<T>. Messages are lowercase and gain context at each
// layer: "reading perf.txt: line 42: expected ...".
#ifndef PROFLENS_ANALYZER_STATUS_H_
#define PROFLENS_ANALYZER_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace proflens {

// Each code maps to one process exit code (see ExitCode).
enum class StatusCode {
  kOk = 0,
  kAssertionFailed = 1,  // a `check` assertion did not hold
  kUsage = 2,            // bad command-line arguments or expressions
  kInput = 3,            // unreadable, malformed or unwritable files
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status Usage(std::string message) { return {StatusCode::kUsage, std::move(message)}; }
  static Status Input(std::string message) { return {StatusCode::kInput, std::move(message)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns this status with "context: " in front of the message.
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Process exit code for a status: 0 ok, 1 assertion failed, 2 usage, 3 input or I/O.
inline int ExitCode(const Status& status) { return static_cast<int>(status.code()); }

// A value or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}           // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}   // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace proflens

// Returns early from the enclosing function when `expr` yields a failed Status.
#define PROFLENS_RETURN_IF_ERROR(expr)            \
  do {                                            \
    ::proflens::Status status_macro_ = (expr);    \
    if (!status_macro_.ok()) return status_macro_; \
  } while (false)

// Evaluates `expr`, a Result<T>; returns its Status from the enclosing
// function when it failed, else moves its value into `lhs` (a declaration
// such as `auto x` or an existing lvalue).
#define PROFLENS_ASSIGN_OR_RETURN(lhs, expr) \
  PROFLENS_ASSIGN_OR_RETURN_IMPL_(PROFLENS_STATUS_CONCAT_(result_macro_, __LINE__), lhs, expr)
#define PROFLENS_STATUS_CONCAT_INNER_(a, b) a##b
#define PROFLENS_STATUS_CONCAT_(a, b) PROFLENS_STATUS_CONCAT_INNER_(a, b)
#define PROFLENS_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()

#endif  // PROFLENS_ANALYZER_STATUS_H_
