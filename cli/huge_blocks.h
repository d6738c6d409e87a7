// Whether the program's operator new puts large blocks on huge pages
// (cli/huge_blocks.cpp): not under the sanitizers, whose own checks more.
#ifndef PROFLENS_CLI_HUGE_BLOCKS_H_
#define PROFLENS_CLI_HUGE_BLOCKS_H_

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define PROFLENS_SANITIZED 1
#endif
#endif
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__) && !defined(PROFLENS_SANITIZED)
#define PROFLENS_HUGE_BLOCKS 1
#endif

#endif  // PROFLENS_CLI_HUGE_BLOCKS_H_
