//! The text layer under a measurement file: how its bytes become UTF-8 lines, and how its
//! fields are separated. Detected from the first 64 KiB unless indicators.toml states it:
//!
//! - **Not text**: a NUL byte in a file without a UTF-16 byte-order mark is refused.
//! - **Encoding**: a UTF-16 byte-order mark makes the file UTF-16 (Excel's "Unicode text",
//!   tab-separated); a UTF-8 byte-order mark is skipped; text that is valid UTF-8 is UTF-8;
//!   anything else is read as Windows-1252 (Excel's plain "CSV" save), decoded to the right
//!   characters (`é`, `€`, `–`), never as mojibake. A UTF-8 file with a stray invalid byte
//!   later on is refused at that line, never guessed; so is malformed UTF-16. Decoding is
//!   encoding_rs's ([`Decoding`]).
//! - **Delimiter**: the one of `,` `;` and tab that splits the header line into the required
//!   columns.
//! - **Line ends**: LF, CRLF (Windows, and what `ontrack template` writes) and a lone CR (old
//!   Mac Excel) all end a line; they are made LF before anything counts lines, so a line number
//!   is the same whichever a file uses ([`LineEnds`]).
//! - **Record length**: a line over [`MAX_LINE`] bytes is refused, and so is a quoted field that
//!   runs past that many bytes or to the end of the file without its closing quote, naming the
//!   line where the quote opened ([`RecordLimit`]); so neither a file without line ends nor an
//!   unclosed quote can exhaust memory or swallow the rows after it. Files are otherwise
//!   streamed, whatever their size.

use crate::model::Encoding;
use std::io::{self, Read};

/// The longest line accepted, in bytes.
pub(crate) const MAX_LINE: usize = 10 * 1024 * 1024;

/// How much of a file is looked at to detect its dialect.
pub(crate) const SNIFF: usize = 64 * 1024;

/// What the first bytes of a file say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sniffed {
    /// Bytes of byte-order mark to skip.
    pub bom: usize,
    pub encoding: Encoding,
    /// The header line, decoded.
    pub header: String,
}

/// Looks at the first bytes `head` of a file. `encoding`: the stated encoding, if any.
pub(crate) fn sniff(head: &[u8], encoding: Option<Encoding>) -> Result<Sniffed, String> {
    // A UTF-16 byte-order mark says what the file is, whatever was stated.
    let utf16 = if head.starts_with(&[0xFF, 0xFE]) {
        Some(Encoding::Utf16Le)
    } else if head.starts_with(&[0xFE, 0xFF]) {
        Some(Encoding::Utf16Be)
    } else {
        encoding.filter(|e| matches!(e, Encoding::Utf16Le | Encoding::Utf16Be))
    };
    if let Some(encoding) = utf16 {
        return sniff_utf16(head, encoding);
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
    let line_end = body.iter().position(|&b| b == b'\n' || b == b'\r');
    if line_end.is_none() && head.len() == SNIFF {
        return Err(header_too_long());
    }
    let line = &body[..line_end.unwrap_or(body.len())];
    let header = match encoding {
        Encoding::Utf8 => std::str::from_utf8(line)
            .map_err(|_| "the header line is not valid UTF-8; expected UTF-8 or Windows-1252 text (set `encoding` in [measurements] of indicators.toml)".to_string())?
            .to_string(),
        other => decoder(other).decode_without_bom_handling(line).0.into_owned(),
    };
    Ok(Sniffed {
        bom,
        encoding,
        header,
    })
}

fn header_too_long() -> String {
    format!(
        "the header line is longer than {} KiB; expected a short line of column names",
        SNIFF / 1024
    )
}

/// The header of a UTF-16 file; the decoder drops the byte-order mark itself.
fn sniff_utf16(head: &[u8], encoding: Encoding) -> Result<Sniffed, String> {
    let mut text = String::with_capacity(head.len());
    let mut decoding = decoder(encoding).new_decoder_with_bom_removal();
    let last = head.len() < SNIFF;
    text.reserve(
        decoding
            .max_utf8_buffer_length_without_replacement(head.len())
            .unwrap_or(head.len() * 3),
    );
    let (result, _) = decoding.decode_to_string_without_replacement(head, &mut text, last);
    if let encoding_rs::DecoderResult::Malformed(..) = result {
        return Err(format!(
            "the header line is not valid {}; expected text as Excel saves \"Unicode text\"",
            encoding.code().to_uppercase()
        ));
    }
    let Some(end) = text.find(['\n', '\r']).or(last.then_some(text.len())) else {
        return Err(header_too_long());
    };
    Ok(Sniffed {
        bom: 0,
        encoding,
        header: text[..end].to_string(),
    })
}

/// The encoding_rs encoding of `encoding`.
fn decoder(encoding: Encoding) -> &'static encoding_rs::Encoding {
    match encoding {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Windows1252 => encoding_rs::WINDOWS_1252,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
    }
}

