//! A table of figures as a spreadsheet: CSV (for anything) and `.xlsx` (for
//! Excel and LibreOffice, with a bold, frozen header row and real numbers).
//!
//! Numbers stay numbers: a cell that is a plain number as the table writes it
//! ("1,319", "12.5", "−66", and a change with its sign, "+42") is written as the
//! number itself — in the CSV as a spreadsheet reads it ("1319", "-66", "42"),
//! in the workbook as a number cell whose format shows it as written (thousands
//! separators, decimals, a "+" on a rise: `+#,##0;-#,##0;#,##0`).
//!
//! Everything else is text, and text a spreadsheet could take for a formula is
//! neutralised: when its first visible character is `=`, `+`, `-` or `@` (or
//! their full-width and small forms, which some spreadsheets read the same), or
//! it starts with a tab or carriage return, it is written with a leading `'`,
//! so a partner's hostile cell stays text. Invisible characters in front (a
//! zero-width space, a byte order mark, spaces) do not hide a formula.

use super::common::{strip_controls, xml_attr, xml_text};
use crate::core::zip_writer::zip_parts;

/// The characters a spreadsheet may read as the start of a formula, when they
/// are the first visible character of a cell.
const FORMULA_STARTS: [char; 12] = [
    '=', '+', '-', '@', // ASCII
    '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}', // full-width ＝ ＋ － ＠
    '\u{FE66}', '\u{FE62}', '\u{FE63}', // small ﹦ ﹢ ﹣
    '\u{2795}', // heavy plus sign ➕
];

/// Control characters that start a formula or a new command in some readers,
/// wherever they stand at the start of a cell.
const CONTROL_STARTS: [char; 2] = ['\t', '\r'];

/// Characters a reader shows as nothing, or trims, in front of a cell's text.
fn is_invisible_lead(c: char) -> bool {
    matches!(
        c,
        ' ' | '\n'
            | '\u{00A0}' // no-break space
            | '\u{00AD}' // soft hyphen
            | '\u{034F}' // combining grapheme joiner
            | '\u{180E}' // Mongolian vowel separator
            | '\u{2000}'..='\u{200F}' // spaces of every width, zero-width space and joiners, direction marks
            | '\u{2028}'..='\u{202F}' // separators, embedding controls, narrow no-break space
            | '\u{205F}'..='\u{206F}' // medium space, word joiner, invisible operators
            | '\u{3000}' // ideographic space
            | '\u{FEFF}' // byte order mark, zero-width no-break space
    )
}

/// Whether a spreadsheet could take `cell` for a formula.
fn could_run_as_formula(cell: &str) -> bool {
    if cell.starts_with(CONTROL_STARTS) {
        return true;
    }
    cell.chars()
        .find(|&c| !is_invisible_lead(c))
        .is_some_and(|c| FORMULA_STARTS.contains(&c) || CONTROL_STARTS.contains(&c))
}

/// `cell` with a leading `'` when a spreadsheet could take it for a formula
/// (see the module's notes); otherwise unchanged. This knows nothing of
/// numbers: callers write plain numbers as numbers first.
pub fn neutralise(cell: &str) -> String {
    if could_run_as_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// A plain number as a table of figures writes it.
#[derive(Clone, Debug, PartialEq)]
struct PlainNumber {
    /// As a spreadsheet reads it: "-1319.5".
    value: String,
    /// How it was written, so the workbook can show it the same way.
    format: NumberFormat,
}

/// How a number was written: with thousands separators, with a "+" on a rise,
/// with this many decimal places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct NumberFormat {
    grouped: bool,
    plus: bool,
    decimals: usize,
}

impl NumberFormat {
    /// The spreadsheet format code that shows the number as it was written, or
    /// `None` when the General format already does (a whole number, no sign).
    fn code(self) -> Option<String> {
        if !self.grouped && !self.plus && self.decimals == 0 {
            return None;
        }
        let whole = if self.grouped { "#,##0" } else { "0" };
        let body = if self.decimals > 0 {
            format!("{whole}.{}", "0".repeat(self.decimals))
        } else {
            whole.to_string()
        };
        Some(if self.plus {
            // Rises with "+", falls with "-", no change as a bare 0.
            format!("+{body};-{body};{body}")
        } else {
            body
        })
    }
}

