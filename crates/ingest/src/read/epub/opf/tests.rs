use super::*;

fn values(pkg: &Package) -> Vec<(FieldKey, String)> {
    pkg.fields
        .iter()
        .map(|f| (f.key.clone(), f.value.clone()))
        .collect()
}

const EPUB2: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<package version="2.0" xmlns="http://www.idpf.org/2007/opf" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:identifier id="uid">fanficfare-uid:test1.com-u1-s1</dc:identifier>
    <dc:title>Salt &amp; Iron</dc:title>
    <dc:creator opf:role="aut">Wren Alder</dc:creator>
    <dc:creator opf:role="edt">An Editor</dc:creator>
    <dc:creator>No Role</dc:creator>
    <dc:contributor>FanFicFare [https://github.com/JimmXinu/FanFicFare]</dc:contributor>
    <dc:language>en</dc:language>
    <dc:date opf:event="publication">2020-01-05</dc:date>
    <dc:date opf:event="creation">2026-11-25</dc:date>
    <dc:date opf:event="modification">2020-02-11</dc:date>
    <dc:description>A &amp; B &lt;and nothing else&gt;.</dc:description>
    <dc:subject>Rock &amp;amp; Roll</dc:subject>
    <dc:subject>Drama</dc:subject>
    <dc:publisher>test1.com</dc:publisher>
    <dc:source>http://test1.com?sid=1</dc:source>
    <meta name="calibre:series" content="Tides &amp; Times"/>
    <meta name="calibre:series_index" content="3.00"/>
    <meta name="calibre:timestamp" content="2020-02-11T00:00:00"/>
  </metadata>
  <manifest>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="title_page" href="OEBPS/title_page.xhtml" media-type="application/xhtml+xml"/>
    <item id="c1" href="OEBPS/file%200001.xhtml" media-type="application/xhtml+xml"/>
    <item id="evil" href="../../outside.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine toc="ncx">
    <itemref idref="title_page"/>
    <itemref idref="c1" linear="yes"/>
    <itemref idref="evil" linear="no"/>
  </spine>
  <guide><reference type="Title-Page" href="OEBPS/title_page.xhtml#top"/></guide>
</package>"#;

#[test]
fn epub2_metadata_as_written() {
    let pkg = parse(EPUB2, "content.opf", 512).unwrap();
    use FieldKey::*;
    assert_eq!(
        values(&pkg),
        vec![
            (Title, "Salt & Iron".into()),
            (Author, "Wren Alder".into()),
            (Author, "No Role".into()),
            (Language, "en".into()),
            (Published, "2020-01-05".into()),
            (Updated, "2020-02-11".into()),
            (Summary, "A & B <and nothing else>.".into()),
            (Tags, "Rock & Roll".into()),
            (Tags, "Drama".into()),
            (Extra("Publisher".into()), "test1.com".into()),
            (Url, "http://test1.com?sid=1".into()),
            (Series, "Tides & Times [3]".into()),
        ]
    );
    // Text whose <…> are not tags stays text: no HTML to misread.
    let summary = pkg.fields.iter().find(|f| f.key == Summary).unwrap();
    assert_eq!(summary.html, None);
    assert_eq!(summary.origin, "content.opf dc:description");
    assert!(
        pkg.unused
            .iter()
            .any(|(o, v)| o.ends_with("dc:creator role=edt") && v == "An Editor")
    );
    assert!(
        pkg.unused
            .iter()
            .any(|(o, v)| o.ends_with("dc:date opf:event=creation") && v == "2026-11-25")
    );
    assert_eq!(
        pkg.hints.contributors,
        vec!["FanFicFare [https://github.com/JimmXinu/FanFicFare]"]
    );
    assert!(pkg.hints.calibre_meta);
    assert_eq!(pkg.modified, None);
}

#[test]
fn epub2_manifest_spine_and_guide() {
    let pkg = parse(EPUB2, "content.opf", 512).unwrap();
    assert_eq!(pkg.ncx.as_deref(), Some("toc.ncx"));
    assert_eq!(pkg.nav, None);
    let paths: Vec<&str> = pkg.manifest.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        vec!["toc.ncx", "OEBPS/title_page.xhtml", "OEBPS/file 0001.xhtml"]
    );
    let spine: Vec<(&str, bool)> = pkg
        .spine
        .iter()
        .map(|s| (s.idref.as_str(), s.linear))
        .collect();
    assert_eq!(
        spine,
        vec![("title_page", true), ("c1", true), ("evil", false)]
    );
    assert_eq!(pkg.item("evil").map(|i| i.id.as_str()), None);
    assert_eq!(
        pkg.guide,
        vec![(
            "title-page".to_string(),
            "OEBPS/title_page.xhtml".to_string()
        )]
    );
}

