// Large blocks on transparent huge pages: the program's operator new gives
// each block of 1 MiB or more its own mapping of whole 2 MiB pages, aligned
// and advised to the kernel as huge pages (MADV_HUGEPAGE); smaller ones come
// from malloc as before.
//
// A reader's big tables (its stacks, their hash table, the samples, the
// sort's keys) are written once each, page by page: every first touch of a
// 4 KiB page is a fault, and on the shared VM these cost microseconds each
// (the guest's page tables are shadowed). perf.data of 492 K samples to
// folded took 45 K faults and 1.0 s of CPU, then 4 K faults and 0.55 s
// (glibc's malloc does the like with GLIBC_TUNABLES=glibc.malloc.hugetlb=1,
// which only the environment can set). A block's last huge page may be partly
// unused: less than 2 MiB more memory a block (peak of that conversion: 94 ->
// 101 MiB). Where the kernel gives no huge pages (THP "never") a block is a
// mapping of its own, as glibc's malloc makes one of every block past its
// mmap threshold (main.cpp sets 128 KiB).
//
// Linked into the program and the tests (which then run on it), not into the
// libraries; left out under the sanitizers (cli/huge_blocks.h).
#include "cli/huge_blocks.h"

#ifdef PROFLENS_HUGE_BLOCKS

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>

namespace {

constexpr size_t kHugePage = size_t{2} << 20;
constexpr size_t kLarge = size_t{1} << 20;  // blocks this big or bigger get a mapping
constexpr size_t kSlots = 1024;             // large blocks alive at once (past it, malloc's)

struct Block {
  uintptr_t base = 0;
  size_t length = 0;
};

// The large blocks alive, found by address when freed.
std::mutex g_mutex;
Block g_blocks[kSlots];
size_t g_alive = 0;

void* MapLarge(size_t size) {
  if (size > (SIZE_MAX >> 1)) return nullptr;
  const size_t length = (size + kHugePage - 1) & ~(kHugePage - 1);
  // Mapped a huge page longer, then cut to a 2 MiB-aligned start.
  void* raw = mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  const uintptr_t start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t base = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (base > start) munmap(raw, base - start);
  munmap(reinterpret_cast<void*>(base + length), start + kHugePage - base);
  madvise(reinterpret_cast<void*>(base), length, MADV_HUGEPAGE);
  std::lock_guard<std::mutex> lock(g_mutex);
  for (Block& b : g_blocks) {
    if (b.base == 0) {
      b = {base, length};
      ++g_alive;
      return reinterpret_cast<void*>(base);
    }
  }
  munmap(reinterpret_cast<void*>(base), length);
  return nullptr;
}

// Unmaps `p` when it is a large block.
bool UnmapLarge(void* p) {
  const uintptr_t at = reinterpret_cast<uintptr_t>(p);
  if ((at & (kHugePage - 1)) != 0) return false;  // a large block starts at a 2 MiB boundary
  std::lock_guard<std::mutex> lock(g_mutex);
  if (g_alive == 0) return false;
  for (Block& b : g_blocks) {
    if (b.base == at) {
      munmap(p, b.length);
      b = {};
      --g_alive;
      return true;
    }
  }
  return false;
}

void* Allocate(size_t size) {
  if (size >= kLarge) {
    if (void* p = MapLarge(size)) return p;
  }
  for (;;) {
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

void Free(void* p) noexcept {
  if (p != nullptr && !UnmapLarge(p)) std::free(p);
}

}  // namespace

// The plain forms; libstdc++'s array, sized and nothrow forms call these.
void* operator new(size_t size) { return Allocate(size); }
void* operator new[](size_t size) { return Allocate(size); }
void operator delete(void* p) noexcept { Free(p); }
void operator delete[](void* p) noexcept { Free(p); }
void operator delete(void* p, size_t) noexcept { Free(p); }
void operator delete[](void* p, size_t) noexcept { Free(p); }

#endif
