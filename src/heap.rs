//! How annals asks the system allocator to hold its memory, where that
//! allocator is glibc's (Linux). A build of 100 000 records renders its
//! reports in groups and frees some 130 MB of one group's template values
//! before making the next (see [`crate::render::values`]); glibc keeps
//! freed memory in its heaps, so without these two calls the memory of
//! what comes next lands on top of it and the peak of such a build is a
//! fifth higher (in BENCHMARKS.md). Elsewhere both are no-ops.

/// Has every block of 1 MiB or more mapped on its own, so that its pages
/// go back to the system when it is freed. glibc's default threshold
/// climbs to 32 MiB once a block that large is freed, after which the
/// build's passing buffers of 1–32 MiB (a folder's list of files, the
/// Markdown reader's tree, a report's text as it grows) are carved from
/// the heaps among the records and their pages stay taken after them.
/// Called once, first thing in `main`.
pub fn map_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable of the allocator; it is called
    // before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Gives the system back the free pages inside the heaps, which glibc
/// otherwise keeps for later allocations of the sizes that were freed.
/// Called after a group of reports has let go of its template values,
/// and again once their trees are laid out in html, docx or xlsx, when
/// another group follows: the next group's values and the reports then
/// reuse the pages instead of adding to them.
pub fn release_free_pages() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory to the system; it is
    // safe to call at any time from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}
