//! JSON: the stable contract for scripts. The whole [`Assessment`] as one object with `year`
//! and `indicators` (one object per indicator × series × area); key order is fixed by the
//! struct field order.

use super::Renderer;
use crate::assess::Assessment;
use std::io::Write;

pub struct Json;

impl Renderer for Json {
    fn render(&self, assessment: &Assessment, out: &mut dyn Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, assessment)?;
        out.write_all(b"\n")
    }
}
