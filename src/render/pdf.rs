//! PDF report (in progress).
use super::Renderer;
use crate::assess::Assessment;
use crate::i18n::Lang;
use std::io::Write;

pub struct Pdf(pub Lang);

impl Renderer for Pdf {
    fn render(&self, _a: &Assessment, _out: &mut dyn Write) -> std::io::Result<()> {
        Err(std::io::Error::other("the PDF report is not built yet"))
    }
}
