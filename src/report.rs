//! How the CLI reports failures: one line per problem, `error: <file>: <reason>`, and the exit
//! code that sums up a run.

use std::fmt::Display;
use std::io::Write;
use std::process::ExitCode;

/// How a command ended, from best to worst; a batch keeps the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Everything asked for was done.
    Ok,
    /// Everything was read, and some of it has problems (`audit`): exit 1, like a refusal.
    Problems,
    /// Some input was refused (each refusal already reported on stderr).
    InputRefused,
    /// Bad usage or a broken environment (unwritable output, unreadable configuration).
    Environment,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(match self {
            Outcome::Ok => 0,
            Outcome::Problems | Outcome::InputRefused => 1,
            Outcome::Environment => 2,
        })
    }
}

/// Print `error: <subject>: <reason>` with the reason's whole cause chain on one line.
pub fn error(subject: impl Display, reason: &(dyn std::error::Error + 'static)) {
    let mut line = format!("error: {subject}: {reason}");
    let mut source = reason.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        // Wrapping errors often repeat their cause in their own message; say it once.
        if !line.ends_with(&cause_text) {
            line.push_str(": ");
            line.push_str(&cause_text);
        }
        source = cause.source();
    }
    eprintln!("{}", one_line(&line));
}

/// Print `error: <message>` for problems with no file to name.
pub fn error_msg(message: impl Display) {
    eprintln!("{}", one_line(&format!("error: {message}")));
}

/// Keep an error on one line even when a reason carries newlines or control characters from a
/// hostile file name or value.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Write to stdout, treating a closed pipe (`ficshelf inspect x | head`) as a normal end.
pub fn print_stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_outcome_wins() {
        assert_eq!(
            Outcome::Ok.max(Outcome::InputRefused),
            Outcome::InputRefused
        );
        assert_eq!(
            Outcome::Environment.max(Outcome::InputRefused),
            Outcome::Environment
        );
    }

    #[test]
    fn control_characters_never_break_the_line() {
        assert_eq!(one_line("error: a\nb\rc\u{1b}[31m"), "error: a b c [31m");
    }
}
