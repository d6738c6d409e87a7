// A Rust program with no C library and no std (so its captures hold no
// file but itself), built -C opt-level=2 -C debuginfo=2 with v0 mangling:
// generics, traits, closures and functions inlined into others.
#![no_std]
#![no_main]

use core::panic::PanicInfo;

#[panic_handler]
fn panic(_: &PanicInfo) -> ! {
    exit(1)
}

fn exit(code: i64) -> ! {
    unsafe { core::arch::asm!("syscall", in("rax") 60, in("rdi") code, options(noreturn)) }
}

mod work {
    pub trait Hasher {
        fn mix(&self, x: u64) -> u64;
    }

    pub struct Golden;

    impl Hasher for Golden {
        #[inline(always)]
        fn mix(&self, mut x: u64) -> u64 {
            x ^= x >> 13;
            x = x.wrapping_mul(0x9e3779b97f4a7c15);
            x ^ (x >> 29)
        }
    }

    #[inline(always)]
    fn step<H: Hasher>(h: &H, mut x: u64, i: u64) -> u64 {
        for k in 0..40 {
            x = h.mix(x.wrapping_add(i).wrapping_add(k));
        }
        x
    }

    pub struct Table<H: Hasher> {
        pub hasher: H,
        pub cells: [u64; 64],
    }

    impl<H: Hasher> Table<H> {
        #[inline(never)]
        pub fn fill(&mut self, n: u64) -> u64 {
            let mut acc = 0u64;
            for i in 0..n {
                let c = self.cells[(i % 64) as usize];
                acc = acc.wrapping_add(step(&self.hasher, c, i));
                self.cells[(i % 64) as usize] = acc;
            }
            acc
        }
    }

    #[inline(never)]
    pub fn fib(n: u64) -> u64 {
        if n < 2 { n } else { fib(n - 1).wrapping_add(fib(n - 2)) }
    }

    #[inline(never)]
    pub fn each<F: FnMut(u64) -> u64>(n: u64, mut f: F) -> u64 {
        let mut s = 0u64;
        for i in 0..n {
            s = s.wrapping_add(f(i));
        }
        s
    }
}

#[no_mangle]
pub extern "C" fn run(rounds: u64) -> u64 {
    let mut t = work::Table { hasher: work::Golden, cells: [3; 64] };
    work::each(rounds, |r| t.fill(1500).wrapping_add(work::fib(16 + r % 3)))
}

core::arch::global_asm!(
    ".globl _start",
    ".type _start, @function",
    "_start:",
    ".cfi_startproc",
    ".cfi_undefined rip",
    "xor ebp, ebp",
    "mov edi, 2500",
    "and rsp, -16",
    "call run",
    "mov rdi, rax",
    "and rdi, 0",
    "mov eax, 60",
    "syscall",
    ".cfi_endproc",
);
