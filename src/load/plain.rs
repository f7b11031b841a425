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
    /// A plain line that is not blank, without its line end, and its number (1-based).
    Line(u64, &'a [u8]),
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
pub(crate) struct PlainLines<R> {
    inner: R,
    buf: Vec<u8>,
    /// The unread bytes are `buf[start..end]`.
    start: usize,
    end: usize,
    eof: bool,
    /// The number of the line at `start`.
    line: u64,
    /// Per byte value: what it is (one pass over each line finds its end and its fields).
    class: [u8; 256],
}

impl<R: Read> PlainLines<R> {
    /// `head`: the bytes already read from `inner` (the sniffed start); `skip` of them (a
    /// byte-order mark) are not text. Fields are separated by `delimiter`.
    pub fn new(head: Vec<u8>, skip: usize, inner: R, delimiter: u8) -> Self {
        let end = head.len();
        let mut buf = head;
        buf.resize(end.max(BLOCK), 0);
        let mut class = [ORDINARY; 256];
        class[usize::from(b'"')] = SPECIAL;
        class[usize::from(b'\r')] = SPECIAL;
        class[usize::from(b'\n')] = LINE_END;
        if class[usize::from(delimiter)] == ORDINARY {
            class[usize::from(delimiter)] = DELIMITER;
        }
        PlainLines {
            inner,
            buf,
            start: skip.min(end),
            end,
            eof: false,
            line: 1,
            class,
        }
    }

    /// The next plain line, or why there is none; the line's fields end at `ends` (offsets in
    /// the line, the last one its length).
    pub fn next(&mut self, ends: &mut Vec<usize>) -> io::Result<Next<'_>> {
        loop {
            ends.clear();
            let unread = &self.buf[self.start..self.end];
            // The line's length and the bytes it takes with its line end, in one pass.
            let mut found = None;
            for (at, &b) in unread.iter().enumerate() {
                match self.class[usize::from(b)] {
                    ORDINARY => {}
                    DELIMITER => ends.push(at),
                    LINE_END => {
                        found = Some((at, at + 1));
                        break;
                    }
                    _ if b == b'\r' => match unread.get(at + 1) {
                        // Half of a CRLF.
                        Some(b'\n') => {
                            found = Some((at, at + 2));
                            break;
                        }
                        Some(_) => return Ok(Next::NotPlain), // a lone CR
                        // At the end of the file a CR ends the last line, as a lone CR does;
                        // otherwise what follows is not read yet.
                        None if self.eof => {
                            found = Some((at, at + 1));
                            break;
                        }
                        None => break,
                    },
                    _ => return Ok(Next::NotPlain), // a quote
                }
            }
            let (len, taken) = match found {
                Some(line) => line,
                None if self.eof => {
                    if unread.is_empty() {
                        return Ok(Next::End);
                    }
                    (unread.len(), unread.len())
                }
                None => {
                    if !self.fill()? {
                        return Ok(Next::NotPlain); // a line longer than a block
                    }
                    continue;
                }
            };
            let (from, line) = (self.start, self.line);
            self.line += 1;
            self.start += taken;
            if len > 0 {
                ends.push(len);
                return Ok(Next::Line(line, &self.buf[from..from + len]));
            }
        }
    }

    /// Moves the unread bytes to the front and reads more behind them; false when the buffer
    /// holds only unread bytes already (a line longer than a block).
    fn fill(&mut self) -> io::Result<bool> {
        if self.start == 0 && self.end == self.buf.len() {
            return Ok(false);
        }
        self.buf.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        while self.end < self.buf.len() {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(true)
    }

    /// The stream from the start of the line [`Self::next`] did not take, and that line's
    /// number.
    pub fn rest(self) -> (impl Read, u64) {
        let mut unread = io::Cursor::new(self.buf);
        unread.set_position(self.start as u64);
        let unread = Read::take(unread, (self.end - self.start) as u64);
        (unread.chain(self.inner), self.line)
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
                    assert_eq!(ends.len(), l.iter().filter(|&&b| b == b',').count() + 1);
                    got.push((n, String::from_utf8_lossy(l).to_string()))
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
    fn fields_split_at_every_delimiter() {
        let mut lines = PlainLines::new(b"a,,bc,\r\n".to_vec(), 0, &b""[..], b',');
        let mut ends = Vec::new();
        assert!(matches!(
            lines.next(&mut ends).unwrap(),
            Next::Line(1, b"a,,bc,")
        ));
        let fields: Vec<_> = (0..5)
            .map(|i| bounds(&ends, i).map(|r| &"a,,bc,"[r]))
            .collect();
        assert_eq!(fields, [Some("a"), Some(""), Some("bc"), Some(""), None]);
    }
}
