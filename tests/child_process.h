// A program running beside a test (a server it talks to): started through
// the shell, its output read line by line as it comes, stopped by a signal
// and waited for. Its standard input is a pipe the test holds, so a program
// that ends when its input closes ends with the test.
#ifndef PROFLENS_TESTS_CHILD_PROCESS_H_
#define PROFLENS_TESTS_CHILD_PROCESS_H_

#include <string>

#include <sys/types.h>

namespace proflens::testing {

class ChildProcess {
 public:
  // Runs `shell_command` (exec'd by /bin/sh, so the pid is the program's);
  // its standard output and error both come to ReadLine.
  explicit ChildProcess(const std::string& shell_command);
  ~ChildProcess();  // SIGKILL and wait, if it still runs
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The first line (without '\n') it writes that contains `text`, waiting up
  // to `seconds`; "" when it ends or the time is up first.
  std::string WaitForLine(const std::string& text, double seconds);
  // Everything it wrote so far (and what WaitForLine read).
  const std::string& output() const { return output_; }

  // Sends `signal` and waits up to `seconds` for it to end: its exit code,
  // 128 + the signal that ended it, or -1 when it still runs.
  int Stop(int signal, double seconds);
  pid_t pid() const { return pid_; }

 private:
  void ReadAvailable(int timeout_ms);

  pid_t pid_ = -1;
  int output_fd_ = -1;
  int input_fd_ = -1;
  int status_ = -1;  // once waited for
  std::string output_;
  size_t scanned_ = 0;  // output_ before this was given to WaitForLine
};

// The command's standard output, run through the shell ("" when it fails).
std::string ShellOutput(const std::string& command);

}  // namespace proflens::testing

#endif  // PROFLENS_TESTS_CHILD_PROCESS_H_
