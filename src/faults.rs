//! Failure points a test can set: with `SITEGEN_FAULT=<point>` in the environment of a debug
//! build, that step of writing the output (or an import's file) fails as a full disk or a folder
//! that cannot be moved would make it fail, so the tests of what a failure leaves behind need
//! neither root nor a special filesystem. Release builds have no failure points.

use std::io;

/// Copying a file into the next generation (after its bytes are written, as a disk that fills
/// half way through would fail).
pub(crate) const COPY: &str = "copy";
/// The swap of the new output into place.
pub(crate) const SWAP: &str = "swap";
/// Recording the output's state after the swap.
pub(crate) const STATE_AFTER_SWAP: &str = "state-after-swap";

/// Writing the imported file `rel` (the point is `write:<rel>`).
pub(crate) fn import_write(rel: &str) -> String {
    format!("write:{rel}")
}

/// An error when the test asked this `point` to fail.
pub(crate) fn check(point: &str) -> io::Result<()> {
    #[cfg(debug_assertions)]
    if std::env::var_os("SITEGEN_FAULT").is_some_and(|v| v == point) {
        return Err(io::Error::other(format!(
            "failure injected at `{point}` (SITEGEN_FAULT)"
        )));
    }
    let _ = point;
    Ok(())
}
