//! The one integration-test binary: drives the `ficshelf` command line (assert_cmd) over the
//! fixture folders, the way a user would, and checks what it prints, writes and exits with.

mod audit;
mod bad_input;
mod changing_folder;
mod convert;
mod explain;
mod faults;
mod headers;
mod hostile_import;
mod inspect;
mod library;
mod limits;
mod roundtrip;
mod soak;
mod tagmap;
mod util;
