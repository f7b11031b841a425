//! The fast way through a UTF-8 measurement file: lines read in large blocks and split at the
//! delimiter, without the csv crate's state machine or the line-end and record-length layers
//! (see [`super::text`]) that every byte passes otherwise.
//!
//! Only *plain* lines take this way: a line without a quote `"` and without a CR other than the
//! one of a CRLF end. Such a line is one record whatever the CSV grammar says, and its fields are
//! the bytes between delimiters, exactly as the csv crate splits it. The first line that is not
//! plain (a quoted field, a lone CR, a line longer than the block) ends the fast way: the rest of
//! the file, from the start of that line, is handed to the general reader with the number of the
//! line it starts at, so that every line number stays the same. A national monitor's files are
//! plain from top to bottom; a file with quotes is read as before from its first quote on.

use std::io::{self, Read};

/// How many bytes are read at a time; a line longer than this is left to the general reader.
const BLOCK: usize = 256 * 1024;

/// What [`PlainLines::next`] found.
pub(crate) enum Next<'a> {
    /// A plain line that is not blank, without its line end, and its number (1-based): checked
    /// as UTF-8 with the whole block it came in.
    Line(u64, &'a str),
    /// The same, but not checked: a line that is not UTF-8, or one after it in its block
    /// (each to be checked on its own, as the line that is not needs its own message).
    Unchecked(u64, &'a [u8]),
    /// A line that is not plain: the rest goes to the general reader ([`PlainLines::rest`]).
    NotPlain,
    /// The end of the file.
    End,
}

/// What a byte is to [`PlainLines`]: most are none of these.
const ORDINARY: u8 = 0;
const DELIMITER: u8 = 1;
const LINE_END: u8 = 2;
/// A quote or a CR: the line may not be plain.
const SPECIAL: u8 = 3;

/// Plain lines of a UTF-8 byte stream, with their numbers and their fields; blank lines are
/// passed over, as the csv crate passes them over.
///
/// Each block read is checked as UTF-8 once, whole (its whole lines; the last, cut by the
/// block's end, waits for the next): checking each line on its own, some 40 bytes from an
/// unaligned start, cost 6 % of national `check`'s CPU (0.546 -> 0.513 s, and 0.294 -> 0.278 s
/// of wall time; medians of 15, alternating the builds). A block that is not UTF-8
/// somewhere is checked up to the line that is not, and its lines from there on are handed out
/// unchecked, each to be checked on its own.
pub(crate) struct PlainLines<R> {
    inner: R,
    /// Whole lines read and checked as UTF-8; `text[start..]` is unread.
    text: String,
    start: usize,
    /// The bytes read after `text`, not checked; `raw[raw_start..]` is unread. Whole lines
    /// among them (when `text` stopped at a line that is not UTF-8) are handed out unchecked;
    /// a line's start, cut by the end of a block, waits for the next.
    raw: Vec<u8>,
    raw_start: usize,
    /// `raw` begins with whole lines, from one that is not UTF-8 on.
    unchecked: bool,
    eof: bool,
    /// The number of the next line.
    line: u64,
    /// What each byte is (one pass over each line finds its end and its fields).
    classes: Classes,
}

/// Where [`scan`] stopped.
#[derive(Debug, PartialEq, Eq)]
enum Scan {
    /// A line of `len` bytes that takes `taken` with its line end.
    Line {
        len: usize,
        taken: usize,
    },
    NotPlain,
    /// No line end in the bytes: the rest of the line is not read yet (or there is none).
    Open,
}

/// The line at the start of `bytes` and its fields (their ends, pushed onto `ends`), in one
/// pass; `last`: nothing follows `bytes` in the file.
///
/// Sixteen bytes are looked at a time for the few that are not ordinary ([`Classes::specials`]):
/// a byte at a time, through the class table, was a sixth of the instructions of national
/// `check` (most bytes of a field are ordinary). The delimiters before the first byte that may
/// end the line are taken straight from their mask, without asking the class table what each
/// is, and the scan is inline in [`PlainLines::next`]: finding a national row's line and
/// fields went from 301 to 251 instructions (callgrind).
#[inline(always)]
fn scan(classes: &Classes, bytes: &[u8], ends: &mut Vec<usize>, last: bool) -> Scan {
    let mut base = 0;
    while let Some(chunk) = bytes[base..].first_chunk::<16>() {
        let Specials { delimiters, stops } = classes.specials(chunk);
        // Those after a stop belong to the next line (or to a line that is not plain).
        let mut delimiters = delimiters & stops.wrapping_sub(1) & !stops;
        while delimiters != 0 {
            ends.push(base + delimiters.trailing_zeros() as usize);
            delimiters &= delimiters - 1;
        }
        if stops != 0 {
            let at = base + stops.trailing_zeros() as usize;
            if let Some(end) = classes.special(bytes, at, ends, last) {
                return end;
            }
        }
        base += 16;
    }
    // The last bytes, fewer than sixteen, one at a time.
    for at in base..bytes.len() {
        if let Some(end) = classes.special(bytes, at, ends, last) {
            return end;
        }
    }
    Scan::Open
}

/// The bytes of sixteen that are not ordinary, one bit per byte (the lowest for the first).
#[derive(Debug, PartialEq, Eq)]
struct Specials {
    /// The delimiters.
    delimiters: u32,
    /// The bytes that end the line or may (LF, CR) or make it not plain (a quote).
    stops: u32,
}

/// What each byte value is to [`scan`], and the means to find the bytes that are not ordinary
/// sixteen at a time.
struct Classes {
    /// Per byte value: what it is.
    table: [u8; 256],
    /// The bytes of the four classes that are not ordinary: delimiter, LF, CR and quote.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    splats: [safe_arch::m128i; 4],
}

impl Classes {
    fn new(delimiter: u8) -> Self {
        let mut table = [ORDINARY; 256];
        table[usize::from(b'"')] = SPECIAL;
        table[usize::from(b'\r')] = SPECIAL;
        table[usize::from(b'\n')] = LINE_END;
        if table[usize::from(delimiter)] == ORDINARY {
            table[usize::from(delimiter)] = DELIMITER;
        }
        Classes {
            table,
            #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
            splats: [delimiter, b'\n', b'\r', b'"']
                .map(|b| safe_arch::set_splat_i8_m128i(i8::from_ne_bytes([b]))),
        }
    }

    /// The bytes of `chunk` that are not ordinary.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    fn specials(&self, chunk: &[u8; 16]) -> Specials {
        use safe_arch::{cmp_eq_mask_i8_m128i as eq, move_mask_i8_m128i};
        let bytes = safe_arch::load_unaligned_m128i(chunk);
        let [delimiter, lf, cr, quote] = self.splats;
        let stops = eq(bytes, lf) | eq(bytes, cr) | eq(bytes, quote);
        // The masks' 16 bits, as numbers that are never negative. A delimiter that is also a
        // stop (a quote given as the delimiter) is a stop, as the class table has it.
        let stops = move_mask_i8_m128i(stops) as u32 & 0xFFFF;
        let delimiters = move_mask_i8_m128i(eq(bytes, delimiter)) as u32 & 0xFFFF & !stops;
        Specials { delimiters, stops }
    }

    /// The same, a byte at a time, where there is no vector instruction to use.
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    fn specials(&self, chunk: &[u8; 16]) -> Specials {
        self.specials_by_table(chunk)
    }

    /// [`Self::specials`] through the class table (and what the vector instructions are held
    /// to by the tests).
    #[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
    fn specials_by_table(&self, chunk: &[u8; 16]) -> Specials {
        chunk.iter().enumerate().fold(
            Specials {
                delimiters: 0,
                stops: 0,
            },
            |mut found, (i, &b)| {
                match self.table[usize::from(b)] {
                    ORDINARY => {}
                    DELIMITER => found.delimiters |= 1 << i,
                    _ => found.stops |= 1 << i,
                }
                found
            },
        )
    }

    /// What the byte at `at` of `bytes` means for the line: its end (or that it is not plain),
    /// or `None` for an ordinary byte and for a delimiter (its place pushed onto `ends`).
    #[inline(always)]
    fn special(&self, bytes: &[u8], at: usize, ends: &mut Vec<usize>, last: bool) -> Option<Scan> {
        let b = bytes[at];
        match self.table[usize::from(b)] {
            ORDINARY => None,
            DELIMITER => {
                ends.push(at);
                None
            }
            LINE_END => Some(Scan::Line {
                len: at,
                taken: at + 1,
            }),
            _ if b == b'\r' => Some(match bytes.get(at + 1) {
                // Half of a CRLF.
                Some(b'\n') => Scan::Line {
                    len: at,
                    taken: at + 2,
                },
                Some(_) => Scan::NotPlain, // a lone CR
                // At the end of the file a CR ends the last line, as a lone CR does;
                // otherwise what follows is not read yet.
                None if last => Scan::Line {
                    len: at,
                    taken: at + 1,
                },
                None => Scan::Open,
            }),
            _ => Some(Scan::NotPlain), // a quote
        }
    }
}

