//! How annals holds its memory. The `annals` binary allocates through
//! mimalloc (`main.rs`): a build makes and frees millions of small values
//! (YAML nodes, records, template values), and glibc's allocator spent a
//! fifth of a build's time on them, most of it merging freed chunks. A
//! build of 100 000 records renders its reports in groups and frees some
//! 130 MB of one group's template values before making the next (see
//! [`crate::render::values`]); what is freed must go back to the system
//! at once for the next group to reuse it rather than add to it
//! ([`suit_to`]; BENCHMARKS.md has the figures of both allocators).

/// mimalloc's `mi_option_purge_delay` (its `mimalloc.h`): how long, in
/// milliseconds, freed memory is held before it goes back to the system.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// From this many record files on, a process gives freed memory back to
/// the system at once ([`suit_to`]).
pub const MANY_FILES: usize = 20_000;

/// Suits the allocator to a load of `files` record files, once they are
/// listed and before they are read. From [`MANY_FILES`] on, memory that is
/// freed goes back to the system at once, not after mimalloc's default
/// second: a build of 100 000 records lasts about that long, so its freed
/// pages would otherwise stay taken beside what comes next, and its peak
/// would be about 315 MB instead of 253 MiB. Below, freed pages are kept
/// for that second and reused without the system clearing them again: a
/// build of 10 000 record files is 8 % quicker so, and its peak 10 MB
/// higher in md, 40 MB with every format (BENCHMARKS.md).
pub fn suit_to(files: usize) {
    if files < MANY_FILES {
        return;
    }
    // SAFETY: mi_option_set only sets a tunable of the allocator, which its
    // threads read whenever they next free pages; mimalloc's options are
    // read and set from any thread (its `options.c`), and a thread that
    // read the old value only gives its pages back later.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

#[cfg(test)]
mod tests {
    use super::{MANY_FILES, PURGE_DELAY, suit_to};

    fn purge_delay() -> std::os::raw::c_long {
        // SAFETY: mi_option_get only reads a tunable of the allocator.
        unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }
    }

    /// The option's number is mimalloc's own (a mimalloc that numbered its
    /// options differently would have [`suit_to`] set some other tunable),
    /// and only a load of many files changes it. The one test that sets
    /// it: it stays as mimalloc has it for every other test.
    #[test]
    fn only_a_load_of_many_files_gives_freed_memory_back_at_once() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            eprintln!("skipped: MIMALLOC_PURGE_DELAY is set in the environment");
            return;
        }
        assert_eq!(purge_delay(), 1000, "mimalloc's default second");
        suit_to(MANY_FILES - 1);
        assert_eq!(purge_delay(), 1000);
        suit_to(MANY_FILES);
        assert_eq!(purge_delay(), 0);
    }
}
