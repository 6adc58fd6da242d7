//! Measure how `read_raw` scales with input size, shape by shape: each shape is read at 1, 2, 4
//! and 8 MiB (best of three runs), and the time per MiB should stay flat (linear time). A
//! benchmark, not a test.
//!
//! `cargo run --release -p ficshelf-ingest --example scaling`

use std::time::Instant;

use ficshelf_ingest::{Options, read_raw};
use ficshelf_model::Limits;

const MIB: usize = 1024 * 1024;

/// Repeat `unit` until the text is at least `size` bytes.
fn fill(prefix: &str, unit: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + unit.len() + prefix.len());
    s.push_str(prefix);
    while s.len() < size {
        s.push_str(unit);
    }
    s
}

fn fanficfare(size: usize) -> String {
    let chapters = (size / 2000).max(1);
    let mut s = String::from(
        "\r\n\r\nA Title\r\n\r\nby Someone\r\n\r\n\r\nRating: Teen\r\n\r\n\r\nTABLE OF CONTENTS\r\n\r\n",
    );
    for i in 1..=chapters {
        s.push_str(&format!("\r\n{i}. Chapter title {i}\r\n"));
    }
    for i in 1..=chapters {
        s.push_str(&format!(
            "\r\n\r\n\r\n        {i}. Chapter title {i}\r\n\r\n\r\n"
        ));
        s.push_str(&"A line of _story_ text, wrapped at seventy-eight columns like html2text\r\ndoes it.\r\n\r\n".repeat(20));
    }
    s.push_str("\r\n\r\nEnd file.\r\n");
    s
}

fn main() {
    type Shape = (&'static str, fn(usize) -> String);
    let shapes: Vec<Shape> = vec![
        ("one long line", |n| fill("", "and the sea went on ", n)),
        ("one line of marks", |n| fill("", "_a *b: ~~ 4 ~~ **c_ ", n)),
        ("one line of stars", |n| fill("", "*", n)),
        ("hard-wrapped paragraph", |n| {
            fill("Title: T\n\n", "A line of prose, wrapped.\n", n)
        }),
        ("paragraphs", |n| {
            fill("Title: T\n\n", "A paragraph of prose.\n\n", n)
        }),
        ("chapter markers", |n| {
            fill("Title: T\n\n", "Chapter 12\n\nText.\n\n* * *\n\n", n)
        }),
        ("header lines", |n| fill("", "Mood: x\nRating: R\n", n)),
        ("indented summary", |n| {
            fill("Title: T\nSummary:\n", "    a line\n\n", n)
        }),
        ("blank lines", |n| fill("Text.\n", "\n", n)),
        ("mojibake", |n| fill("", "donâ€™t cafÃ© ", n)),
        ("fanficfare", fanficfare),
    ];
    // No chapter limit: the marker shapes should be measured to the end, not refused.
    let limits = Limits {
        max_chapters: usize::MAX,
        ..Limits::default()
    };
    let opts = Options {
        limits,
        ..Options::default()
    };
    // The shape of issue 3's inspect target: a 75 KB story in seven chapters.
    let mut story = String::from("Title: Seven\nAuthor: Someone <a@example.org>\nRating: PG\n\n");
    for i in 1..=7 {
        story.push_str(&format!("Chapter {i}: A Title\n\n"));
        while story.len() < i * 75_000 / 7 {
            story.push_str("\"A line of _story_,\" she said, and the sea went on and on, grey as\nslate under the long evening.\n\n");
        }
        story.push_str("* * *\n\n");
    }
    let mut best = f64::INFINITY;
    for _ in 0..50 {
        let start = Instant::now();
        let raw = read_raw("seven.txt", story.as_bytes(), &opts);
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        assert!(raw.is_ok_and(|r| r.chapters.len() == 7));
    }
    println!("75 KB story, 7 chapters: read_raw {best:.2} ms (best of 50)");
    let mut best_decode = f64::INFINITY;
    for _ in 0..50 {
        let start = Instant::now();
        let d = ficshelf_ingest::decode::decode(story.as_bytes(), None);
        best_decode = best_decode.min(start.elapsed().as_secs_f64() * 1000.0);
        assert!(!d.text.is_empty());
    }
    println!("  of which decode: {best_decode:.2} ms\n");
    println!(
        "{:<24} {:>9} {:>9} {:>9} {:>9}   ms per MiB",
        "shape", "1 MiB", "2 MiB", "4 MiB", "8 MiB"
    );
    for (name, make) in shapes {
        let mut times = Vec::new();
        for mib in [1, 2, 4, 8] {
            let text = make(mib * MIB);
            // The best of three runs: the machine is shared, and noise only ever adds time.
            let mut ms = f64::INFINITY;
            for _ in 0..3 {
                let start = Instant::now();
                let result = read_raw("x.txt", text.as_bytes(), &opts);
                ms = ms.min(start.elapsed().as_secs_f64() * 1000.0);
                if let Err(e) = result {
                    println!("{name} at {mib} MiB: {e}");
                }
            }
            times.push((ms, ms / mib as f64));
        }
        let cols: Vec<String> = times.iter().map(|(ms, _)| format!("{ms:>7.1}ms")).collect();
        let per: Vec<String> = times.iter().map(|(_, per)| format!("{per:.1}")).collect();
        println!("{name:<24} {}   {}", cols.join(" "), per.join(" / "));
    }
}
