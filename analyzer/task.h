// Task: work on a thread of its own whose exception (std::bad_alloc above
// all) reaches the thread that joins it, instead of ending the process with
// std::terminate. Join() rethrows it; the destructor joins and drops it (the
// joining thread is already unwinding from an exception of its own).
#ifndef PROFLENS_ANALYZER_TASK_H_
#define PROFLENS_ANALYZER_TASK_H_

#include <exception>
#include <functional>
#include <thread>
#include <utility>

namespace proflens {

class Task {
 public:
  Task() = default;
  explicit Task(std::function<void()> work)
      : thread_([this, work = std::move(work)] {
          try {
            work();
          } catch (...) {
            error_ = std::current_exception();
          }
        }) {}
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() {
    if (thread_.joinable()) thread_.join();
  }

  void Join() {
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  std::exception_ptr error_;
  std::thread thread_;  // last: started once error_ exists
};

}  // namespace proflens

#endif  // PROFLENS_ANALYZER_TASK_H_
