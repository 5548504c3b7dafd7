//! The dataset as JSON a slice of figures at a time. A workbook of thousands
//! of measures holds hundreds of thousands of figures; written or read as one
//! JSON string on the page, that is one task of seconds. In slices, the page
//! yields between them and stays responsive. The JSON is the same as serde's
//! for the whole dataset, so what is kept reads back either way.

use super::{Dataset, Observation};

/// Figures per slice: a few milliseconds of work in the browser.
pub const FIGURES_PER_SLICE: usize = 2_000;

/// The start of the dataset's JSON: its figures are its first field.
const FIGURES_OPEN: &str = "{\"observations\":[";

/// The dataset with no figures: the part of its JSON written or read in one go.
pub(super) fn without_figures(data: &Dataset) -> Dataset {
    let Dataset {
        observations: _,
        tables,
        lookups,
        skipped_sheets,
        files,
        origin,
        lsoa_tallies,
        geography,
    } = data;
    Dataset {
        observations: Vec::new(),
        tables: tables.clone(),
        lookups: lookups.clone(),
        skipped_sheets: skipped_sheets.clone(),
        files: files.clone(),
        origin: *origin,
        lsoa_tallies: lsoa_tallies.clone(),
        geography: geography.clone(),
    }
}

/// A dataset split for passing between threads: everything but its figures as
/// one JSON object, and its figures as JSON arrays of up to `per_slice` each.
#[derive(Debug, Clone, PartialEq)]
pub struct SlicedJson {
    pub rest: String,
    pub figures: Vec<String>,
}

/// Splits `data` into its JSON without figures and its figures' JSON in slices.
pub fn to_sliced_json(data: &Dataset, per_slice: usize) -> Result<SlicedJson, String> {
    let rest = serde_json::to_string(&without_figures(data)).map_err(|e| e.to_string())?;
    let figures = data
        .observations
        .chunks(per_slice.max(1))
        .map(|slice| serde_json::to_string(slice).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SlicedJson { rest, figures })
}

/// `to_sliced_json` that frees each slice's figures once written, so the
/// figures and their JSON are never both held whole (the import worker's peak).
pub fn into_sliced_json(mut data: Dataset, per_slice: usize) -> Result<SlicedJson, String> {
    let observations = std::mem::take(&mut data.observations);
    let rest = serde_json::to_string(&data).map_err(|e| e.to_string())?;
    drop(data);
    let per_slice = per_slice.max(1);
    let mut figures = Vec::with_capacity(observations.len().div_ceil(per_slice));
    let mut left = observations.into_iter();
    loop {
        let slice: Vec<Observation> = left.by_ref().take(per_slice).collect();
        if slice.is_empty() {
            break;
        }
        figures.push(serde_json::to_string(&slice).map_err(|e| e.to_string())?);
    }
    Ok(SlicedJson { rest, figures })
}

/// Reads a `SlicedJson` back a slice at a time: `new` reads the rest, each
/// `add` one slice of figures, `finish` gives the dataset.
pub struct SlicedReader {
    data: Dataset,
}

impl SlicedReader {
    pub fn new(rest: &str) -> Result<SlicedReader, String> {
        let data: Dataset = serde_json::from_str(rest).map_err(|e| e.to_string())?;
        Ok(SlicedReader { data })
    }

    /// Room for `figures` more figures, made once while the list is small:
    /// grown by doubling, the last copies of tens of megabytes are each a
    /// long task on the page.
    pub fn reserve(&mut self, figures: usize) {
        self.data.observations.reserve(figures);
    }

    /// Reads one slice of figures (a JSON array of them).
    pub fn add(&mut self, slice: &str) -> Result<(), String> {
        let figures: Vec<Observation> = serde_json::from_str(slice).map_err(|e| e.to_string())?;
        self.data.observations.extend(figures);
        Ok(())
    }

    pub fn finish(self) -> Dataset {
        self.data
    }
}

/// Writes the whole dataset's JSON (exactly serde's) a slice of figures at a
/// time: `step` until it says done, then `finish`.
pub struct JsonWriter<'a> {
    figures: std::slice::Chunks<'a, Observation>,
    /// How many figures there are, and how many are written.
    total: usize,
    written: usize,
    /// What follows the figures' `]`: the rest of the object.
    tail: String,
    out: String,
    first: bool,
}