impl<R: Read> PlainLines<R> {
    /// `head`: the bytes already read from `inner` (the sniffed start); `skip` of them (a
    /// byte-order mark) are not text. Fields are separated by `delimiter`.
    pub fn new(head: Vec<u8>, skip: usize, inner: R, delimiter: u8) -> Self {
        PlainLines {
            inner,
            text: String::new(),
            start: 0,
            raw_start: skip.min(head.len()),
            raw: head,
            unchecked: false,
            eof: false,
            line: 1,
            classes: Classes::new(delimiter),
        }
    }

    /// The next plain line, or why there is none; the line's fields end at `ends` (offsets in
    /// the line, the last one its length).
    pub fn next(&mut self, ends: &mut Vec<usize>) -> io::Result<Next<'_>> {
        loop {
            ends.clear();
            let raw = &self.raw[self.raw_start..];
            let unread = &self.text.as_bytes()[self.start..];
            // Checked lines first, then whole unchecked ones, then the next block.
            let (checked, bytes, last) = if !unread.is_empty() {
                (true, unread, self.eof && raw.is_empty())
            } else if self.unchecked && !raw.is_empty() {
                (false, raw, self.eof)
            } else if self.eof && raw.is_empty() {
                return Ok(Next::End);
            } else {
                if !self.refill()? {
                    return Ok(Next::NotPlain); // a line longer than a block
                }
                continue;
            };
            let (len, taken) = match scan(&self.classes, bytes, ends, last) {
                Scan::Line { len, taken } => (len, taken),
                Scan::NotPlain => return Ok(Next::NotPlain),
                // The last line, without a line end.
                Scan::Open if last => (bytes.len(), bytes.len()),
                Scan::Open => {
                    if !self.refill()? {
                        return Ok(Next::NotPlain);
                    }
                    continue;
                }
            };
            let line = self.line;
            self.line += 1;
            let at = if checked {
                &mut self.start
            } else {
                &mut self.raw_start
            };
            let from = *at;
            *at += taken;
            if len > 0 {
                ends.push(len);
                return Ok(if checked {
                    Next::Line(line, &self.text[from..from + len])
                } else {
                    Next::Unchecked(line, &self.raw[from..from + len])
                });
            }
        }
    }

    /// Makes the unread bytes and as many more as a block holds the next block: its whole lines
    /// that are UTF-8 become `text`, the rest `raw`. False when a block holds no line end (a
    /// line longer than a block), with every byte left unread.
    fn refill(&mut self) -> io::Result<bool> {
        // The text's memory is used again (a String's bytes are its own): no block is
        // allocated after the first.
        let mut block = std::mem::take(&mut self.text).into_bytes();
        block.drain(..self.start);
        block.extend_from_slice(&self.raw[self.raw_start..]);
        self.start = 0;
        self.raw.clear();
        self.raw_start = 0;
        self.unchecked = false;
        if !self.eof && block.len() < BLOCK {
            let wanted = BLOCK - block.len();
            block.reserve(wanted);
            // Read behind the bytes held without writing zeros over the room first.
            let read = self
                .inner
                .by_ref()
                .take(wanted as u64)
                .read_to_end(&mut block)?;
            self.eof = read < wanted;
        }
        let whole = if self.eof {
            block.len()
        } else {
            match memchr::memrchr(b'\n', &block) {
                Some(lf) => lf + 1,
                None => {
                    self.raw = block;
                    return Ok(false);
                }
            }
        };
        self.raw.extend_from_slice(&block[whole..]);
        block.truncate(whole);
        self.text = match String::from_utf8(block) {
            Ok(text) => text,
            Err(e) => {
                // The lines before the one that is not UTF-8 are text; that line and those
                // after it in the block are handed out unchecked.
                let valid = e.utf8_error().valid_up_to();
                let mut bytes = e.into_bytes();
                let lines = memchr::memrchr(b'\n', &bytes[..valid]).map_or(0, |lf| lf + 1);
                let mut unchecked = bytes.split_off(lines);
                unchecked.append(&mut self.raw);
                self.raw = unchecked;
                self.unchecked = true;
                String::from_utf8(bytes).unwrap_or_else(|e| {
                    // Cannot be (the bytes were found UTF-8), but should it be: unchecked too.
                    let mut all = e.into_bytes();
                    all.append(&mut self.raw);
                    self.raw = all;
                    self.unchecked = true;
                    String::new()
                })
            }
        };
        Ok(true)
    }

    /// The stream from the start of the line [`Self::next`] did not take, and that line's
    /// number.
    pub fn rest(self) -> (impl Read, u64) {
        let mut text = io::Cursor::new(self.text.into_bytes());
        text.set_position(self.start as u64);
        let mut raw = io::Cursor::new(self.raw);
        raw.set_position(self.raw_start as u64);
        (text.chain(raw).chain(self.inner), self.line)
    }
}

