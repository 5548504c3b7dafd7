//! Nothing a user can drop may panic the import: a corpus of bad files, and
//! thousands of deterministic mutations of good ones, each give either data
//! or one sentence naming the file.

use csp_workbench::core::ingest::import_file;

const SAMPLE: &[u8] = include_bytes!("../public/sample/csp-sample-assessment.xlsx");

mod common;

fn real(name: &str) -> Vec<u8> {
    common::shared_file("real", name)
}

/// One sentence that names the file, ends with a full stop and has no line breaks.
fn assert_sentence(name: &str, sentence: &str) {
    assert!(
        sentence.starts_with(&format!("“{name}” could not be imported: ")),
        "{sentence}"
    );
    assert!(
        sentence.ends_with('.') && !sentence.contains('\n'),
        "{sentence}"
    );
}

#[test]
fn a_corpus_of_bad_files() {
    let mut truncated = SAMPLE.to_vec();
    truncated.truncate(SAMPLE.len() / 3);
    let ole_header_only = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.xlsx", Vec::new(), "the file is empty (0 bytes)"),
        (
            "noise.xlsx",
            (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect(),
            "not a spreadsheet",
        ),
        ("cut.xlsx", truncated, "damaged or protected"),
        (
            "old.xls",
            ole_header_only.to_vec(),
            "Excel 97–2003 (.xls) workbook but it is damaged",
        ),
        (
            "notes.csv",
            b"Just some notes\nwith no table\n".to_vec(),
            "no table of figures",
        ),
        (
            "page.xls",
            b"<html><body><p>No table here</p></body></html>".to_vec(),
            "web page with no table",
        ),
        (
            "image.png",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec(),
            "not a spreadsheet",
        ),
        (
            "zip.xlsx",
            b"PK\x05\x06".to_vec(),
            "zip archive but is damaged",
        ),
    ];
    for (name, bytes, expected) in cases {
        let sentence = import_file(name, &bytes).unwrap_err().to_string();
        assert_sentence(name, &sentence);
        assert!(sentence.contains(expected), "{name}: {sentence}");
    }
}

#[test]
fn a_password_protected_workbook_is_named_as_such() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    // The sample workbook encrypted with a password by msoffcrypto-tool, as Excel
    // saves one: a compound file holding EncryptionInfo and EncryptedPackage.
    let encrypted = include_bytes!("fixtures/password-protected.xlsx");
    for name in ["budget.xlsx", "budget.xls", "budget"] {
        let sentence = import_file(name, encrypted).unwrap_err().to_string();
        assert_sentence(name, &sentence);
        assert_eq!(
            sentence,
            format!("“{name}” could not be imported: it is password-protected (encrypted); save it without a password and drop it again.")
        );
    }
    // An ordinary Excel 97–2003 workbook is not mistaken for one.
    let sentence = import_file("old.xls", &real("rec-crime-1898-2002.xls"));
    assert!(sentence.is_ok(), "{sentence:?}");
}

#[test]
fn absurd_sizes_are_refused_before_anything_is_allocated() {
    // A sheet with one cell in A1 and one in the last cell Excel has.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "Area").unwrap();
    sheet.write_number(1_048_575, 16_383, 1.0).unwrap();
    let far_apart = workbook.save_to_buffer().unwrap();
    let sentence = import_file("far.xlsx", &far_apart).unwrap_err().to_string();
    assert_sentence("far.xlsx", &sentence);
    assert!(
        sentence.contains("spans 1,048,576 rows by 16,384 columns"),
        "{sentence}"
    );

    // A zip whose directory says a part inflates to 2 GB: a zip bomb, refused unread.
    let mut bomb = SAMPLE.to_vec();
    let central = bomb
        .windows(4)
        .position(|w| w == [0x50, 0x4b, 0x01, 0x02])
        .expect("a central directory entry");
    bomb[central + 24..central + 28].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    let sentence = import_file("bomb.xlsx", &bomb).unwrap_err().to_string();
    assert_sentence("bomb.xlsx", &sentence);
    assert!(sentence.contains("zip bomb"), "{sentence}");
}

#[test]
fn a_renamed_file_is_read_by_its_content() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    let as_csv = import_file("sample-renamed.csv", SAMPLE).unwrap();
    assert_eq!(as_csv.tables.len(), 8);
    let csv_as_xlsx =
        import_file("street.xlsx", &real("2019-01-city-of-london-street.csv")).unwrap();
    let force = csv_as_xlsx
        .observations
        .iter()
        .filter(|o| o.area_level == csp_workbench::core::areas::AreaLevel::Force);
    assert_eq!(force.count(), 15);
}

/// A small deterministic generator, so every run mutates the same way.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(bytes: &[u8], rng: &mut Lcg) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..1 + rng.below(8) {
        match rng.below(4) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = rng.next() as u8;
            }
            1 => {
                let at = rng.below(out.len() + 1);
                out.truncate(at);
            }
            2 => {
                let at = rng.below(out.len() + 1);
                let junk: Vec<u8> = (0..rng.below(64)).map(|_| rng.next() as u8).collect();
                out.splice(at..at, junk);
            }
            _ if out.len() > 2 => {
                let from = rng.below(out.len());
                let to = (from + rng.below(256)).min(out.len());
                out.drain(from..to);
            }
            _ => {}
        }
    }
    out
}

/// `MUTATION_ROUNDS=20 cargo test --release --test bad_files` explores longer by hand.
fn rounds_factor() -> usize {
    std::env::var("MUTATION_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
}

#[test]
fn mutated_files_never_panic() {
    let Some(_) = common::shared_data("real") else {
        return;
    };
    let seeds: Vec<(&str, Vec<u8>, usize)> = vec![
        ("sample.xlsx", SAMPLE.to_vec(), 300),
        (
            "street.csv",
            real("2019-01-city-of-london-street.csv")[..20_000].to_vec(),
            300,
        ),
        ("old.xls", real("rec-crime-1898-2002.xls"), 150),
        ("iopc.ods", real("Time_series_tables_2019-20.ods"), 100),
        (
            "force.ods",
            real("police-use-of-force-apr2017-mar2018-hosb3018-tables.ods"),
            100,
        ),
        (
            "guide.xlsx",
            real("dft-road-casualty-statistics-road-safety-open-dataset-data-guide-2024.xlsx"),
            100,
        ),
        (
            "page.xls",
            b"<table><tr><th>Area<th>2014/15<tr><td>Kent<td>1,319</table>".to_vec(),
            300,
        ),
    ];
    let mut rng = Lcg(2016);
    for (name, bytes, rounds) in seeds {
        for _ in 0..rounds * rounds_factor() {
            let mutated = mutate(&bytes, &mut rng);
            if let Err(e) = import_file(name, &mutated) {
                assert_sentence(name, &e.to_string());
            }
        }
    }
}
