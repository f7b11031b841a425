//! The integration tests, one binary: each module runs the real `ontrack` binary on fixture
//! folders, copies of the bundled monitor or generated monitors.

mod common;

mod accessible;
mod architecture;
mod cli;
mod conformance;
mod cycle;
mod files;
mod fixtures;
mod html;
mod messages;
mod method;
mod properties;
mod readme;
mod recompute;
mod report;
mod shell;
mod snapshots;
mod terminal;