impl<'a> JsonWriter<'a> {
    pub fn new(data: &'a Dataset, per_slice: usize) -> Result<JsonWriter<'a>, String> {
        let rest = serde_json::to_string(&without_figures(data)).map_err(|e| e.to_string())?;
        // `{"observations":[],"tables":…}`: the figures go between the brackets.
        let tail = rest
            .strip_prefix(FIGURES_OPEN)
            .and_then(|r| r.strip_prefix(']'))
            .ok_or_else(|| "the data's JSON does not start with its figures".to_string())?
            .to_string();
        Ok(JsonWriter {
            figures: data.observations.chunks(per_slice.max(1)),
            total: data.observations.len(),
            written: 0,
            tail,
            out: String::from(FIGURES_OPEN),
            first: true,
        })
    }

    /// Writes the next slice of figures; `Ok(true)` once none is left.
    pub fn step(&mut self) -> Result<bool, String> {
        let Some(slice) = self.figures.next() else {
            return Ok(true);
        };
        for figure in slice {
            if !self.first {
                self.out.push(',');
            }
            self.first = false;
            let json = serde_json::to_string(figure).map_err(|e| e.to_string())?;
            self.out.push_str(&json);
        }
        if self.written == 0 && !slice.is_empty() {
            // Room for the rest at the first slice's bytes a figure, with a
            // tenth to spare: grown by doubling, the last copies of tens of
            // megabytes were each a long task (300 ms at 390,000 figures).
            let per_figure = self.out.len() / slice.len();
            let rest = (self.total - slice.len()).saturating_mul(per_figure);
            self.out.reserve(
                rest.saturating_add(rest / 10)
                    .saturating_add(self.tail.len()),
            );
        }
        self.written += slice.len();
        Ok(self.figures.len() == 0)
    }

    pub fn finish(mut self) -> Result<String, String> {
        while !self.step()? {}
        self.out.push(']');
        self.out.push_str(&self.tail);
        Ok(self.out)
    }
}

/// Reads the whole dataset's JSON, as `JsonWriter` or serde writes it, a slice
/// of figures at a time: `new`, then `step` until it says done, then `finish`.
/// Read in one go, the JSON of hundreds of thousands of figures is one task of
/// a second or more on the page (the data kept in the browser, read back on
/// every visit). The dataset is the one `serde_json::from_slice` gives, and an
/// error comes wherever that would fail (in other words: the caller asks serde
/// for its own words then). JSON that does not begin with its figures (written
/// by hand, or pretty-printed) is read in one go by `finish`.
pub struct JsonReader<'a> {
    json: &'a [u8],
    /// Where the next figure starts; past the figures' `]` once `done`.
    at: usize,
    figures: Vec<Observation>,
    /// Whether room for every figure has been made (after the first step).
    reserved: bool,
    done: bool,
    /// The JSON does not begin with its figures: read whole by `finish`.
    whole: bool,
}

