//! `--download`: fetching uploads from the old site, within limits kept in one place
//! ([`DownloadLimits`]): a bounded number of downloads at once, timeouts, retries of timeouts,
//! `429` and `5xx` answers, a bounded number of redirects (each to http or https only), and a size
//! cap checked on `Content-Length` and while reading. Each file lands in a cache folder under a
//! name from a hash stable across toolchains, written to a temporary name and renamed, so a second
//! run downloads nothing and a killed run leaves no half file behind.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ureq::Agent;

use crate::diagnostic::Diagnostic;

/// Limits of `--download`.
#[derive(Debug, Clone)]
pub struct DownloadLimits {
    /// Downloads in flight at once.
    pub concurrency: usize,
    /// Time to connect.
    pub connect_timeout: std::time::Duration,
    /// Time for the whole answer.
    pub read_timeout: std::time::Duration,
    /// Attempts after a failed one (timeouts, 5xx, 429).
    pub retries: u32,
    /// Redirects followed.
    pub max_redirects: u32,
    /// Largest file accepted, in bytes.
    pub max_bytes: u64,
}

impl Default for DownloadLimits {
    fn default() -> Self {
        DownloadLimits {
            concurrency: 4,
            connect_timeout: std::time::Duration::from_secs(10),
            read_timeout: std::time::Duration::from_secs(60),
            retries: 2,
            max_redirects: 5,
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// The cache file for `url` in `cache`.
pub fn cache_path(cache: &Path, url: &str) -> PathBuf {
    let ext = url
        .split(['?', '#'])
        .next()
        .and_then(|p| p.rsplit('/').next())
        .and_then(|f| f.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .filter(|e| e.len() <= 5 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map_or(String::new(), |e| format!(".{e}"));
    cache.join(format!("{:016x}{ext}", crate::hash::hash_str(url)))
}

/// Downloads every URL of `urls` not yet in `cache`; the result for each, in order: the cached
/// file, or why it could not be had. `progress(done, total)` is called after each one.
pub fn download_all(
    urls: &[String],
    cache: &Path,
    limits: &DownloadLimits,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Result<PathBuf, Diagnostic>> {
    let agent: Agent = Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(limits.connect_timeout))
        .timeout_global(Some(limits.read_timeout))
        .user_agent(concat!("sitegen-import/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let results: Vec<Mutex<Option<Result<PathBuf, Diagnostic>>>> =
        urls.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..limits.concurrency.clamp(1, urls.len().max(1)) {
            s.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(index) else { break };
                    let result = fetch_cached(&agent, url, cache, limits);
                    *results[index].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, urls.len());
                }
            });
        }
    });
    results
        .into_iter()
        .map(|r| {
            r.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| Err(Diagnostic::new("was not asked")))
        })
        .collect()
}

fn fetch_cached(
    agent: &Agent,
    url: &str,
    cache: &Path,
    limits: &DownloadLimits,
) -> Result<PathBuf, Diagnostic> {
    let path = cache_path(cache, url);
    if path.is_file() {
        return Ok(path);
    }
    let bytes = fetch(agent, url, limits)?;
    std::fs::create_dir_all(cache)
        .map_err(|e| Diagnostic::new(format!("cannot create {}: {e}", cache.display())))?;
    let temp = path.with_extension(format!("part-{}", std::process::id()));
    std::fs::write(&temp, &bytes)
        .and_then(|()| std::fs::rename(&temp, &path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            Diagnostic::new(format!("cannot write {}: {e}", path.display()))
        })?;
    Ok(path)
}

/// Whether a URL may be asked for: http and https only.
fn allowed(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// GET `url`, following redirects by hand and retrying what may pass.
fn fetch(agent: &Agent, url: &str, limits: &DownloadLimits) -> Result<Vec<u8>, Diagnostic> {
    let mut current = url.to_string();
    let mut redirects = 0;
    let mut attempt = 0;
    loop {
        if !allowed(&current) {
            return Err(Diagnostic::new(format!(
                "leads to `{current}`: only http and https are downloaded"
            )));
        }
        let outcome = agent.get(&current).call();
        let mut response = match outcome {
            Ok(r) => r,
            Err(e) if attempt < limits.retries && retryable(&e) => {
                attempt += 1;
                pause(attempt);
                continue;
            }
            Err(e) => return Err(Diagnostic::new(format!("could not be downloaded: {e}"))),
        };
        let status = response.status().as_u16();
        if (300..400).contains(&status)
            && let Some(location) = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
        {
            redirects += 1;
            if redirects > limits.max_redirects {
                return Err(Diagnostic::new(format!(
                    "could not be downloaded: more than {} redirects",
                    limits.max_redirects
                )));
            }
            current = crate::check::join_url(&current, location);
            continue;
        }
        if (status == 429 || status >= 500) && attempt < limits.retries {
            attempt += 1;
            pause(attempt);
            continue;
        }
        if !(200..300).contains(&status) {
            return Err(Diagnostic::new(format!(
                "could not be downloaded: the server answered {status}"
            )));
        }
        let length = response
            .headers()
            .get("content-length")
            .and_then(|l| l.to_str().ok())
            .and_then(|l| l.trim().parse::<u64>().ok());
        if length.is_some_and(|n| n > limits.max_bytes) {
            return Err(too_big(limits));
        }
        return response
            .body_mut()
            .with_config()
            .limit(limits.max_bytes)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => too_big(limits),
                e => Diagnostic::new(format!("could not be downloaded: {e}")),
            });
    }
}

fn too_big(limits: &DownloadLimits) -> Diagnostic {
    Diagnostic::new(format!(
        "is larger than the limit of {} bytes: left out",
        limits.max_bytes
    ))
}

fn retryable(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Timeout(_) | ureq::Error::Io(_) | ureq::Error::ConnectionFailed
    )
}

/// A short, growing pause between attempts (the server is struggling or the network is).
fn pause(attempt: u32) {
    std::thread::sleep(Duration::from_millis(200 * u64::from(attempt)));
}