/// Where field `i` lies in its line, given the `ends` [`PlainLines::next`] found.
pub(crate) fn bounds(ends: &[usize], i: usize) -> Option<std::ops::Range<usize>> {
    let end = *ends.get(i)?;
    let start = if i == 0 { 0 } else { ends[i - 1] + 1 };
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line `PlainLines` gives, then how it stopped, and the rest of the bytes.
    fn lines(text: &[u8], skip: usize) -> (Vec<(u64, String)>, &'static str, String, u64) {
        let head_len = text.len().min(7); // a short head, so that the rest is read in reads
        let mut lines = PlainLines::new(text[..head_len].to_vec(), skip, &text[head_len..], b',');
        let mut got = Vec::new();
        let mut ends = Vec::new();
        let how = loop {
            match lines.next(&mut ends).unwrap() {
                Next::Line(n, l) => {
                    assert_eq!(ends.len(), l.matches(',').count() + 1);
                    got.push((n, l.to_string()))
                }
                Next::Unchecked(n, l) => {
                    assert_eq!(ends.len(), l.iter().filter(|&&b| b == b',').count() + 1);
                    got.push((n, format!("unchecked {}", String::from_utf8_lossy(l))))
                }
                Next::NotPlain => break "not plain",
                Next::End => break "end",
            }
        };
        let (mut rest, line) = lines.rest();
        let mut tail = Vec::new();
        rest.read_to_end(&mut tail).unwrap();
        (got, how, String::from_utf8_lossy(&tail).to_string(), line)
    }

    /// The scan a byte at a time, through the class table alone: what [`scan`] must find.
    fn scan_bytewise(classes: &Classes, bytes: &[u8], ends: &mut Vec<usize>, last: bool) -> Scan {
        for at in 0..bytes.len() {
            if let Some(end) = classes.special(bytes, at, ends, last) {
                return end;
            }
        }
        Scan::Open
    }

    /// Sixteen bytes at a time find what a byte at a time finds: every special byte (delimiter,
    /// LF, CR, quote, and the pairs CRLF and CR at the end) at every place in lines of 0 to 50
    /// bytes, so at both sides of every boundary of sixteen bytes and in the tail after them,
    /// for a comma, a semicolon and a tab, at the end of the file and not.
    #[test]
    fn scanning_sixteen_bytes_at_a_time_finds_what_a_byte_at_a_time_finds() {
        let mut cases = 0;
        for delimiter in [b',', b';', b'\t'] {
            let classes = Classes::new(delimiter);
            let pieces: [&[u8]; 6] = [&[delimiter], b"\n", b"\r", b"\"", b"\r\n", b"\r\r"];
            for len in 0..50 {
                for at in 0..=len {
                    for piece in pieces {
                        // Ordinary bytes with a delimiter every seventh place, and the piece.
                        let mut bytes: Vec<u8> = (0..len)
                            .map(|i| {
                                if i % 7 == 6 {
                                    delimiter
                                } else {
                                    b'a' + (i % 26) as u8
                                }
                            })
                            .collect();
                        bytes.splice(at..at, piece.iter().copied());
                        for last in [false, true] {
                            let (mut fast, mut slow) = (Vec::new(), Vec::new());
                            let found = scan(&classes, &bytes, &mut fast, last);
                            let expected = scan_bytewise(&classes, &bytes, &mut slow, last);
                            assert_eq!((found, &fast), (expected, &slow), "{bytes:?}, last {last}");
                            cases += 1;
                        }
                        for chunk in bytes.windows(16) {
                            let chunk = chunk.first_chunk::<16>().expect("sixteen bytes");
                            assert_eq!(classes.specials(chunk), classes.specials_by_table(chunk));
                        }
                    }
                }
            }
        }
        assert!(cases > 20_000);
    }

    #[test]
    fn plain_lines_come_with_their_numbers_and_crlf_and_blank_lines_pass() {
        let (got, how, rest, _) = lines(b"\xEF\xBB\xBFa,b\r\n\r\n1,2\n\n3,4", 3);
        let got: Vec<_> = got.iter().map(|(n, l)| (*n, l.as_str())).collect();
        assert_eq!(got, [(1, "a,b"), (3, "1,2"), (5, "3,4")]);
        assert_eq!((how, rest.as_str()), ("end", ""));
    }

    #[test]
    fn a_quote_or_a_lone_cr_hands_the_rest_over_from_the_start_of_its_line() {
        let (got, how, rest, line) = lines(b"a,b\n1,2\n3,\"x\ny\"\n5,6\n", 0);
        assert_eq!(got.len(), 2);
        assert_eq!(
            (how, rest.as_str(), line),
            ("not plain", "3,\"x\ny\"\n5,6\n", 3)
        );
        let (got, how, rest, line) = lines(b"a,b\r\n1,2\r3,4\n", 0);
        assert_eq!(got.len(), 1);
        assert_eq!((how, rest.as_str(), line), ("not plain", "1,2\r3,4\n", 2));
        // A CR at the very end ends the last line, as a lone CR does anywhere.
        let (got, how, _, _) = lines(b"a,b\n1,2\r", 0);
        assert_eq!((got[1].1.as_str(), how), ("1,2", "end"));
    }

    #[test]
    fn a_line_longer_than_a_block_is_handed_over_whole() {
        let mut text = b"a,b\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', BLOCK + 10));
        text.extend(b"\n1,2\n");
        let (got, how, rest, line) = lines(&text, 0);
        assert_eq!((got.len(), how, line), (1, "not plain", 2));
        assert_eq!(rest.len(), BLOCK + 10 + 5);
    }

    #[test]
    fn a_block_is_text_up_to_a_line_that_is_not_utf8_and_its_lines_from_there_are_unchecked() {
        // Line 3 is Latin-1 (`é` as one byte); lines 3 and 4 share its block and come
        // unchecked; the next block (line 5 on) is text again.
        let mut text = b"a,b\n1,2\ncaf\xE9,3\n4,5\n".to_vec();
        let filler = BLOCK - text.len() + 10;
        text.extend(std::iter::repeat_n(b'x', filler));
        text.extend(b",6\n7,8");
        let (got, how, rest, line) = lines(&text, 0);
        let got: Vec<_> = got.iter().map(|(n, l)| (*n, l.as_str())).collect();
        let long = format!("{},6", "x".repeat(filler));
        assert_eq!(
            got,
            [
                (1, "a,b"),
                (2, "1,2"),
                (3, "unchecked caf\u{FFFD},3"),
                (4, "unchecked 4,5"),
                (5, long.as_str()),
                (6, "7,8")
            ]
        );
        assert_eq!((how, rest.as_str(), line), ("end", "", 7));
    }

    #[test]
    fn a_character_cut_by_the_end_of_a_block_is_whole_in_the_next() {
        // `é` (two bytes) lies across the end of the first block: its line waits for the
        // second, and both blocks are text.
        let mut text = b"a,b\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', BLOCK - text.len() - 1));
        text.extend("é,1\n2,3\n".as_bytes());
        let (got, how, _, _) = lines(&text, 0);
        let last: Vec<_> = got[1..].iter().map(|(n, l)| (*n, l.as_str())).collect();
        let long = format!("{}é,1", "x".repeat(BLOCK - 5));
        assert_eq!(last, [(2, long.as_str()), (3, "2,3")]);
        assert_eq!(how, "end");
    }

    #[test]
    fn a_last_line_that_is_not_utf8_and_has_no_line_end_is_read() {
        let (got, how, _, line) = lines(b"a,b\r\n1,\xFF", 0);
        let got: Vec<_> = got.iter().map(|(n, l)| (*n, l.as_str())).collect();
        assert_eq!(got, [(1, "a,b"), (2, "unchecked 1,\u{FFFD}")]);
        assert_eq!((how, line), ("end", 3));
    }

    #[test]
    fn fields_split_at_every_delimiter() {
        let mut lines = PlainLines::new(b"a,,bc,\r\n".to_vec(), 0, &b""[..], b',');
        let mut ends = Vec::new();
        assert!(matches!(
            lines.next(&mut ends).unwrap(),
            Next::Line(1, "a,,bc,")
        ));
        let fields: Vec<_> = (0..5)
            .map(|i| bounds(&ends, i).map(|r| &"a,,bc,"[r]))
            .collect();
        assert_eq!(fields, [Some("a"), Some(""), Some("bc"), Some(""), None]);
    }
}
