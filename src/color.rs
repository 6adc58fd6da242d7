//! ANSI colours for the CLI's human output: on when stdout is a terminal and `NO_COLOR` is not
//! set (<https://no-color.org>), or when asked with `--color always`; never in pipes by default,
//! so that scripts and snapshot tests see plain text.

use std::io::IsTerminal;

/// When to colour, as given by `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum When {
    /// On a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    Always,
    Never,
}

/// The colours of one run: each method wraps text in a colour, or returns it as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    on: bool,
}

impl Palette {
    /// The palette for stdout.
    pub fn for_stdout(when: When) -> Palette {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Palette::new(when, std::io::stdout().is_terminal(), no_color)
    }

    fn new(when: When, terminal: bool, no_color: bool) -> Palette {
        let on = match when {
            When::Always => true,
            When::Never => false,
            When::Auto => terminal && !no_color,
        };
        Palette { on }
    }

    #[cfg(test)]
    pub fn plain() -> Palette {
        Palette { on: false }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.on && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Line numbers, collapsed text, secondary details.
    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }
    /// Headings.
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
    /// What a value became.
    pub fn green(self, text: &str) -> String {
        self.paint("32", text)
    }
    /// Field names.
    pub fn cyan(self, text: &str) -> String {
        self.paint("36", text)
    }
    /// Chapter boundaries.
    pub fn magenta(self, text: &str) -> String {
        self.paint("1;35", text)
    }
    /// Scene breaks and end markers.
    pub fn blue(self, text: &str) -> String {
        self.paint("34", text)
    }
    /// Lines that fed nothing, warnings.
    pub fn yellow(self, text: &str) -> String {
        self.paint("33", text)
    }
    /// Problems.
    pub fn red(self, text: &str) -> String {
        self.paint("31", text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_needs_a_terminal_and_no_no_color() {
        assert!(Palette::new(When::Auto, true, false).on);
        assert!(!Palette::new(When::Auto, false, false).on);
        assert!(!Palette::new(When::Auto, true, true).on);
        assert!(Palette::new(When::Always, false, true).on);
        assert!(!Palette::new(When::Never, true, false).on);
    }

    #[test]
    fn plain_text_is_left_alone() {
        assert_eq!(Palette::plain().green("x"), "x");
        let on = Palette::new(When::Always, false, false);
        assert_eq!(on.green("x"), "\x1b[32mx\x1b[0m");
        assert_eq!(on.green(""), "");
    }
}
