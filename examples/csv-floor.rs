//! `cargo run --release --example csv-floor -- DIR`: the floor for loading a monitor's
//! measurements: the time the csv crate alone takes to parse every file in DIR/measurements
//! (byte records, no conversion), on one thread and split over the cores as ontrack does.
//! Also prints the in-memory size of the distinct series ontrack keeps (observations and series
//! keys), the yardstick for its peak memory.

use ontrack::model::{Observation, SeriesKey};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// indicator, series, area.
type SeriesId = (Vec<u8>, Vec<u8>, Vec<u8>);

fn parse(path: &Path) -> (u64, HashSet<SeriesId>, u64) {
    let mut reader = csv::ReaderBuilder::new()
        .buffer_capacity(256 * 1024)
        .from_path(path)
        .expect("a readable CSV file");
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut values) = (0, 0);
    let mut keys = HashSet::new();
    while reader.read_byte_record(&mut record).expect("valid CSV") {
        rows += 1;
        if !record[4].is_empty() {
            values += 1;
            keys.insert((record[0].to_vec(), record[1].to_vec(), record[2].to_vec()));
        }
    }
    (rows, keys, values)
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "national".into()));
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("measurements"))
        .expect("a measurements folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();

    // Floor: parsing only (the key set is built after timing, from a second pass).
    let start = Instant::now();
    let mut rows = 0u64;
    for f in &files {
        let mut reader = csv::ReaderBuilder::new()
            .buffer_capacity(256 * 1024)
            .from_path(f)
            .unwrap();
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).unwrap() {
            rows += 1;
        }
    }
    let one_thread = start.elapsed().as_secs_f64();

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let start = Instant::now();
    std::thread::scope(|s| {
        for chunk in files.chunks(files.len().div_ceil(threads).max(1)) {
            s.spawn(move || {
                for f in chunk {
                    let mut reader = csv::ReaderBuilder::new()
                        .buffer_capacity(256 * 1024)
                        .from_path(f)
                        .unwrap();
                    let mut record = csv::ByteRecord::new();
                    while reader.read_byte_record(&mut record).unwrap() {}
                }
            });
        }
    });
    let parallel = start.elapsed().as_secs_f64();

    let mut keys = HashSet::new();
    let mut values = 0;
    for f in &files {
        let (_, k, v) = parse(f);
        keys.extend(k);
        values += v;
    }
    let series_bytes = values as usize * std::mem::size_of::<Observation>()
        + keys.len() * (std::mem::size_of::<SeriesKey>() + std::mem::size_of::<Vec<Observation>>());
    println!("files {}", files.len());
    println!("rows {rows}");
    println!("observations {values}");
    println!("series {}", keys.len());
    println!("floor_1_thread_s {one_thread:.3}");
    println!("floor_{threads}_threads_s {parallel:.3}");
    println!("series_bytes {series_bytes}");
}
