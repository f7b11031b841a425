//! ontrack: how each indicator of a municipal policy plan stands against its baseline and its
//! target, as tables for people and scripts and as a PDF progress report.
//!
//! The flow is load → assess → render: [`load`] reads `indicators.toml` and `measurements/`
//! into a [`load::Dataset`], [`assess`] computes one [`assess::Assessment`], and every format in
//! [`render`] is a pure function of it.

// The library is there for the binary, its tests and benchmarks: its documentation is read with
// private items (`cargo doc --document-private-items`), to which public items' docs link.
#![allow(rustdoc::private_intra_doc_links)]

pub mod assess;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod conformance;
pub mod diagnostic;
pub mod error;
pub mod i18n;
pub mod load;
pub mod messages;
pub mod model;
pub mod monitor_dir;
pub mod number_format;
pub mod output;
mod parallel;
pub mod progress_bar;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod synthetic;
pub mod template;
pub mod visible;

pub use cmd::{run, Outcome};
