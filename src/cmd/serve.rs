//! `ficshelf serve [--library DIR] [--addr 127.0.0.1:8080] [--allow-upload --token-file FILE]`:
//! put the library on the web (browse, filter, read, download; a JSON API) until Ctrl-C. The
//! server itself is `ficshelf_web::serve`; this parses the arguments and opens the library.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use ficshelf_web::{ServeOptions, Token};

use crate::library_arg::LibraryArg;
use crate::limits_arg::LimitArgs;
use crate::report::{self, Outcome};

#[derive(clap::Args)]
pub struct Args {
    /// Where to listen, as HOST:PORT (port 0 picks a free port). Listening beyond 127.0.0.1
    /// puts the library on the network.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Allow uploads (POST /api/works) and deletes (DELETE /api/works/ID) by whoever sends
    /// the token of --token-file as `Authorization: Bearer <token>`.
    #[arg(long, requires = "token_file")]
    allow_upload: bool,
    /// The file holding the upload token (used with --allow-upload; must not be empty).
    #[arg(long, value_name = "FILE", requires = "allow_upload")]
    token_file: Option<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    library: LibraryArg,
}

pub fn run(args: Args) -> Outcome {
    let limits = match args.limits.resolve(&args.library) {
        Ok(limits) => limits,
        Err(outcome) => return outcome,
    };
    let token = match &args.token_file {
        Some(path) => match Token::from_file(path) {
            Ok(token) => Some(token),
            Err(e) => {
                report::error(path.display(), &e);
                return Outcome::Environment;
            }
        },
        None => None,
    };
    // A server that takes uploads may start from an empty library; a read-only one may not.
    let opened = if token.is_some() {
        args.library.open_or_create()
    } else {
        args.library.open_for_reading()
    };
    let library = match opened {
        Ok(library) => library,
        Err(outcome) => return outcome,
    };
    let dir = library.dir().display().to_string();
    let mode = if token.is_some() {
        "uploads allowed with the token"
    } else {
        "read-only"
    };
    let options = ServeOptions {
        addr: args.addr,
        token,
        limits,
    };
    let served = ficshelf_web::serve(library, options, |addr| {
        // Scripts (and the browser test) read the address from this line.
        println!("serving {dir} on http://{addr}/ ({mode}; Ctrl-C stops)");
        let _ = std::io::stdout().flush();
    });
    match served {
        Ok(()) => Outcome::Ok,
        Err(e) => {
            report::error_msg(e);
            Outcome::Environment
        }
    }
}
