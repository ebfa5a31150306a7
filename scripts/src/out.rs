//! What `suite` prints. Progress for people goes to stdout, to stderr under
//! `--json` (stdout then holds only the JSON result), nowhere under
//! `--quiet`; results print as text, or as one JSON document under
//! `--json`; warnings and errors always go to stderr. Spinners show on long
//! steps (building, waiting for a receipt) when stderr is a terminal and
//! progress is printed.
use std::{
    fmt,
    io::IsTerminal,
    sync::atomic::{AtomicU8, Ordering},
    time::Duration,
};

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;

/// How `suite` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Progress and results as text.
    Normal,
    /// Results only.
    Quiet,
    /// Results as JSON on stdout, progress on stderr.
    Json,
}

/// The mode, set once from the command line.
static MODE: AtomicU8 = AtomicU8::new(0);

/// Sets the mode.
pub fn set(mode: Mode) {
    let code = match mode {
        Mode::Normal => 0,
        Mode::Quiet => 1,
        Mode::Json => 2,
    };
    MODE.store(code, Ordering::Relaxed);
}

/// The mode.
#[must_use]
pub fn mode() -> Mode {
    match MODE.load(Ordering::Relaxed) {
        1 => Mode::Quiet,
        2 => Mode::Json,
        _ => Mode::Normal,
    }
}

/// Prints a line of progress (see the module's documentation).
pub fn progress(line: fmt::Arguments) {
    match mode() {
        Mode::Normal => println!("{line}"),
        Mode::Json => eprintln!("{line}"),
        Mode::Quiet => {}
    }
}

/// Prints a line of progress, as `println!` takes it.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::out::progress(format_args!($($arg)*))
    };
}
pub(crate) use say;

/// Prints a command's result: `json` under `--json`, otherwise `text`
/// (when not empty).
pub fn result(json: &Value, text: &str) {
    if mode() == Mode::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(json).unwrap_or_else(|_| json.to_string())
        );
    } else if !text.is_empty() {
        println!("{text}");
    }
}

/// A spinner saying `message` while a long step runs, hidden unless
/// progress is printed on a terminal; finish it with
/// [`ProgressBar::finish_and_clear`].
#[must_use]
pub fn spinner(message: String) -> ProgressBar {
    if mode() != Mode::Normal || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner().with_message(message);
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// A progress bar of `length` steps saying `message` (blocks of logs
/// read, for example), hidden unless progress is printed on a terminal;
/// finish it with [`ProgressBar::finish_and_clear`].
#[must_use]
pub fn bar(length: u64, message: &str) -> ProgressBar {
    if mode() != Mode::Normal || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(length).with_message(message.to_string());
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta} left)") {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mode_is_what_was_set_and_spinners_hide_off_a_terminal() {
        for mode in [Mode::Quiet, Mode::Json, Mode::Normal] {
            set(mode);
            assert_eq!(super::mode(), mode);
        }
        // Tests do not run on a terminal (or run quiet): hidden.
        set(Mode::Quiet);
        assert!(spinner("building".into()).is_hidden());
        assert!(bar(10, "reading logs").is_hidden());
        set(Mode::Normal);
    }
}
