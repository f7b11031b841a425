//! The text layer under a measurement file: how its bytes become UTF-8 lines, and how its
//! fields are separated. Detected from the first 64 KiB unless indicators.toml states it:
//!
//! - **Not text**: a NUL byte, or a UTF-16 byte-order mark, is refused.
//! - **Encoding**: a UTF-8 byte-order mark is skipped; text that is valid UTF-8 is UTF-8;
//!   anything else is read as Windows-1252 (Excel's plain "CSV" save), decoded to the right
//!   characters (`é`, `€`, `–`), never as mojibake. A UTF-8 file with a stray invalid byte
//!   later on is refused at that line, never guessed.
//! - **Delimiter**: the one of `,` `;` and tab that splits the header line into the required
//!   columns.
//! - **Line length**: a physical line over [`MAX_LINE`] bytes is refused, so a file without line
//!   ends cannot exhaust memory; files are otherwise streamed, whatever their size.

use crate::model::Encoding;
use std::io::{self, Read};

/// The longest line accepted, in bytes.
pub const MAX_LINE: usize = 10 * 1024 * 1024;

/// How much of a file is looked at to detect its dialect.
pub const SNIFF: usize = 64 * 1024;

/// What the first bytes of a file say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sniffed {
    /// Bytes of byte-order mark to skip.
    pub bom: usize,
    pub encoding: Encoding,
    /// The header line, decoded.
    pub header: String,
}

/// Looks at the first bytes `head` of a file. `encoding`: the stated encoding, if any.
pub fn sniff(head: &[u8], encoding: Option<Encoding>) -> Result<Sniffed, String> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(
            "the file is UTF-16 text; expected UTF-8 or Windows-1252 (in Excel: save as \"CSV UTF-8\")"
                .into(),
        );
    }
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return Err(format!(
            "found a NUL byte at byte {}; expected a text file (CSV) or an .xlsx workbook",
            at + 1
        ));
    }
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = &head[bom..];
    let encoding = encoding.unwrap_or_else(|| {
        let utf8 = match std::str::from_utf8(body) {
            Ok(_) => true,
            // A character cut off by the end of the sniffed bytes is still UTF-8.
            Err(e) => e.error_len().is_none() && head.len() == SNIFF,
        };
        if bom > 0 || utf8 {
            Encoding::Utf8
        } else {
            Encoding::Windows1252
        }
    });
    let line_end = body.iter().position(|&b| b == b'\n');
    if line_end.is_none() && head.len() == SNIFF {
        return Err(format!(
            "the header line is longer than {} KiB; expected a short line of column names",
            SNIFF / 1024
        ));
    }
    let line = &body[..line_end.unwrap_or(body.len())];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let header = match encoding {
        Encoding::Utf8 => std::str::from_utf8(line)
            .map_err(|_| "the header line is not valid UTF-8; expected UTF-8 or Windows-1252 text (set `encoding` in [measurements] of indicators.toml)".to_string())?
            .to_string(),
        Encoding::Windows1252 => line.iter().map(|&b| windows_1252(b)).collect(),
    };
    Ok(Sniffed {
        bom,
        encoding,
        header,
    })
}

/// The fields of `line` split at `delimiter`, outside double quotes, unquoted and trimmed.
pub fn split_header(line: &str, delimiter: u8) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            c if !quoted && c.is_ascii() && c as u8 == delimiter => fields.push(String::new()),
            c => fields.last_mut().expect("never empty").push(c),
        }
    }
    fields.iter().map(|f| f.trim().to_string()).collect()
}

/// The character Windows-1252 byte `b` stands for. The five bytes the code page leaves
/// undefined map to the C1 control of the same number, as browsers do.
pub fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Decodes a Windows-1252 byte stream into UTF-8, as it is read.
pub struct Windows1252<R> {
    inner: R,
    raw: Box<[u8]>,
    decoded: Vec<u8>,
    at: usize,
}

