//! The memory the machine (or its container) leaves a run, and what reading an input costs
//! in it: the input layer refuses a file that would not fit, and the resource guard
//! ([`crate::resources`]) a match that would not.

use crate::error::{Error, Result};
use crate::input::table::parse_bytes;

/// The environment variable that sets the memory available to a match, in bytes (a `k`,
/// `m` or `g` suffix multiplies by 1024, 1024² or 1024³), instead of reading it from the
/// system. `0` or `off` turns the guard off.
pub const MEMORY_LIMIT_ENV: &str = "BIMBING_MEMORY_LIMIT";

/// Peak bytes per byte of an input file while it is read into a table and a cohort: a
/// 100 MiB mentees file (1,146,000 rows of 9 competencies) peaked at 2,266 MiB (22.6x).
pub const BYTES_PER_INPUT_BYTE: u64 = 24;

/// The memory a match may use: [`MEMORY_LIMIT_ENV`] when set, else the smaller of the
/// system's available memory (`MemAvailable` in `/proc/meminfo`) and the room left under a
/// cgroup limit (`memory.max`); on Windows the available physical memory. `None` when
/// unknown or turned off.
pub fn available_memory() -> Result<Option<u64>> {
    if let Ok(text) = std::env::var(MEMORY_LIMIT_ENV) {
        let text = text.trim();
        if text == "off" {
            return Ok(None);
        }
        return match parse_bytes(text) {
            Some(0) => Ok(None),
            Some(bytes) => Ok(Some(bytes)),
            None => Err(Error::Settings(format!(
                "{MEMORY_LIMIT_ENV}: value {text:?}: expected a number of bytes, optionally with k, m or g, or off"
            ))),
        };
    }
    Ok(system_available())
}

/// The smaller of `MemAvailable` and the room under a cgroup limit, whichever are known.
#[cfg(not(windows))]
fn system_available() -> Option<u64> {
    let read = |path: &str| std::fs::read_to_string(path).ok();
    let meminfo = read("/proc/meminfo").and_then(|t| meminfo_available(&t));
    let cgroup = match (
        read("/sys/fs/cgroup/memory.max"),
        read("/sys/fs/cgroup/memory.current"),
    ) {
        (Some(max), current) => cgroup_room(&max, current.as_deref()),
        _ => None,
    };
    match (meminfo, cgroup) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Windows has no `/proc/meminfo` (the path would name a file at the root of the current
/// drive) and no cgroups: the physical memory available, as the system reports it.
#[cfg(windows)]
fn system_available() -> Option<u64> {
    use windows_sys::Win32::System::SystemInformation::{GlobalMemoryStatusEx, MEMORYSTATUSEX};
    let mut status = MEMORYSTATUSEX {
        dwLength: std::mem::size_of::<MEMORYSTATUSEX>() as u32,
        ..MEMORYSTATUSEX::default()
    };
    // SAFETY: `status` is a valid, writable MEMORYSTATUSEX with `dwLength` set, as the call
    // requires; it is only read after the call reports success.
    let ok = unsafe { GlobalMemoryStatusEx(&mut status) } != 0;
    ok.then_some(status.ullAvailPhys)
}

/// `MemAvailable` of a `/proc/meminfo` text, in bytes.
pub fn meminfo_available(text: &str) -> Option<u64> {
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    kib.checked_mul(1024)
}

/// Room left under a cgroup v2 limit: `memory.max` minus `memory.current` (`None` when the
/// limit is `max`, that is none).
pub fn cgroup_room(max: &str, current: Option<&str>) -> Option<u64> {
    let max: u64 = max.trim().parse().ok()?;
    let current: u64 = current.and_then(|c| c.trim().parse().ok()).unwrap_or(0);
    Some(max.saturating_sub(current))
}
