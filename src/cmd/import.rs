//! `sitegen import wordpress`: the report, every construct left for a person, then the build of
//! the result.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use sitegen::Overrides;

use crate::report::{print_import_report, show_progress};

#[derive(Subcommand)]
pub enum Import {
    /// Import a WordPress export (Tools › Export › All content): posts, pages, drafts, media,
    /// comments, old addresses as aliases; then build the result.
    ///
    /// Never overwrites a file with other content (--force to allow) and writes nothing outside
    /// DIR; a second run over the same export changes nothing.
    Wordpress {
        /// The WXR file (.xml) WordPress exported.
        export: PathBuf,
        /// Site folder to write into (created when missing).
        #[arg(long, default_value = ".")]
        into: PathBuf,
        /// Replace files that exist with other content.
        #[arg(long)]
        force: bool,
        /// A category whose posts become a series, in date order (repeatable).
        #[arg(long = "series", value_name = "CATEGORY")]
        series: Vec<String>,
        /// A local copy of wp-content/uploads to take media files from.
        #[arg(long, value_name = "DIR")]
        uploads: Option<PathBuf>,
        /// Download media the uploads folder lacks from the old site (http/https; 4 at once,
        /// timeouts, 2 retries, 5 redirects, 64 MiB a file; kept in DIR/.import-cache/).
        #[arg(long)]
        download: bool,
        /// Import the whole media library into static/wp-content/uploads/, not only what posts use.
        #[arg(long)]
        all_media: bool,
    },
}

pub fn run(from: Import) -> ExitCode {
    let Import::Wordpress {
        export,
        into,
        force,
        series,
        uploads,
        download,
        all_media,
    } = from;
    let options = sitegen::ImportOptions {
        export,
        into: into.clone(),
        force,
        series,
        uploads,
        download,
        all_media,
        progress: Some(show_progress),
        ..Default::default()
    };
    let report = match sitegen::import_wordpress(&options) {
        Ok(report) => report,
        Err(failure) => {
            for d in &failure.diagnostics {
                eprintln!("{d}");
            }
            // Files the import could not take back are the failure's warnings.
            if failure.diagnostics.iter().all(|d| d.is_error()) {
                eprintln!("import failed: nothing was written");
            } else {
                eprintln!("import failed: the files named above stay as the import wrote them");
            }
            return ExitCode::FAILURE;
        }
    };
    print_import_report(&report);
    eprintln!("building the imported site in {} ...", into.display());
    super::exit(super::build::build(&into, Overrides::default()))
}