impl<'a> JsonReader<'a> {
    pub fn new(json: &'a [u8]) -> JsonReader<'a> {
        let whole = !json.starts_with(FIGURES_OPEN.as_bytes());
        let mut reader = JsonReader {
            json,
            at: FIGURES_OPEN.len(),
            figures: Vec::new(),
            reserved: false,
            done: whole,
            whole,
        };
        if !whole {
            reader.skip_whitespace();
            if reader.json.get(reader.at) == Some(&b']') {
                reader.at += 1;
                reader.done = true;
            }
        }
        reader
    }

    fn skip_whitespace(&mut self) {
        while self
            .json
            .get(self.at)
            .is_some_and(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
        {
            self.at += 1;
        }
    }

    /// Reads up to `count` more figures; `Ok(true)` once the last is read.
    pub fn step(&mut self, count: usize) -> Result<bool, String> {
        for _ in 0..count {
            if self.done {
                break;
            }
            let rest = &self.json[self.at..];
            let mut stream = serde_json::Deserializer::from_slice(rest).into_iter::<Observation>();
            match stream.next() {
                Some(Ok(figure)) => self.figures.push(figure),
                Some(Err(e)) => return Err(e.to_string()),
                None => return Err("the figures are cut short".to_string()),
            }
            self.at += stream.byte_offset();
            self.skip_whitespace();
            match self.json.get(self.at) {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    self.done = true;
                }
                _ => return Err("the figures are not a JSON list".to_string()),
            }
        }
        if !self.reserved && !self.figures.is_empty() {
            // Room for the rest at the bytes a figure read so far, with a tenth
            // to spare, while the list is small: grown by doubling, the last
            // copies of tens of megabytes were each a long task on the page.
            self.reserved = true;
            let per_figure = ((self.at - FIGURES_OPEN.len()) / self.figures.len()).max(1);
            let rest = (self.json.len() - self.at) / per_figure;
            self.figures.reserve(rest.saturating_add(rest / 10));
        }
        Ok(self.done)
    }

    /// (bytes read, of all), for a progress line.
    pub fn progress(&self) -> (usize, usize) {
        (self.at.min(self.json.len()), self.json.len())
    }

    /// The dataset, once any figures not yet stepped through are read.
    pub fn finish(mut self) -> Result<Dataset, String> {
        if self.whole {
            return serde_json::from_slice(self.json).map_err(|e| e.to_string());
        }
        while !self.step(usize::MAX)? {}
        // The rest of the object, with no figures, read as the dataset it begins.
        let tail = &self.json[self.at..];
        let mut rest = Vec::with_capacity(FIGURES_OPEN.len() + 1 + tail.len());
        rest.extend_from_slice(FIGURES_OPEN.as_bytes());
        rest.push(b']');
        rest.extend_from_slice(tail);
        let mut data: Dataset = serde_json::from_slice(&rest).map_err(|e| e.to_string())?;
        data.observations = self.figures;
        Ok(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::{AreaLevel, MissingReason, Provenance, Unit, Value};
    use crate::core::period::Period;

    fn figure(measure: &str, n: usize) -> Observation {
        Observation {
            measure: measure.to_string(),
            category: n.is_multiple_of(3).then(|| "Part \"quoted\"".to_string()),
            area: format!("Area {}", n % 7),
            area_level: AreaLevel::District,
            period: Period::calendar_year(2015 + (n % 3) as i32),
            value: if n % 5 == 4 {
                Value::Missing(MissingReason::Suppressed("..".to_string()))
            } else {
                Value::Number(n as f64 * 1.5)
            },
            unit: Unit::Count,
            source: Provenance {
                file: "wide.csv".to_string(),
                sheet: "CSV".to_string(),
                cell: format!("C{n}"),
            },
        }
    }

    fn dataset(figures: usize) -> Dataset {
        Dataset {
            observations: (0..figures)
                .map(|n| figure(&format!("Thefts {}", n % 11), n))
                .collect(),
            ..Dataset::default()
        }
    }

    #[test]
    fn written_in_slices_it_is_serdes_json_exactly() {
        for figures in [0, 1, 5, 6, 17] {
            let data = dataset(figures);
            let mut writer = JsonWriter::new(&data, 5).expect("writer");
            let mut steps = 0;
            while !writer.step().expect("a slice") {
                steps += 1;
            }
            assert!(steps <= figures / 5 + 1);
            let json = writer.finish().expect("json");
            assert_eq!(
                json,
                serde_json::to_string(&data).expect("serde"),
                "{figures} figures"
            );
        }
    }

    #[test]
    fn split_and_read_back_a_slice_at_a_time_it_is_the_same_dataset() {
        for figures in [0, 4, 5, 23] {
            let data = dataset(figures);
            let sliced = to_sliced_json(&data, 5).expect("sliced");
            assert_eq!(sliced.figures.len(), figures.div_ceil(5));
            let mut reader = SlicedReader::new(&sliced.rest).expect("rest");
            for slice in &sliced.figures {
                reader.add(slice).expect("a slice");
            }
            assert_eq!(reader.finish(), data);
            // Freeing each slice's figures as it goes writes the same.
            assert_eq!(into_sliced_json(data, 5).expect("sliced"), sliced);
        }
    }

    /// Read back a few figures a step, as the page reads what it kept.
    fn read_in_steps(json: &[u8], per_step: usize) -> Result<Dataset, String> {
        let mut reader = JsonReader::new(json);
        while !reader.step(per_step)? {}
        reader.finish()
    }

    #[test]
    fn read_a_slice_at_a_time_it_is_what_serde_reads() {
        for figures in [0, 1, 5, 6, 17] {
            let mut data = dataset(figures);
            data.files.push(crate::core::dataset::SourceFile {
                name: "wide.csv".into(),
                original: "wide.csv".into(),
                content: "abc".into(),
            });
            data.geography = Some("slice".into());
            let json = serde_json::to_string(&data).expect("serde");
            for per_step in [1, 2, 5, 100] {
                assert_eq!(read_in_steps(json.as_bytes(), per_step), Ok(data.clone()));
            }
            // Finished without stepping, or written with spaces serde would accept.
            assert_eq!(JsonReader::new(json.as_bytes()).finish(), Ok(data.clone()));
            let pretty = serde_json::to_string_pretty(&data).expect("serde");
            assert_eq!(read_in_steps(pretty.as_bytes(), 2), Ok(data.clone()));
            let spaced = json.replace("},{\"measure\"", "} ,\n {\"measure\"");
            assert_eq!(read_in_steps(spaced.as_bytes(), 3), Ok(data));
        }
    }

    #[test]
    fn read_in_slices_damaged_json_fails_wherever_serde_fails() {
        let json = serde_json::to_string(&dataset(6)).expect("serde");
        // Cut anywhere, or with a byte changed: an error exactly when serde has one.
        for cut in 0..json.len() {
            let short = &json.as_bytes()[..cut];
            assert!(read_in_steps(short, 2).is_err(), "cut at {cut}");
        }
        for at in 0..json.len() {
            for byte in [b',', b']', b'}', b'x', b' '] {
                let mut changed = json.clone().into_bytes();
                changed[at] = byte;
                let serde = serde_json::from_slice::<Dataset>(&changed).ok();
                assert_eq!(
                    read_in_steps(&changed, 2).ok(),
                    serde,
                    "byte {at} made {}",
                    byte as char
                );
            }
        }
        assert!(read_in_steps(b"", 2).is_err());
        assert!(read_in_steps(b"{\"observations\":[],\"tables\":[]", 2).is_err());
    }

    #[test]
    fn a_damaged_slice_is_an_error_not_a_panic() {
        let sliced = to_sliced_json(&dataset(3), 5).expect("sliced");
        let mut reader = SlicedReader::new(&sliced.rest).expect("rest");
        assert!(reader.add(&sliced.figures[0][..10]).is_err());
        assert!(reader.add("{}").is_err());
        assert!(SlicedReader::new("{").is_err());
    }
}
