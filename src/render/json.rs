//! JSON: the stable contract for scripts. Any document as one object whose key order is fixed
//! by the struct field order: an assessment (`table`: `year` and `indicators`, one row object
//! per indicator × series × area), one indicator in full (`show`: the same row objects plus
//! `computation`), a comparison (`compare`: `changes`, each with the two years' row objects
//! under `from` and `to`). Indented on a terminal or with `--pretty`, compact (one line) otherwise.

use super::{Renderer, Style};
use serde::Serialize;
use std::io::Write;

pub struct Json(pub Style);

impl<T: Serialize> Renderer<T> for Json {
    fn render(&self, document: &T, out: &mut dyn Write) -> std::io::Result<()> {
        // serde_json writes many small pieces: buffer them here, not through `dyn Write`.
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
        if self.0.indent {
            serde_json::to_writer_pretty(&mut buffered, document)?;
        } else {
            serde_json::to_writer(&mut buffered, document)?;
        }
        buffered.write_all(b"\n")?;
        buffered.flush()
    }
}