/// The fields of `line` split at `delimiter`, outside double quotes, unquoted and trimmed.
pub(crate) fn split_header(line: &str, delimiter: u8) -> Vec<String> {
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

/// Decodes a byte stream in another encoding into UTF-8 as it is read (encoding_rs; a UTF-16
/// byte-order mark is dropped). Malformed input (an unpaired UTF-16 surrogate) is an error,
/// never a replacement character in a value.
pub(crate) struct Decoding<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    encoding: Encoding,
    raw: Box<[u8]>,
    decoded: Vec<u8>,
    at: usize,
    finished: bool,
}

impl<R: Read> Decoding<R> {
    pub fn new(inner: R, encoding: Encoding) -> Self {
        Decoding {
            inner,
            decoder: decoder(encoding).new_decoder_with_bom_removal(),
            encoding,
            raw: vec![0; 32 * 1024].into_boxed_slice(),
            decoded: Vec::with_capacity(128 * 1024),
            at: 0,
            finished: false,
        }
    }
}

impl<R: Read> Read for Decoding<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.decoded.len() {
            if self.finished {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.raw)?;
            let last = n == 0;
            self.finished = last;
            let room = self
                .decoder
                .max_utf8_buffer_length_without_replacement(n)
                .unwrap_or(n * 3 + 16);
            self.decoded.resize(room, 0);
            self.at = 0;
            let (result, _, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.raw[..n],
                &mut self.decoded,
                last,
            );
            self.decoded.truncate(written);
            if let encoding_rs::DecoderResult::Malformed(..) = result {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "the file is not valid {} text (an unpaired surrogate)",
                        self.encoding.code().to_uppercase()
                    ),
                ));
            }
        }
        let n = buf.len().min(self.decoded.len() - self.at);
        buf[..n].copy_from_slice(&self.decoded[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// The error a [`RecordLimit`] reader gives: line `0` is longer than [`MAX_LINE`].
#[derive(Debug)]
pub(crate) struct LineTooLong(pub u64);

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

/// The error a [`RecordLimit`] reader gives for a quote opened on line `opened` that is not
/// closed: at the end of the file, or only past [`MAX_LINE`] bytes.
#[derive(Debug)]
pub(crate) struct UnclosedQuote {
    pub opened: u64,
    pub at_end: bool,
}

impl std::fmt::Display for UnclosedQuote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let runs = if self.at_end {
            "runs to the end of the file".to_string()
        } else {
            format!("runs past {} MiB", MAX_LINE / (1024 * 1024))
        };
        write!(
            f,
            "the quote `\"` opened on line {} is not closed: the field {runs}, taking every row after it; expected a closing `\"` on the same line (a `\"` inside a value is written `\"\"`)",
            self.opened
        )
    }
}

impl std::error::Error for UnclosedQuote {}

/// Turns CRLF and a lone CR into LF as the bytes pass.
pub(crate) struct LineEnds<R> {
    inner: R,
    /// The last byte passed on was a CR made LF: an LF right after it is dropped.
    after_cr: bool,
}

impl<R: Read> LineEnds<R> {
    pub fn new(inner: R) -> Self {
        LineEnds {
            inner,
            after_cr: false,
        }
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            // Most files have no CR at all: then only the LF of a CRLF split over two reads
            // needs dropping, and the bytes pass untouched.
            if memchr::memchr(b'\r', &buf[..n]).is_none() {
                let skip = usize::from(self.after_cr && buf[0] == b'\n');
                self.after_cr = false;
                if skip == 0 {
                    return Ok(n);
                }
                buf.copy_within(1..n, 0);
                if n > 1 {
                    return Ok(n - 1);
                }
                continue;
            }
            let mut kept = 0;
            for i in 0..n {
                let b = buf[i];
                if b == b'\n' && self.after_cr {
                    self.after_cr = false;
                    continue;
                }
                self.after_cr = b == b'\r';
                buf[kept] = if b == b'\r' { b'\n' } else { b };
                kept += 1;
            }
            // A read that held only the LF of a CRLF gave nothing: read on rather than signal
            // the end of the file.
            if kept > 0 {
                return Ok(kept);
            }
        }
    }
}

/// Where a [`RecordLimit`] is in the CSV grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Start,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: a doubled quote, or the closing one.
    QuoteInQuoted,
}