const EPUB3: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:uuid:0</dc:identifier>
<dc:title id="t1">The Main Title</dc:title>
<meta refines="#t1" property="title-type">main</meta>
<dc:title id="t2">A Subtitle</dc:title>
<meta refines="#t2" property="title-type">subtitle</meta>
<dc:language>und</dc:language>
<dc:creator id="c1">First Author</dc:creator>
<meta refines="#c1" property="role" scheme="marc:relators">aut</meta>
<dc:creator id="c2">An Illustrator</dc:creator>
<meta refines="#c2" property="role" scheme="marc:relators">ill</meta>
<dc:creator id="c3">Second Author</dc:creator>
<meta refines="#c3" property="role" scheme="marc:relators">aut</meta>
<dc:description>&lt;p&gt;One &amp;amp; &lt;em&gt;two&lt;/em&gt;&lt;/p&gt;</dc:description>
<dc:date>2004-03-14</dc:date>
<meta property="dcterms:modified">2004-05-01T00:00:00Z</meta>
<meta property="belongs-to-collection" id="s1">Hellmouth Nights</meta>
<meta refines="#s1" property="collection-type">series</meta>
<meta refines="#s1" property="group-position">1.5</meta>
<meta property="belongs-to-collection" id="s2">A Reading Set</meta>
<meta refines="#s2" property="collection-type">set</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="ch" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>
</manifest>
<spine><itemref idref="ch"/></spine>
</package>"##;

#[test]
fn epub3_refinements_decide_roles_titles_and_series() {
    let pkg = parse(EPUB3, "OEBPS/content.opf", 512).unwrap();
    use FieldKey::*;
    assert_eq!(
        values(&pkg),
        vec![
            (Title, "The Main Title".into()),
            (Author, "First Author".into()),
            (Author, "Second Author".into()),
            (Summary, "One & two".into()),
            (Published, "2004-03-14".into()),
            (Series, "Hellmouth Nights [1.5]".into()),
        ]
    );
    let summary = pkg.fields.iter().find(|f| f.key == Summary).unwrap();
    assert_eq!(
        summary.html.as_deref(),
        Some("<p>One &amp; <em>two</em></p>")
    );
    let modified = pkg.modified.as_ref().unwrap();
    assert_eq!(modified.value, "2004-05-01T00:00:00Z");
    assert_eq!(pkg.nav.as_deref(), Some("OEBPS/nav.xhtml"));
    assert_eq!(pkg.ncx, None);
    assert!(pkg.unused.iter().any(|(_, v)| v == "A Subtitle"));
    assert!(pkg.unused.iter().any(|(_, v)| v == "und"));
    assert!(pkg.unused.iter().any(|(_, v)| v == "A Reading Set"));
}

#[test]
fn series_values() {
    assert_eq!(series_value("S", Some("2.00")), "S [2]");
    assert_eq!(series_value("S", Some("1.5")), "S [1.5]");
    assert_eq!(series_value(" S ", Some("0.0")), "S");
    assert_eq!(series_value("S", Some("x")), "S");
    assert_eq!(series_value("S", None), "S");
}

#[test]
fn html_is_recognized_by_its_tags() {
    assert!(looks_like_html("<p>x</p>"));
    assert!(looks_like_html("a<br/>b"));
    assert!(looks_like_html("<P CLASS=x>y"));
    assert!(!looks_like_html("<and nothing else>"));
    assert!(!looks_like_html("x < y and <3"));
    assert!(!looks_like_html("<bold claim>"));
}

#[test]
fn calibre_no_date_and_broken_packages() {
    let opf = r#"<package version="2.0"><metadata><dc:date xmlns:dc="http://purl.org/dc/elements/1.1/">0101-01-01T00:00:00+00:00</dc:date></metadata></package>"#;
    let pkg = parse(opf, "a.opf", 512).unwrap();
    assert!(pkg.fields.is_empty());
    let err = parse("<html><body/></html>", "a.opf", 512).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a.opf is not well-formed XML (the root element is <html>, not <package>)"
    );
}
