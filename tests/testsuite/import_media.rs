//! Where `sitegen import wordpress` finds media: a multisite network's `uploads/sites/N/`
//! (the network's folder or the site's own given as `--uploads`), WordPress.com and Jetpack CDN
//! addresses, size variants; and what it does with pictures WordPress placed (alignment,
//! captions, galleries) as the reader sees them in the built page.

use std::fs;

use sitegen::{ImportOptions, import_wordpress};

use crate::common::{TestSite, html, tiny_image};
use crate::import_fidelity::{export, item};

const DAY: (&str, &str) = ("2020-01-02 03:04:05", "2020-01-02 11:04:05");

/// Imports `content` as one post with `uploads` as the uploads folder holding `files`.
fn import_with_uploads(content: &str, files: &[&str]) -> (TestSite, sitegen::ImportReport) {
    let site = TestSite::empty();
    let uploads = tempfile::tempdir().unwrap();
    for rel in files {
        let path = uploads.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, tiny_image(rel)).unwrap();
    }
    let export = export(
        site.root(),
        &item(1, "pictures", "publish", DAY.0, DAY.1, content),
    );
    let report = import_wordpress(&ImportOptions {
        export,
        into: site.root().to_path_buf(),
        uploads: Some(uploads.path().to_path_buf()),
        ..ImportOptions::default()
    })
    .unwrap_or_else(|f| panic!("{f}"));
    (site, report)
}

#[test]
fn multisite_and_cdn_addresses_bring_their_files_home() {
    let content = "<p><img src=\"https://old.example/wp-content/uploads/sites/2/2011/07/knee-300x200.jpg\" alt=\"Knee\"></p>\n\
                   <p><img src=\"https://i0.wp.com/oldblog.files.wordpress.com/2011/07/hip.jpg?resize=300%2C200\" alt=\"Hip\"></p>\n\
                   <p><img src=\"https://oldblog.files.wordpress.com/2011/07/ankle-scaled.jpg?w=640\" alt=\"Ankle\"></p>";
    let (site, report) = import_with_uploads(
        content,
        &[
            "sites/2/2011/07/knee.jpg",
            "2011/07/hip.jpg",
            "2011/07/ankle.jpg",
        ],
    );
    assert!(report.missing.is_empty(), "{:?}", report.missing);
    assert_eq!(report.not_imported, 0);
    for name in ["knee.jpg", "hip.jpg", "ankle.jpg"] {
        assert!(
            site.path(&format!("posts/pictures/{name}")).is_file(),
            "{name}"
        );
    }
    site.build_ok(&[]);
    let page = html(&site.read_output("pictures/index.html"));
    let alts = crate::common::attrs(&page, ".post-content img", "alt");
    assert_eq!(alts, ["Knee", "Hip", "Ankle"]);
}

#[test]
fn a_single_sites_own_uploads_folder_serves_its_multisite_addresses() {
    let content = "<p><img src=\"https://old.example/wp-content/uploads/sites/3/2012/01/back.jpg\" alt=\"Back\"></p>";
    let (site, report) = import_with_uploads(content, &["2012/01/back.jpg"]);
    assert!(report.missing.is_empty(), "{:?}", report.missing);
    assert!(site.path("posts/pictures/back.jpg").is_file());
}

#[test]
fn aligned_pictures_captions_and_galleries_keep_their_places() {
    let content = "[caption id=\"attachment_9\" align=\"alignright\" width=\"300\"]<img class=\"size-medium\" src=\"https://old.example/wp-content/uploads/2020/01/a.jpg\" alt=\"Squat\"> Deep squat[/caption]\n\n\
                   <p><img class=\"alignleft size-thumbnail\" src=\"https://old.example/wp-content/uploads/2020/01/b.jpg\" alt=\"Lunge\">Text that wraps beside the lunge.</p>\n\n\
                   <!-- wp:gallery {\"columns\":2} --><figure class=\"wp-block-gallery has-nested-images columns-2\"><figure class=\"wp-block-image\"><img src=\"https://old.example/wp-content/uploads/2020/01/a.jpg\" alt=\"Squat again\"><figcaption>First</figcaption></figure><figure class=\"wp-block-image\"><img src=\"https://old.example/wp-content/uploads/2020/01/b.jpg\" alt=\"Lunge again\"></figure><figcaption class=\"blocks-gallery-caption\">Two moves</figcaption></figure><!-- /wp:gallery -->";
    let (site, _) = import_with_uploads(content, &["2020/01/a.jpg", "2020/01/b.jpg"]);
    site.build_ok(&[]);
    let page = html(&site.read_output("pictures/index.html"));
    let texts = |sel: &str| crate::common::texts(&page, sel);
    assert_eq!(texts("figure.align-right > figcaption"), ["Deep squat"]);
    assert_eq!(
        crate::common::attrs(&page, ".align-left.size-thumbnail img", "alt"),
        ["Lunge"]
    );
    assert_eq!(
        crate::common::attrs(&page, "figure.gallery.columns-2 > figure img", "alt"),
        ["Squat again", "Lunge again"]
    );
    assert_eq!(texts("figure.gallery > figure > figcaption"), ["First"]);
    assert_eq!(texts("figure.gallery > figcaption"), ["Two moves"]);
}
