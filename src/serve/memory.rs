//! How `serve` keeps its memory near what it holds. Every rebuild drops a whole generation
//! of the site (at 10,000 questions: 20,000 files and their rendered Markdown); the
//! allocator keeps freed pages around for reuse, so without a word the resident size grows
//! with the edits. Once a rebuild is finished, `serve` asks it to give them back.

/// Gives the memory freed with the last generation back to the system.
pub fn release_freed() {
    #[cfg(feature = "mimalloc")]
    // SAFETY: mi_collect only frees the allocator's unused memory; `force` also collects what
    // other threads freed. It may be called from any thread at any time.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
}