/// A plain number as written in a table of figures: an optional sign (`+`, `-`
/// or the typographic `−`), digits (grouped by commas in threes, or not), and
/// an optional decimal part. "1319", "1,319", "12.5", "-45", "−66" and "+42"
/// are; "18%", "1,31", "007", "1e5", "+-1" and " 12" are not.
fn plain_number(text: &str) -> Option<PlainNumber> {
    let (negative, plus, rest) = if let Some(rest) = text.strip_prefix('-') {
        (true, false, rest)
    } else if let Some(rest) = text.strip_prefix('\u{2212}') {
        (true, false, rest)
    } else if let Some(rest) = text.strip_prefix('+') {
        (false, true, rest)
    } else {
        (false, false, text)
    };
    let (integer, fraction) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    if let Some(f) = fraction {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let groups: Vec<&str> = integer.split(',').collect();
    let grouped = groups.len() > 1;
    let first = groups[0];
    if first.is_empty()
        || !first.bytes().all(|b| b.is_ascii_digit())
        || (grouped && first.len() > 3)
        || (first.len() > 1 && first.starts_with('0'))
        || (grouped && first == "0")
    {
        return None;
    }
    if !groups[1..]
        .iter()
        .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let digits: String = groups.concat();
    // Beyond 15 significant digits a spreadsheet would round it: an identifier, not a figure.
    let significant = digits.trim_start_matches('0').len() + fraction.map_or(0, str::len);
    if significant > 15 {
        return None;
    }
    let mut value = String::new();
    if negative {
        value.push('-');
    }
    value.push_str(&digits);
    if let Some(f) = fraction {
        value.push('.');
        value.push_str(f);
    }
    Some(PlainNumber {
        value,
        format: NumberFormat {
            grouped,
            plus,
            decimals: fraction.map_or(0, str::len),
        },
    })
}

/// A cell's text without control characters other than tab, CR and LF.
fn clean_cell(cell: &str) -> String {
    strip_controls(cell)
}

/// The figures as CSV: UTF-8 with a byte order mark (so Excel reads the
/// encoding right), CRLF line ends, RFC 4180 quoting, plain numbers as a
/// spreadsheet reads them ("+42" as 42, "1,319" as 1319, "−66" as -66) and
/// formula injection neutralised.
pub fn to_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{FEFF}");
    for (r, row) in std::iter::once(header)
        .chain(rows.iter().map(Vec::as_slice))
        .enumerate()
    {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| {
                let cell = clean_cell(cell);
                // The header is names, never figures, as in the workbook.
                let number = if r == 0 { None } else { plain_number(&cell) };
                let cell = match number {
                    Some(number) => number.value,
                    None => neutralise(&cell),
                };
                csv_field(&cell)
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A CSV field, quoted when it holds a comma, quote, line break or (so
/// nothing trims it) leading or trailing space.
fn csv_field(cell: &str) -> String {
    let quote = cell.contains([',', '"', '\r', '\n'])
        || cell.starts_with([' ', '\t'])
        || cell.ends_with([' ', '\t']);
    if quote {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_string()
    }
}

/// A worksheet name Excel accepts: none of `: \ / ? * [ ]`, not starting or
/// ending with `'`, 1 to 31 characters.
fn sheet_name(name: &str) -> String {
    let cleaned: String = strip_controls(name)
        .chars()
        .map(|c| match c {
            ':' | '\\' | '/' | '?' | '*' | '[' | ']' | '\t' | '\r' | '\n' => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let short: String = cleaned.chars().take(31).collect();
    let short = short.trim_end().trim_end_matches('\'').to_string();
    if short.is_empty() || short.eq_ignore_ascii_case("history") {
        "Figures".to_string()
    } else {
        short
    }
}

/// A column's letters from its index (0 is A, 26 is AA).
fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Cell style indexes in `xl/styles.xml`: 0 the default, 1 the bold header;
/// after them one style per number format the sheet uses.
const STYLE_HEADER: usize = 1;
const FIRST_NUMBER_STYLE: usize = 2;
/// Custom number formats are numbered from 164; lower ids are built in.
const FIRST_CUSTOM_FORMAT: usize = 164;

/// The number formats a sheet uses, each once, in first-use order.
#[derive(Default)]
struct NumberFormats {
    codes: Vec<String>,
}

impl NumberFormats {
    /// The cell style showing numbers in `format`, or `None` for the default.
    fn style(&mut self, format: NumberFormat) -> Option<usize> {
        let code = format.code()?;
        let i = match self.codes.iter().position(|c| *c == code) {
            Some(i) => i,
            None => {
                self.codes.push(code);
                self.codes.len() - 1
            }
        };
        Some(FIRST_NUMBER_STYLE + i)
    }

    /// `xl/styles.xml`: Arial 11, a bold font for the header, and a cell style
    /// per number format.
    fn styles_xml(&self) -> String {
        let num_fmts = if self.codes.is_empty() {
            String::new()
        } else {
            let each: String = self
                .codes
                .iter()
                .enumerate()
                .map(|(i, code)| {
                    format!(
                        "<numFmt numFmtId=\"{}\" formatCode=\"{}\"/>",
                        FIRST_CUSTOM_FORMAT + i,
                        xml_attr(code)
                    )
                })
                .collect();
            format!("<numFmts count=\"{}\">{each}</numFmts>", self.codes.len())
        };
        let number_xfs: String = (0..self.codes.len())
            .map(|i| {
                format!(
                    "<xf numFmtId=\"{}\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
                    FIRST_CUSTOM_FORMAT + i
                )
            })
            .collect();
        format!(
            "{XML_DECL}<styleSheet xmlns=\"{MAIN_NS}\">{num_fmts}\
             <fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Arial\"/><family val=\"2\"/></font>\
             <font><b/><sz val=\"11\"/><name val=\"Arial\"/><family val=\"2\"/></font></fonts>\
             <fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
             <borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
             <cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
             <cellXfs count=\"{}\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
             <xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>{number_xfs}</cellXfs>\
             <cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
             </styleSheet>",
            FIRST_NUMBER_STYLE + self.codes.len()
        )
    }
}

/// The figures as an `.xlsx` workbook of one worksheet named `sheet_name`
/// (made acceptable to Excel): a bold header row, frozen; cells that are plain
/// numbers as numbers, shown as the table wrote them (thousands separators,
/// decimals, a "+" on a rise); other text as shared strings, formula injection
/// neutralised.
pub fn to_xlsx(
    sheet_name: &str,
    header: &[String],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, String> {
    zip_parts(&xlsx_parts(sheet_name, header, rows))
}

/// The parts of that workbook's zip (name, bytes), in order, not yet compressed:
/// the page deflates them in the browser (`zip_writer::zip_deflated`).
pub fn xlsx_parts(
    sheet_name: &str,
    header: &[String],
    rows: &[Vec<String>],
) -> Vec<(String, Vec<u8>)> {
    let name = self::sheet_name(sheet_name);
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    let row_count = rows.len() + 1;
    let mut strings = SharedStrings::default();
    let mut formats = NumberFormats::default();
    let mut widths = vec![8usize; columns];

    let mut data = String::new();
    for (r, row) in std::iter::once(header)
        .chain(rows.iter().map(Vec::as_slice))
        .enumerate()
    {
        data.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in row.iter().enumerate() {
            let cell = clean_cell(cell);
            if cell.is_empty() {
                continue;
            }
            let reference = format!("{}{}", column_letters(c), r + 1);
            widths[c] = widths[c].max(cell.chars().count().min(60) + 2);
            let number = if r == 0 { None } else { plain_number(&cell) };
            match number {
                Some(PlainNumber { value, format }) => {
                    let style = formats
                        .style(format)
                        .map(|s| format!(" s=\"{s}\""))
                        .unwrap_or_default();
                    data.push_str(&format!(
                        "<c r=\"{reference}\"{style} t=\"n\"><v>{value}</v></c>"
                    ));
                }
                None => {
                    let index = strings.index(neutralise(&cell));
                    let style = if r == 0 {
                        format!(" s=\"{STYLE_HEADER}\"")
                    } else {
                        String::new()
                    };
                    data.push_str(&format!(
                        "<c r=\"{reference}\"{style} t=\"s\"><v>{index}</v></c>"
                    ));
                }
            }
        }
        data.push_str("</row>");
    }

    let dimension = if columns == 0 {
        "A1".to_string()
    } else {
        format!("A1:{}{}", column_letters(columns - 1), row_count)
    };
    let cols: String = if columns == 0 {
        String::new()
    } else {
        let each: String = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                format!(
                    "<col min=\"{n}\" max=\"{n}\" width=\"{w}\" customWidth=\"1\"/>",
                    n = i + 1
                )
            })
            .collect();
        format!("<cols>{each}</cols>")
    };
    let sheet = format!(
        "{XML_DECL}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{R_NS}\">\
         <dimension ref=\"{dimension}\"/>\
         <sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">\
         <pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>\
         <selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>\
         <sheetFormatPr defaultRowHeight=\"15\"/>{cols}<sheetData>{data}</sheetData>\
         <pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>\
         </worksheet>"
    );
    let workbook = format!(
        "{XML_DECL}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{R_NS}\">\
         <bookViews><workbookView activeTab=\"0\"/></bookViews>\
         <sheets><sheet name=\"{}\" sheetId=\"1\" r:id=\"rId1\"/></sheets>\
         <definedNames><definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'{}'!$1:$1</definedName></definedNames>\
         </workbook>",
        xml_attr(&name),
        xml_text(&name.replace('\'', "''"))
    );
    vec![
        ("[Content_Types].xml".into(), XLSX_CONTENT_TYPES.into()),
        ("_rels/.rels".into(), XLSX_PACKAGE_RELS.into()),
        ("docProps/core.xml".into(), xlsx_core(&name).into_bytes()),
        ("docProps/app.xml".into(), XLSX_APP.into()),
        ("xl/workbook.xml".into(), workbook.into_bytes()),
        (
            "xl/_rels/workbook.xml.rels".into(),
            XLSX_WORKBOOK_RELS.into(),
        ),
        ("xl/worksheets/sheet1.xml".into(), sheet.into_bytes()),
        ("xl/styles.xml".into(), formats.styles_xml().into_bytes()),
        ("xl/sharedStrings.xml".into(), strings.xml().into_bytes()),
    ]
}

/// The shared strings table: each distinct text once, in first-use order.
#[derive(Default)]
struct SharedStrings {
    list: Vec<String>,
    index: std::collections::HashMap<String, usize>,
    uses: usize,
}

impl SharedStrings {
    fn index(&mut self, text: String) -> usize {
        self.uses += 1;
        if let Some(&i) = self.index.get(&text) {
            return i;
        }
        let i = self.list.len();
        self.index.insert(text.clone(), i);
        self.list.push(text);
        i
    }

    fn xml(&self) -> String {
        let items: String = self
            .list
            .iter()
            .map(|s| format!("<si><t xml:space=\"preserve\">{}</t></si>", xml_text(s)))
            .collect();
        format!(
            "{XML_DECL}<sst xmlns=\"{MAIN_NS}\" count=\"{}\" uniqueCount=\"{}\">{items}</sst>",
            self.uses,
            self.list.len()
        )
    }
}

const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const XLSX_CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const XLSX_PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const XLSX_WORKBOOK_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>\
</Relationships>";

const XLSX_APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>CSP Workbench</Application><DocSecurity>0</DocSecurity></Properties>";

fn xlsx_core(title: &str) -> String {
    format!(
        "{XML_DECL}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>CSP Workbench</dc:creator>\
         <dc:language>en-GB</dc:language></cp:coreProperties>",
        xml_text(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formula_starts() {
        for (cell, expected) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "'\rcmd"),
            ("Tunbridge Wells", "Tunbridge Wells"),
            ("1,319", "1,319"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn invisible_characters_and_full_width_forms_do_not_hide_a_formula() {
        for cell in [
            "\u{200B}=1+1",
            "\u{FEFF}=1+1",
            "\u{200B}\u{FEFF} @SUM(A1)",
            " =1+1",
            "\u{00A0}+cmd",
            "\u{2060}-2+3",
            "\u{3000}=1",
            "\n=1+1",
            "\u{FF1D}1+1",
            "\u{FF0B}1",
            "\u{FF0D}1",
            "\u{FF20}SUM(A1)",
            "\u{200B}\u{FF1D}1+1",
            "\u{FE66}1",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["\u{200B}Kent", "Kent \u{FF1D} Medway", "\u{FEFF}2015/16"] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }

    fn number(value: &str, grouped: bool, plus: bool, decimals: usize) -> Option<PlainNumber> {
        Some(PlainNumber {
            value: value.into(),
            format: NumberFormat {
                grouped,
                plus,
                decimals,
            },
        })
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(plain_number("1319"), number("1319", false, false, 0));
        assert_eq!(plain_number("1,319"), number("1319", true, false, 0));
        assert_eq!(
            plain_number("1,234,567.25"),
            number("1234567.25", true, false, 2)
        );
        assert_eq!(plain_number("12.5"), number("12.5", false, false, 1));
        assert_eq!(plain_number("-45"), number("-45", false, false, 0));
        assert_eq!(plain_number("\u{2212}66"), number("-66", false, false, 0));
        assert_eq!(plain_number("0.8"), number("0.8", false, false, 1));
        assert_eq!(plain_number("0"), number("0", false, false, 0));
        // A rise keeps its sign in the format, not in the value.
        assert_eq!(plain_number("+42"), number("42", false, true, 0));
        assert_eq!(plain_number("+1,319"), number("1319", true, true, 0));
        assert_eq!(plain_number("+0.8"), number("0.8", false, true, 1));
        for text in [
            "",
            "-",
            "+",
            "+-1",
            "-+1",
            "++1",
            "+1+1",
            "18%",
            "+18%",
            "\u{2212}18%",
            "1,31",
            "1,3190",
            "1234,567",
            "007",
            "+007",
            "1e5",
            " 12",
            " +12",
            "12 ",
            "12.",
            ".5",
            "1.2.3",
            "-2+3",
            "0,123",
            "1234567890123456",
            "\u{FF0B}42",
            "\u{200B}42",
        ] {
            assert_eq!(plain_number(text), None, "{text:?}");
        }
    }

    #[test]
    fn number_formats_show_numbers_as_written() {
        let code = |text: &str| plain_number(text).unwrap().format.code();
        assert_eq!(code("1319"), None);
        assert_eq!(code("1,319"), Some("#,##0".into()));
        assert_eq!(code("12.50"), Some("0.00".into()));
        assert_eq!(code("+42"), Some("+0;-0;0".into()));
        assert_eq!(code("+1,319"), Some("+#,##0;-#,##0;#,##0".into()));
        assert_eq!(code("+0.8"), Some("+0.0;-0.0;0.0".into()));
    }

    #[test]
    fn columns_and_sheet_names() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
        assert_eq!(
            sheet_name("Crime: 2016/17 [draft]?"),
            "Crime  2016 17  draft"
        );
        assert_eq!(sheet_name("'quoted'"), "quoted");
        assert_eq!(sheet_name(""), "Figures");
        assert_eq!(sheet_name("History"), "Figures");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(csv_field("a"), "a");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("a\nb"), "\"a\nb\"");
        assert_eq!(csv_field(" a"), "\" a\"");
    }
}
