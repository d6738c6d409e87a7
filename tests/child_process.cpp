#include "tests/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace proflens::testing {

ChildProcess::ChildProcess(const std::string& shell_command) {
  int out[2], in[2];
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, out[1], 2);
  const std::string command = "exec " + shell_command;
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  const int failed = posix_spawn(&pid_, "/bin/sh", &actions, nullptr, const_cast<char**>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  ::close(in[0]);
  output_fd_ = out[0];
  input_fd_ = in[1];
  if (failed != 0) throw std::runtime_error("posix_spawn: " + shell_command);
}

ChildProcess::~ChildProcess() {
  if (status_ < 0 && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  ::close(output_fd_);
  ::close(input_fd_);
}

void ChildProcess::ReadAvailable(int timeout_ms) {
  struct pollfd fd {output_fd_, POLLIN, 0};
  if (::poll(&fd, 1, timeout_ms) <= 0) return;
  char buf[4096];
  const ssize_t n = ::read(output_fd_, buf, sizeof buf);
  if (n > 0) output_.append(buf, static_cast<size_t>(n));
  if (n == 0) std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));  // ended: no busy loop
}

std::string ChildProcess::WaitForLine(const std::string& text, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  for (;;) {
    for (size_t end; (end = output_.find('\n', scanned_)) != std::string::npos;) {
      std::string line = output_.substr(scanned_, end - scanned_);
      scanned_ = end + 1;
      if (line.find(text) != std::string::npos) return line;
    }
    if (std::chrono::steady_clock::now() > deadline) return "";
    ReadAvailable(50);
  }
}

int ChildProcess::Stop(int signal, double seconds) {
  if (status_ >= 0) return status_;
  ::kill(pid_, signal);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      ReadAvailable(0);
      return status_;
    }
    ReadAvailable(20);
  }
  return -1;
}

std::string ShellOutput(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  ::pclose(pipe);
  return out;
}

}  // namespace proflens::testing
