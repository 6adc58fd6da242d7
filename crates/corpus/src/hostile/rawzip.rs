//! A zip writer that lies on request: the hostile corpus needs archives that no honest writer
//! (the `zip` crate included) will produce — sizes that understate the data, entries that share
//! or overlap their bytes, names with `..` or a leading `/`.
//!
//! Only what those archives need: stored or deflated entries, no extra fields, no zip64.

use std::io::Write;

use flate2::Compression;
use flate2::write::DeflateEncoder;

/// One entry as it will be written.
pub struct Entry {
    pub name: Vec<u8>,
    /// The bytes after the local header: stored content, or a deflate stream.
    pub data: Vec<u8>,
    pub deflated: bool,
    pub crc: u32,
    /// The uncompressed size the headers declare (a lie when it is not the content's).
    pub declared_size: u32,
}

impl Entry {
    /// An honest stored entry.
    pub fn stored(name: &str, content: &[u8]) -> Entry {
        Entry {
            name: name.as_bytes().to_vec(),
            data: content.to_vec(),
            deflated: false,
            crc: crc32(content),
            declared_size: len32(content.len()),
        }
    }

    /// An honest deflated entry.
    pub fn deflated(name: &str, content: &[u8]) -> Entry {
        let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
        enc.write_all(content).expect("deflate into memory");
        Entry {
            name: name.as_bytes().to_vec(),
            data: enc.finish().expect("deflate into memory"),
            deflated: true,
            crc: crc32(content),
            declared_size: len32(content.len()),
        }
    }
}

/// A deflated entry of `head`, `count` copies of `fill`, `tail`, made in chunks so that a
/// bomb of gigabytes never sits in memory.
pub fn deflated_repeat(name: &str, head: &[u8], fill: u8, count: usize, tail: &[u8]) -> Entry {
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
    let mut crc = Crc::new();
    let chunk = vec![fill; 1 << 20];
    let mut feed = |bytes: &[u8]| {
        crc.update(bytes);
        enc.write_all(bytes).expect("deflate into memory");
    };
    feed(head);
    let mut left = count;
    while left > 0 {
        let n = left.min(chunk.len());
        feed(&chunk[..n]);
        left -= n;
    }
    feed(tail);
    Entry {
        name: name.as_bytes().to_vec(),
        data: enc.finish().expect("deflate into memory"),
        deflated: true,
        crc: crc.value(),
        declared_size: len32(head.len() + count + tail.len()),
    }
}

/// A central directory record: which entry's local header it points at, under which name.
/// Two records pointing at one entry, or at an offset inside another entry's data, make the
/// overlapping archives.
pub struct Record {
    pub entry: usize,
    pub name: Option<Vec<u8>>,
    /// Added to the entry's real local header offset.
    pub offset_shift: i64,
}

/// The archive: `entries` in order, then a central directory of `records` (every entry once
/// when `records` is `None`).
pub fn write(entries: &[Entry], records: Option<&[Record]>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut offsets = Vec::new();
    for e in entries {
        offsets.push(out.len());
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header_fields(&mut out, e, e.name.len());
        out.extend_from_slice(&e.name);
        out.extend_from_slice(&e.data);
    }
    let all: Vec<Record> = (0..entries.len())
        .map(|entry| Record {
            entry,
            name: None,
            offset_shift: 0,
        })
        .collect();
    let records = records.unwrap_or(&all);
    let cd_start = out.len();
    for r in records {
        let e = &entries[r.entry];
        let name = r.name.as_ref().unwrap_or(&e.name);
        out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes()); // version made by
        header_fields(&mut out, e, name.len());
        out.extend_from_slice(&0u16.to_le_bytes()); // comment length
        out.extend_from_slice(&0u16.to_le_bytes()); // disk number
        out.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        out.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        let offset = (offsets[r.entry] as i64 + r.offset_shift).max(0);
        out.extend_from_slice(&len32(offset as usize).to_le_bytes());
        out.extend_from_slice(name);
    }
    let cd_len = out.len() - cd_start;
    let count = u16::try_from(records.len()).unwrap_or(u16::MAX);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0]); // disk numbers
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&len32(cd_len).to_le_bytes());
    out.extend_from_slice(&len32(cd_start).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The fields local and central headers share, from "version needed" to "extra length".
fn header_fields(out: &mut Vec<u8>, e: &Entry, name_len: usize) {
    out.extend_from_slice(&20u16.to_le_bytes()); // version needed
    out.extend_from_slice(&0u16.to_le_bytes()); // flags
    out.extend_from_slice(&(if e.deflated { 8u16 } else { 0 }).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // time
    out.extend_from_slice(&0x21u16.to_le_bytes()); // date: 1980-01-01
    out.extend_from_slice(&e.crc.to_le_bytes());
    out.extend_from_slice(&len32(e.data.len()).to_le_bytes());
    out.extend_from_slice(&e.declared_size.to_le_bytes());
    out.extend_from_slice(&u16::try_from(name_len).unwrap_or(u16::MAX).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // extra length
}

fn len32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// CRC-32 (IEEE), by table: bombs hold hundreds of megabytes.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = Crc::new();
    crc.update(bytes);
    crc.value()
}

/// A running CRC-32.
struct Crc(u32);

impl Crc {
    fn new() -> Crc {
        Crc(!0)
    }

    fn update(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = CRC_TABLE[usize::from((self.0 as u8) ^ b)] ^ (self.0 >> 8);
        }
    }

    fn value(&self) -> u32 {
        !self.0
    }
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_a_known_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn an_honest_archive_reads_back_with_the_zip_crate() {
        let bytes = write(
            &[
                Entry::stored("mimetype", b"application/epub+zip"),
                Entry::deflated("a/b.txt", &[b'x'; 5000]),
            ],
            None,
        );
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(zip.len(), 2);
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_index(1).unwrap(), &mut content).unwrap();
        assert_eq!(content, vec![b'x'; 5000]);
    }
}
