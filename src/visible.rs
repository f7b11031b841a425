//! Text from the inputs made safe to print: control characters (C0, DEL, C1) and the Unicode
//! bidirectional overrides are shown as visible escapes (`\x1b`, `\u{202e}`) instead of
//! reaching a terminal, where `ESC[2J` would clear the screen and an OSC sequence retitle the
//! window, or a spreadsheet or a PDF. Line breaks and tabs inside a label become spaces.
//!
//! Labels from indicators.toml and text cells of measurement files pass through [`visible`] when
//! they are read, so every output (JSON included) carries the same, safe text; messages pass
//! through it when they are printed, since they quote what was found.

use std::borrow::Cow;

/// Whether `c` must not reach an output as it is.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with tabs and line breaks as spaces and other control characters as visible escapes.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if (c as u32) < 0x100 && is_unsafe(c) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`visible`] for one line of a message: the same, owned.
pub fn line(text: &str) -> String {
    visible(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_and_plain_text_stays() {
        assert_eq!(visible("Veiligheidsgevoel ≥ 7"), "Veiligheidsgevoel ≥ 7");
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(visible("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(visible("\x1b]0;title\x07"), "\\x1b]0;title\\x07");
        assert_eq!(visible("two\nlines\tand tab"), "two lines and tab");
        assert_eq!(visible("c1\u{9b}31m"), "c1\\x9b31m");
        assert_eq!(visible("rtl\u{202e}txt"), "rtl\\u{202e}txt");
    }
}
