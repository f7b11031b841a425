//! JSON: the stable contract for scripts. The whole [`Assessment`] as one object with `year`
//! and `indicators` (one object per indicator × series × area); key order is fixed by the
//! struct field order. Indented on a terminal, compact (one line) otherwise.

use super::{Renderer, Style};
use crate::assess::Assessment;
use std::io::Write;

pub struct Json(pub Style);

impl Renderer for Json {
    fn render(&self, assessment: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        // serde_json writes many small pieces: buffer them here, not through `dyn Write`.
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
        if self.0.terminal {
            serde_json::to_writer_pretty(&mut buffered, assessment)?;
        } else {
            serde_json::to_writer(&mut buffered, assessment)?;
        }
        buffered.write_all(b"\n")?;
        buffered.flush()
    }
}
