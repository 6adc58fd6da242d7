//! Every file under a folder with its bytes: what "nothing was written" compares. Shared with
//! the library's tests (`crates/library/tests/upkeep.rs` includes this file).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}
