//! The read stage: one reader per family of formats, each turning a file's bytes into a
//! `RawWork` that locates every value and chapter without interpreting them. The facade in
//! `lib.rs` dispatches to them with a `match` on `model::Format`.

pub mod epub;
pub mod html;
pub mod markdown;
pub mod txt;
