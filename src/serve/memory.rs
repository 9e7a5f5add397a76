//! How `serve` keeps its memory near what it holds. A session frees a whole site
//! generation on every rebuild, from rendering threads that each allocate in their own glibc
//! arena; the freed pages stayed mapped in those arenas and the resident size grew with
//! every edit (10,000 questions: 1.16 GB after the first build, 1.72 GB after three edits,
//! with about 1.1 GB live, as `MALLOC_ARENA_MAX=1` showed: 1.18 GB, flat). Fewer arenas, and
//! giving the freed pages back once a generation is dropped, keep the peak at what is live.

/// Arenas glibc may make. Two without the trim still grew (1.13 → 1.22 GB over three
/// edits); with it the peak stays at 1.19–1.21 GB over the benchmark's 12 edits. One would
/// make the rendering threads take turns at a single arena's lock.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const ARENAS: libc::c_int = 2;

/// Call before any thread is started.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called before other threads run.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, ARENAS);
    }
}

/// Gives the pages freed with the last generation back to the system.
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator's arenas to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}
