//! Reads measurements kept in an Excel workbook (`.xlsx`, `.xlsm`) with the calamine crate. Every
//! sheet whose first non-empty row holds the `indicator`, `period` and `value` columns is read
//! like a CSV file, with the same checks; other sheets (notes, pivot tables) are skipped with a
//! warning, so that nothing goes unread unnoticed. Locations read `file.xlsx[Sheet]:row:column`.
//! Numeric cells are numbers already; text cells are read by the rules of [`super::number`].

use super::measurements::{Cell, Columns, RowReader, PERIOD, VALUE};
use crate::diagnostic::Diagnostic;
use crate::error::Location;
use calamine::{Data, Reader};

pub fn read(path: &std::path::Path, rows: &mut RowReader) {
    let mut workbook: calamine::Xlsx<_> = match calamine::open_workbook(path) {
        Ok(w) => w,
        Err(e) => {
            rows.out.diagnostics.push(Diagnostic::error(
                Location::file(path),
                format!("cannot be read as an Excel workbook ({e}); expected an .xlsx file saved by Excel"),
            ));
            return;
        }
    };
    let mut read_any = false;
    for name in workbook.sheet_names() {
        let at = |row: u64, col: Option<u64>| {
            let mut l = Location::at(path, row, col);
            l.sheet = Some(name.clone());
            l
        };
        let range = match workbook.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                rows.out.diagnostics.push(Diagnostic::error(
                    at(1, None),
                    format!("the sheet cannot be read: {e}"),
                ));
                continue;
            }
        };
        let Some((top, left)) = range.start() else {
            continue; // an empty sheet
        };
        // Number formats: a value cell formatted as a percentage holds the fraction.
        let styles = workbook.worksheet_style(&name).ok();
        let percent_at = |row: u32, col: u32| {
            styles
                .as_ref()
                .and_then(|s| s.get((row, col)))
                .and_then(|s| s.number_format.as_ref())
                .is_some_and(|f| is_percent_format(&f.format_code))
        };
        let mut lines = range
            .rows()
            .enumerate()
            .skip_while(|(_, r)| r.iter().all(|c| matches!(c, Data::Empty)));
        let Some((header_index, header)) = lines.next() else {
            continue;
        };
        let names: Vec<String> = header
            .iter()
            .map(|c| text_of(c).unwrap_or_default())
            .collect();
        let columns = match Columns::find(&names) {
            Ok(c) => c,
            Err(m) => {
                rows.out.diagnostics.push(Diagnostic::warning(
                    at(u64::from(top) + header_index as u64 + 1, None),
                    format!("sheet not read: {m}"),
                ));
                continue;
            }
        };
        read_any = true;
        rows.start_sheet(&name);
        rows.set_headers(&names, &columns);
        for (index, row) in lines {
            let line = u64::from(top) + index as u64 + 1;
            let mut owned: [Option<String>; 8] = Default::default();
            let mut cells = [(Cell::Text(""), 0u64); 8];
            let mut bad = None;
            for (i, col) in columns.positions().into_iter().enumerate() {
                let Some(c) = col else { continue };
                let physical = u64::from(left) + c as u64 + 1;
                cells[i].1 = physical;
                match row.get(c) {
                    None | Some(Data::Empty) => {}
                    Some(Data::Float(_) | Data::Int(_)) => {
                        let n = match row.get(c) {
                            Some(Data::Int(n)) => *n as f64,
                            Some(Data::Float(f)) => *f,
                            _ => unreachable!("matched above"),
                        };
                        let at_row = top + index as u32;
                        let at_col = left + c as u32;
                        cells[i].0 = if i == VALUE && percent_at(at_row, at_col) {
                            Cell::Percent(n)
                        } else {
                            Cell::Number(n)
                        };
                    }
                    Some(Data::DateTime(dt)) if dt.is_datetime() => {
                        // A period's date must be a day (elsewhere a date is refused as such).
                        if let Some(outside) =
                            (i == PERIOD).then(|| outside_workbook_days(dt)).flatten()
                        {
                            bad = Some((c, physical, outside));
                            break;
                        }
                        let (y, m, d, ..) = dt.to_ymd_hms_milli();
                        cells[i].0 = Cell::Date(i32::from(y), m, d);
                    }
                    Some(other) => match text_of(other) {
                        Some(t) => owned[i] = Some(t),
                        None => {
                            bad = Some((c, physical, format!("found the cell `{other}` (a date or an error), expected text or a number; enter periods as text such as 2018-07")));
                            break;
                        }
                    },
                }
            }
            if let Some((c, col, message)) = bad {
                rows.error(at(line, Some(col)).with_field(names[c].as_str()), message);
            } else {
                for (i, text) in owned.iter().enumerate() {
                    if let Some(t) = text {
                        cells[i].0 = Cell::Text(t);
                    }
                }
                rows.row(&cells, line, |col| at(line, Some(col)));
            }
            if rows.stopped() {
                return;
            }
        }
    }
    if !read_any {
        rows.out.diagnostics.push(Diagnostic::error(
            Location::file(rows.path()),
            "no sheet has a header row with indicator, period and value columns",
        ));
    }
}

/// Whether an Excel number format shows a percentage: a `%` outside quoted text and escapes
/// (`0%`, `0.00%`, `#,##0.0 %`; not `0 "%"` nor `0\%`).
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for ch in code.split(';').next().unwrap_or(code).chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// The text of a text-like cell; None for dates, durations and errors.
fn text_of(cell: &Data) -> Option<String> {
    match cell {
        Data::String(s) => Some(s.clone()),
        Data::Bool(b) => Some(b.to_string()),
        Data::Empty => Some(String::new()),
        Data::Float(f) => Some(f.to_string()),
        Data::Int(n) => Some(n.to_string()),
        Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) | Data::Error(_) => None,
    }
}

/// Why a date cell lies outside the days a workbook can hold, if it does (or holds a time
/// alone). calamine gives such a date as the nearest day it can (its epoch, or 9999-12-31),
/// which would then be reported as a year the cell does not hold; the serial number is what
/// the cell holds.
fn outside_workbook_days(date: &calamine::ExcelDateTime) -> Option<String> {
    let serial = date.as_f64();
    // The workbook's epoch is kept in each of its dates, and shown only by comparing.
    let epoch_1904 =
        *date == calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, true);
    // The serial number of 9999-12-31 from either epoch.
    let (first, last) = if epoch_1904 {
        ("1904-01-01", 2_957_003.0)
    } else {
        ("1900-01-01", 2_958_465.0)
    };
    if serial.is_nan() || serial < 0.0 {
        Some(format!("found a date before {first}, the first day of this workbook's dates (serial number {serial}); expected a date from that day on, or the period as text such as 2018-07"))
    } else if !epoch_1904 && serial < 1.0 {
        // Day 0 of 1900 is no day: a time typed alone (12:30) is held as a part of it.
        Some(format!("found a time without a date (serial number {serial}); expected a date, or the period as text such as 2018-07"))
    } else if serial.floor() > last {
        Some(format!("found a date after 9999-12-31, the last day a workbook holds (serial number {serial}); expected a date up to that day, or the period as text such as 2018-07"))
    } else {
        None
    }
}