impl<R: Read> Windows1252<R> {
    pub fn new(inner: R) -> Self {
        Windows1252 {
            inner,
            raw: vec![0; 32 * 1024].into_boxed_slice(),
            decoded: Vec::with_capacity(64 * 1024),
            at: 0,
        }
    }
}

impl<R: Read> Read for Windows1252<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.decoded.len() {
            let n = self.inner.read(&mut self.raw)?;
            if n == 0 {
                return Ok(0);
            }
            self.decoded.clear();
            self.at = 0;
            let mut utf8 = [0; 4];
            for &b in &self.raw[..n] {
                if b < 0x80 {
                    self.decoded.push(b);
                } else {
                    let c = windows_1252(b).encode_utf8(&mut utf8);
                    self.decoded.extend_from_slice(c.as_bytes());
                }
            }
        }
        let n = buf.len().min(self.decoded.len() - self.at);
        buf[..n].copy_from_slice(&self.decoded[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// The error a [`LineLimit`] reader gives: line `0` is longer than [`MAX_LINE`].
#[derive(Debug)]
pub struct LineTooLong(pub u64);

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {} is longer than {} MiB; expected one measurement per line",
            self.0,
            MAX_LINE / (1024 * 1024)
        )
    }
}

impl std::error::Error for LineTooLong {}

/// Passes bytes through, failing with [`LineTooLong`] once a line grows past `limit` bytes.
pub struct LineLimit<R> {
    inner: R,
    limit: usize,
    /// Bytes since the last line end.
    run: usize,
    /// Line ends seen.
    lines: u64,
}

impl<R: Read> LineLimit<R> {
    pub fn new(inner: R, limit: usize) -> Self {
        LineLimit {
            inner,
            limit,
            run: 0,
            lines: 0,
        }
    }
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut segments = buf[..n].split(|&b| b == b'\n');
        self.run += segments.next().map_or(0, <[u8]>::len);
        let mut longest = self.run;
        for segment in segments {
            if longest > self.limit {
                break;
            }
            self.lines += 1;
            self.run = segment.len();
            longest = self.run;
        }
        if longest > self.limit {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                LineTooLong(self.lines + 1),
            ));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_decodes_to_the_right_characters() {
        let raw = b"caf\xe9 \x80 \x96 \x93x\x94";
        let mut out = String::new();
        Windows1252::new(&raw[..]).read_to_string(&mut out).unwrap();
        assert_eq!(out, "café € – “x”");
    }

    #[test]
    fn sniffing_tells_encodings_apart() {
        let utf8 = sniff("indicator;waarde\né\n".as_bytes(), None).unwrap();
        assert_eq!((utf8.bom, utf8.encoding), (0, Encoding::Utf8));
        let bom = sniff(b"\xEF\xBB\xBFindicator,value\r\n", None).unwrap();
        assert_eq!((bom.bom, bom.header.as_str()), (3, "indicator,value"));
        let ansi = sniff(b"indicator;note\nx;caf\xe9\n", None).unwrap();
        assert_eq!(ansi.encoding, Encoding::Windows1252);
        assert!(sniff(b"ab\0cd", None)
            .unwrap_err()
            .contains("NUL byte at byte 3"));
        assert!(sniff(b"\xFF\xFEa\0", None).unwrap_err().contains("UTF-16"));
    }

    #[test]
    fn header_splits_outside_quotes() {
        assert_eq!(
            split_header(" Indicator ;\"a;b\";value", b';'),
            ["Indicator", "a;b", "value"]
        );
    }

    #[test]
    fn long_lines_are_refused_with_their_number() {
        let text = format!("ok\nfine\n{}\n", "x".repeat(100));
        let mut out = Vec::new();
        let err = LineLimit::new(text.as_bytes(), 50)
            .read_to_end(&mut out)
            .unwrap_err();
        assert!(err.to_string().starts_with("line 3 is longer"), "{err}");
        let mut out = Vec::new();
        LineLimit::new(text.as_bytes(), 100)
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out.len(), text.len());
    }
}
