//! How annals holds its memory. The `annals` binary allocates through
//! mimalloc (`main.rs`): a build makes and frees millions of small values
//! (YAML nodes, records, template values), and glibc's allocator spent a
//! fifth of a build's time on them, most of it merging freed chunks. A
//! build of 100 000 records renders its reports in groups and frees some
//! 130 MB of one group's template values before making the next (see
//! [`crate::render::values`]); what is freed must go back to the system
//! at once for the next group to reuse it rather than add to it
//! (BENCHMARKS.md has the figures of both allocators).

/// mimalloc's `mi_option_purge_delay` (its `mimalloc.h`): how long, in
/// milliseconds, freed memory is held before it goes back to the system.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Has memory that is freed go back to the system at once, not after
/// mimalloc's default second: a build lasts about that long, so its freed
/// pages would otherwise stay taken beside what comes next, and the peak
/// of a build of 100 000 records would be about 320 MB instead of 252 MiB.
/// Called once, first thing in `main`.
pub fn give_back_freed_memory() {
    // SAFETY: mi_option_set only sets a tunable of the allocator, read
    // whenever it next frees pages; it is called before any other thread
    // exists.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

#[cfg(test)]
mod tests {
    use super::PURGE_DELAY;

    /// The option's number is mimalloc's own: a mimalloc that numbered its
    /// options differently would have `main` set some other tunable.
    #[test]
    fn the_option_set_is_mimallocs_purge_delay_of_a_second() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            eprintln!("skipped: MIMALLOC_PURGE_DELAY is set in the environment");
            return;
        }
        // SAFETY: mi_option_get only reads a tunable of the allocator.
        let delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