/// Passes LF-ended CSV bytes through, failing with [`LineTooLong`] once a record grows past
/// `limit` bytes outside a quoted field, and with [`UnclosedQuote`] when a quoted field does, or
/// is still open at the end of the file. It follows the quoting as the csv crate reads it: a
/// quote opens a field only at its start, `""` inside one is a quote.
pub(crate) struct RecordLimit<R> {
    inner: R,
    limit: usize,
    delimiter: u8,
    state: Field,
    /// Bytes since the record began.
    run: usize,
    /// The line being read (1-based), and the one where the open quote opened.
    line: u64,
    opened: u64,
    /// No byte of a record is read since the last one ended: a line end here is a blank line,
    /// which the csv crate passes over.
    at_record_start: bool,
    /// The line each record starts on, in order, for the csv reader's records to take: the
    /// csv crate's own position of a record after blank lines is the first blank line's.
    starts: RecordStarts,
}

/// The lines records start on, as a [`RecordLimit`] finds them.
pub(crate) type RecordStarts = std::rc::Rc<std::cell::RefCell<std::collections::VecDeque<u64>>>;

impl<R: Read> RecordLimit<R> {
    pub fn new(inner: R, limit: usize, delimiter: u8) -> Self {
        RecordLimit {
            inner,
            limit,
            delimiter,
            state: Field::Start,
            run: 0,
            line: 1,
            opened: 0,
            at_record_start: true,
            starts: RecordStarts::default(),
        }
    }

    /// Where the lines records start on are noted, as they are read.
    pub fn record_starts(&self) -> RecordStarts {
        self.starts.clone()
    }

    /// A record's first byte is on the current line.
    fn record_starts_here(&mut self) {
        if self.at_record_start {
            self.at_record_start = false;
            self.starts.borrow_mut().push_back(self.line);
        }
    }

    /// Counts lines from `line`: the stream starts there in its file.
    pub fn starting_at_line(mut self, line: u64) -> Self {
        self.line = line;
        self
    }

    fn too_long(&self, at_end: bool) -> io::Error {
        if self.state == Field::Quoted {
            io::Error::new(
                io::ErrorKind::InvalidData,
                UnclosedQuote {
                    opened: self.opened,
                    at_end,
                },
            )
        } else {
            io::Error::new(io::ErrorKind::InvalidData, LineTooLong(self.line))
        }
    }
}

impl<R: Read> RecordLimit<R> {
    /// One byte through the grammar: the rule itself, which the runs below only speed up.
    fn step(&mut self, b: u8) -> io::Result<()> {
        self.run += 1;
        let end_of_record = b == b'\n' && self.state != Field::Quoted;
        if b != b'\n' && self.state != Field::Quoted {
            self.record_starts_here();
        }
        self.state = match (self.state, b) {
            (Field::Quoted, b'"') => Field::QuoteInQuoted,
            (Field::Quoted, _) => Field::Quoted,
            (Field::QuoteInQuoted, b'"') => Field::Quoted,
            (Field::Start, b'"') => {
                self.opened = self.line;
                Field::Quoted
            }
            (_, b) if b == self.delimiter || b == b'\n' => Field::Start,
            _ => Field::Unquoted,
        };
        if b == b'\n' {
            self.line += 1;
        }
        if end_of_record {
            self.run = 0;
            self.at_record_start = true;
        } else if self.run > self.limit {
            return Err(self.too_long(false));
        }
        Ok(())
    }

    /// A run of bytes without a quote, outside a quoted field: every LF ends a record.
    fn unquoted_run(&mut self, run: &[u8]) -> io::Result<()> {
        let Some(&last) = run.last() else {
            return Ok(());
        };
        let mut from = 0;
        for lf in memchr::memchr_iter(b'\n', run) {
            if self.run + (lf - from) > self.limit {
                return Err(self.too_long(false));
            }
            if lf > from {
                self.record_starts_here();
            }
            self.at_record_start = true;
            self.line += 1;
            self.run = 0;
            from = lf + 1;
        }
        if run.len() > from {
            self.record_starts_here();
        }
        self.run += run.len() - from;
        if self.run > self.limit {
            return Err(self.too_long(false));
        }
        self.state = if last == self.delimiter || last == b'\n' {
            Field::Start
        } else {
            Field::Unquoted
        };
        Ok(())
    }

    /// A run of bytes without a quote inside a quoted field: line ends are part of the field.
    fn quoted_run(&mut self, run: &[u8]) -> io::Result<()> {
        self.line += memchr::memchr_iter(b'\n', run).count() as u64;
        self.run += run.len();
        if self.run > self.limit {
            return Err(self.too_long(false));
        }
        Ok(())
    }
}

