//! Huge pages for the memory of a large monitor: the allocator of the binary.
//!
//! A national monitor keeps a few hundred MiB of series and rows. Taken from the system in
//! 4 KiB pages, that is some 55 000 page faults, each of which the kernel serves on the thread
//! that first writes the page: on the merging thread they were a quarter of loading. Linux
//! serves 2 MiB pages (transparent huge pages) to memory a program marks with
//! `madvise(MADV_HUGEPAGE)`, which on most systems is the only way to get them
//! (`/sys/kernel/mm/transparent_hugepage/enabled` is `madvise`): a five-hundredth of the faults.
//!
//! [`Allocator`] is the system allocator, which once [`expect_large`] is called marks for huge
//! pages
//! - the heap (where malloc keeps small blocks, such as a series of twenty observations), as
//!   it grows: malloc is asked to grow it 64 MiB at a time, since only whole 2 MiB stretches
//!   inside what is mapped can be served as huge pages;
//! - every block of 2 MiB and more, which malloc maps on its own.
//!
//! Small monitors never call [`expect_large`] and keep the system's allocator as it is, so a
//! run on a few files does not pay for zeroing 2 MiB pages it half uses. Elsewhere than Linux
//! with glibc, nothing is marked.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The system allocator, marking large memory for huge pages once [`expect_large`] was called.
pub struct Allocator;

/// Whether [`expect_large`] was called.
static LARGE: AtomicBool = AtomicBool::new(false);
/// The heap is marked below this address (the program break when it was last marked).
static MARKED: AtomicUsize = AtomicUsize::new(0);

/// The size of a huge page, and the smallest block marked on its own.
const HUGE_PAGE: usize = 2 << 20;
/// How much malloc grows the heap at a time once large memory is expected.
const HEAP_STEP: usize = 64 << 20;

/// From now on, large memory is marked for huge pages (see the module doc). Called when the
/// measurements to read are large.
pub fn expect_large() {
    if LARGE.swap(true, Ordering::Relaxed) {
        return;
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt changes a malloc parameter; it takes malloc's own lock.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, HEAP_STEP as libc::c_int);
    }
}

/// Marks what needs marking of a block just allocated at `at` of `size` bytes.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn mark(at: *mut u8, size: usize) {
    let start = at as usize;
    let end = start.saturating_add(size);
    let marked = MARKED.load(Ordering::Relaxed);
    if end <= marked {
        return; // in the part of the heap already marked: most small blocks
    }
    // SAFETY: `sbrk(0)` only reads the current program break.
    let brk = unsafe { libc::sbrk(0) } as usize;
    if start < brk {
        // In the heap, which grew since it was last marked: mark what it grew by (and this
        // block, if it lies lower: the first time, the heap below is marked from here).
        let from = marked.max(start) & !4095;
        advise(from, brk - from);
        MARKED.fetch_max(brk, Ordering::Relaxed);
    } else if size >= HUGE_PAGE {
        advise(start & !4095, end - (start & !4095));
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn mark(_at: *mut u8, _size: usize) {}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn advise(from: usize, len: usize) {
    // SAFETY: the range is memory malloc has mapped (the heap below the break, or a block it
    // just returned); MADV_HUGEPAGE changes how pages not yet touched are served, never the
    // contents. A failure (a kernel without huge pages) leaves the memory as it was.
    unsafe {
        libc::madvise(from as *mut libc::c_void, len, libc::MADV_HUGEPAGE);
    }
}

// SAFETY: every call is passed to the system allocator as it is; `mark` only advises the
// kernel about memory that allocator returned.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let at = System.alloc(layout);
        if LARGE.load(Ordering::Relaxed) && !at.is_null() {
            mark(at, layout.size());
        }
        at
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let at = System.alloc_zeroed(layout);
        if LARGE.load(Ordering::Relaxed) && !at.is_null() {
            mark(at, layout.size());
        }
        at
    }

    unsafe fn dealloc(&self, at: *mut u8, layout: Layout) {
        System.dealloc(at, layout)
    }

    unsafe fn realloc(&self, at: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = System.realloc(at, layout, new_size);
        if LARGE.load(Ordering::Relaxed) && !moved.is_null() {
            mark(moved, new_size);
        }
        moved
    }
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    /// The flags the kernel keeps for the mapping that holds `address` (`hg`: huge pages asked
    /// for), from /proc/self/smaps.
    fn flags_at(address: usize) -> String {
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let mut inside = false;
        for line in smaps.lines() {
            let range = line.split_whitespace().next().unwrap_or_default();
            if let Some((start, end)) = range.split_once('-') {
                if let (Ok(start), Ok(end)) = (
                    usize::from_str_radix(start, 16),
                    usize::from_str_radix(end, 16),
                ) {
                    inside = (start..end).contains(&address);
                    continue;
                }
            }
            if inside {
                if let Some(flags) = line.strip_prefix("VmFlags:") {
                    return flags.trim().to_string();
                }
            }
        }
        panic!("no mapping holds {address:#x}");
    }

    fn huge(address: usize) -> bool {
        flags_at(address).split(' ').any(|f| f == "hg")
    }

    #[test]
    fn large_blocks_and_the_grown_heap_are_marked_once_large_memory_is_expected() {
        let layout = Layout::from_size_align(8 << 20, 16).unwrap();
        // SAFETY: a layout of non-zero size; the block is freed with the same layout.
        let before = unsafe { Allocator.alloc(layout) };
        assert!(!before.is_null());
        // This is the only test that expects large memory, so it was not asked for yet: the
        // block is as the system gave it.
        assert!(!huge(before as usize + (4 << 20)));
        unsafe { Allocator.dealloc(before, layout) };
        expect_large();
        let block = unsafe { Allocator.alloc(layout) };
        assert!(!block.is_null());
        assert!(
            huge(block as usize + (4 << 20)),
            "{}",
            flags_at(block as usize)
        );
        // Growing a block keeps it marked, wherever it moves.
        let grown = unsafe { Allocator.realloc(block, layout, 24 << 20) };
        assert!(huge(grown as usize + (20 << 20)));
        unsafe { Allocator.dealloc(grown, Layout::from_size_align(24 << 20, 16).unwrap()) };
        // The heap below the break, as it has grown: marked from the block malloc placed in it.
        // SAFETY: `sbrk(0)` only reads the break.
        let brk = unsafe { libc::sbrk(0) } as usize;
        let in_heap = brk - 3 * 4096;
        mark(in_heap as *mut u8, 16);
        assert!(huge(brk - 4096));
        assert!(MARKED.load(Ordering::Relaxed) >= brk);
    }
}