impl<R: Read> Read for RecordLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && self.state == Field::Quoted {
            return Err(self.too_long(true));
        }
        // Only a quote can change how the bytes up to the next one are read: runs between
        // quotes are taken whole, the quote itself byte by byte.
        let bytes = &buf[..n];
        let mut at = 0;
        while at < n {
            let quoted = match self.state {
                Field::Start | Field::Unquoted => false,
                Field::Quoted => true,
                Field::QuoteInQuoted => {
                    self.step(bytes[at])?;
                    at += 1;
                    continue;
                }
            };
            let end = memchr::memchr(b'"', &bytes[at..]).map_or(n, |q| at + q);
            if quoted {
                self.quoted_run(&bytes[at..end])?;
            } else {
                self.unquoted_run(&bytes[at..end])?;
            }
            if end < n {
                self.step(bytes[end])?;
            }
            at = end + 1;
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
        Decoding::new(&raw[..], Encoding::Windows1252)
            .read_to_string(&mut out)
            .unwrap();
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
        let utf16 = sniff(b"\xFF\xFEa\0\t\0b\0\r\0\n\0", None).unwrap();
        assert_eq!(
            (utf16.encoding, utf16.header.as_str()),
            (Encoding::Utf16Le, "a\tb")
        );
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
        let err = RecordLimit::new(text.as_bytes(), 50, b',')
            .read_to_end(&mut out)
            .unwrap_err();
        assert!(err.to_string().starts_with("line 3 is longer"), "{err}");
        let mut out = Vec::new();
        RecordLimit::new(text.as_bytes(), 101, b',')
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out.len(), text.len());
    }

    #[test]
    fn an_unclosed_quote_is_named_by_its_line() {
        let text = "a,b\nx,\"ok \"\"quoted\"\" text\"\ny,\"never closed\nz,1\nw,2\n";
        let mut out = Vec::new();
        let err = RecordLimit::new(text.as_bytes(), 1000, b',')
            .read_to_end(&mut out)
            .unwrap_err();
        assert!(err.to_string().contains("opened on line 3"), "{err}");
        assert!(err.to_string().contains("end of the file"), "{err}");
        // Past the limit it stops there, not at the end.
        let long = format!("a,b\ny,\"{}", "x\n".repeat(100));
        let err = RecordLimit::new(long.as_bytes(), 50, b',')
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert!(err.to_string().contains("runs past"), "{err}");
        // A closed multi-line quote and a quote inside an unquoted field are fine.
        let fine = "a,b\nx,\"two\nlines\"\ny,5\" screen\n";
        RecordLimit::new(fine.as_bytes(), 1000, b',')
            .read_to_end(&mut Vec::new())
            .unwrap();
    }

    /// Hands out at most `size` bytes per read, so that runs and quotes fall across reads.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn runs_between_quotes_give_what_the_byte_rule_gives() {
        let texts = [
            "a,b\nx,1\ny,2\n",
            "a,b\nx,\"q\"\"uote\"\ny,\"two\nlines\"\nz,3\n",
            "a,b\nx,5\" screen,\"\"\nlong line here,1\n",
            "a,b\ny,\"never closed\nz,1\n",
            "a;b\n\"x;y\";\"\"\n;\"\n\n\"\n",
            "12345678901234567890\nshort\n",
            "\"\"\"\"\"\n\"",
        ];
        for text in texts {
            for limit in [4, 9, 13, 1000] {
                let delimiter = if text.contains(';') { b';' } else { b',' };
                // The reference: every byte through the rule, one at a time.
                let mut one = RecordLimit::new(&b""[..], limit, delimiter);
                let mut expected = text.bytes().try_for_each(|b| one.step(b));
                if expected.is_ok() && one.state == Field::Quoted {
                    expected = Err(one.too_long(true));
                }
                let expected = expected.map_err(|e| e.to_string());
                for size in [1, 2, 3, 7, 64] {
                    let got = RecordLimit::new(Trickle(text.as_bytes(), size), limit, delimiter)
                        .read_to_end(&mut Vec::new())
                        .map(|_| ())
                        .map_err(|e| e.to_string());
                    assert_eq!(got, expected, "{text:?}, limit {limit}, reads of {size}");
                }
            }
        }
        // Line ends: CR-free reads pass untouched, a CRLF split over reads is one LF.
        for size in [1, 2, 3, 64] {
            let mut out = String::new();
            LineEnds::new(Trickle(b"a\r\nb\nc\r\r\nd\re", size))
                .read_to_string(&mut out)
                .unwrap();
            assert_eq!(out, "a\nb\nc\n\nd\ne", "reads of {size}");
        }
    }

    #[test]
    fn every_line_end_becomes_lf() {
        for text in ["a\r\nb\r\n", "a\rb\r", "a\nb\n"] {
            let mut out = String::new();
            LineEnds::new(text.as_bytes())
                .read_to_string(&mut out)
                .unwrap();
            assert_eq!(out, "a\nb\n", "{text:?}");
        }
        // A CRLF split over two reads.
        let mut out = String::new();
        LineEnds::new(&b"a\r"[..])
            .chain(LineEnds::new(&b"\nb"[..]))
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "a\n\nb", "two readers do not share the CR");
    }
}
