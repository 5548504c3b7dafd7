//! The exports: a Word file whose parts are well-formed XML with real headings,
//! lists, tables and pictures; Markdown and print HTML that user text cannot
//! break out of; CSV and .xlsx figures with formula injection neutralised (behind
//! invisible characters and full-width forms too) and numbers kept as numbers,
//! rises with their sign included. LibreOffice, when installed, opens the files too.

mod common;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use csp_workbench::core::export::{
    image_files, neutralise, to_csv, to_docx, to_markdown, to_print_html, to_xlsx, Block, Document,
    Run, PRINT_CSP,
};

/// A 1×1 PNG.
const PNG: [u8; 70] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f,
    0x0f, 0x00, 0x02, 0x87, 0x01, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Text meant to break out of whatever it is written into.
const HOSTILE: &str = "<script>alert('x')</script> & \"quoted\" \u{0}nul\u{1}ctl ]]> end";

fn s(text: &str) -> String {
    text.to_string()
}

fn plan() -> Document {
    Document {
        title: s("Tunbridge Wells Community Safety Partnership Plan 2016/17"),
        blocks: vec![
            Block::Heading {
                level: 1,
                text: s("Tunbridge Wells Community Safety Partnership Plan 2016/17"),
            },
            Block::Paragraph(vec![
                Run::plain("Crime fell by "),
                Run::bold("4.5%"),
                Run::plain(" over the year."),
            ]),
            Block::Heading {
                level: 2,
                text: s("Priorities"),
            },
            Block::Bullets(vec![
                vec![Run::plain("Domestic abuse")],
                vec![Run::bold("Anti-social"), Run::plain(" behaviour")],
            ]),
            Block::Heading {
                level: 3,
                text: s("Figures"),
            },
            Block::Table {
                caption: Some(s("Recorded crime by year")),
                header: vec![s("Measure"), s("2015/16"), s("2016/17")],
                rows: vec![
                    vec![s("All crime"), s("6,014"), s("5,745")],
                    vec![s("Burglary"), s("312"), s("298")],
                ],
            },
            Block::Image {
                png: PNG.to_vec(),
                width_px: 1200,
                height_px: 600,
                alt: s("Bar chart of recorded crime by district"),
            },
        ],
    }
}

fn hostile_plan() -> Document {
    Document {
        title: s(HOSTILE),
        blocks: vec![
            Block::Heading {
                level: 2,
                text: s(HOSTILE),
            },
            Block::Paragraph(vec![Run::plain(HOSTILE), Run::bold(HOSTILE)]),
            Block::Bullets(vec![vec![Run::plain(HOSTILE)]]),
            Block::Table {
                caption: Some(s(HOSTILE)),
                header: vec![s(HOSTILE)],
                rows: vec![vec![s(HOSTILE)]],
            },
            Block::Image {
                png: PNG.to_vec(),
                width_px: 10,
                height_px: 10,
                alt: s(HOSTILE),
            },
        ],
    }
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        parts.insert(file.name().unwrap().to_string(), data);
    }
    parts
}

fn text_part(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    let bytes = parts
        .get(name)
        .unwrap_or_else(|| panic!("{name} is missing; parts: {:?}", parts.keys()));
    String::from_utf8(bytes.clone()).unwrap_or_else(|_| panic!("{name} is not UTF-8"))
}

/// Every `.xml` and `.rels` part is well-formed, with its namespace prefixes declared.
fn assert_xml_parts_well_formed(parts: &BTreeMap<String, Vec<u8>>) {
    let mut checked = 0;
    for name in parts.keys() {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = text_part(parts, name);
            if let Err(e) = well_formed(&text) {
                panic!("{name} is not well-formed: {e}\n{text}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} XML parts");
}

// ---------------------------------------------------------------------------
// A small, strict XML well-formedness check (no DTDs, which no part has).

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == ':' || (!c.is_ascii() && c.is_alphabetic())
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit() || c == '-' || c == '.'
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    _src: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn starts(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(i, c)| self.chars.get(self.pos + i) == Some(&c))
    }

    fn skip_ws(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.pos += 1;
        }
        self.pos > start
    }

    fn name(&mut self) -> Result<String, String> {
        let start = self.pos;
        match self.peek() {
            Some(c) if is_name_start(c) => self.pos += 1,
            other => return Err(format!("a name expected at {start}, found {other:?}")),
        }
        while self.peek().is_some_and(is_name_char) {
            self.pos += 1;
        }
        Ok(self.chars[start..self.pos].iter().collect())
    }

    /// Up to (and past) `end`, returning what came before it.
    fn until(&mut self, end: &str) -> Result<String, String> {
        let start = self.pos;
        while self.pos < self.chars.len() {
            if self.starts(end) {
                let text = self.chars[start..self.pos].iter().collect();
                self.pos += end.chars().count();
                return Ok(text);
            }
            self.pos += 1;
        }
        Err(format!("unterminated, {end:?} expected after {start}"))
    }

    /// An entity or character reference after `&`.
    fn reference(&mut self) -> Result<(), String> {
        let start = self.pos;
        let body = self.until(";")?;
        let ok = match body.strip_prefix('#') {
            Some(num) => {
                let value = match num.strip_prefix('x') {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                value.and_then(char::from_u32).is_some_and(is_xml_char)
            }
            None => matches!(body.as_str(), "amp" | "lt" | "gt" | "quot" | "apos"),
        };
        if ok {
            Ok(())
        } else {
            Err(format!("a bad reference &{body}; at {start}"))
        }
    }
}

fn check_prefix(name: &str, scopes: &[Vec<String>], is_attr: bool) -> Result<(), String> {
    match name.split_once(':') {
        Some(("xmlns", _)) | Some(("xml", _)) => Ok(()),
        Some((prefix, _)) if scopes.iter().any(|s| s.iter().any(|p| p == prefix)) => Ok(()),
        Some((prefix, _)) => Err(format!("the prefix {prefix:?} of {name} is not declared")),
        None if is_attr || name == "xmlns" => Ok(()),
        None => Ok(()),
    }
}

fn well_formed(src: &str) -> Result<(), String> {
    if let Some(bad) = src.chars().find(|&c| !is_xml_char(c)) {
        return Err(format!("a character XML forbids: {:?}", bad));
    }
    let mut p = Parser {
        chars: src.chars().collect(),
        pos: 0,
        _src: src,
    };
    let mut stack: Vec<String> = Vec::new();
    let mut scopes: Vec<Vec<String>> = Vec::new();
    let mut root_done = false;
    let mut root_seen = false;
    while p.pos < p.chars.len() {
        if p.starts("<?") {
            let at = p.pos;
            p.pos += 2;
            let target = p.name()?;
            if target.eq_ignore_ascii_case("xml") && at != 0 {
                return Err("an XML declaration not at the start".into());
            }
            p.until("?>")?;
        } else if p.starts("<!--") {
            p.pos += 4;
            let comment = p.until("-->")?;
            if comment.contains("--") {
                return Err("-- inside a comment".into());
            }
        } else if p.starts("<![CDATA[") {
            if stack.is_empty() {
                return Err("CDATA outside the root".into());
            }
            p.pos += 9;
            p.until("]]>")?;
        } else if p.starts("<!") {
            return Err(format!("an unexpected declaration at {}", p.pos));
        } else if p.starts("</") {
            p.pos += 2;
            let name = p.name()?;
            p.skip_ws();
            if p.peek() != Some('>') {
                return Err(format!("> expected after </{name}"));
            }
            p.pos += 1;
            match stack.pop() {
                Some(open) if open == name => {
                    scopes.pop();
                }
                Some(open) => return Err(format!("</{name}> closes <{open}>")),
                None => return Err(format!("</{name}> closes nothing")),
            }
            if stack.is_empty() {
                root_done = true;
            }
        } else if p.peek() == Some('<') {
            if root_done {
                return Err("a second root element".into());
            }
            p.pos += 1;
            let name = p.name()?;
            let mut attrs: Vec<String> = Vec::new();
            let mut declared: Vec<String> = Vec::new();
            let self_closing;
            loop {
                let had_ws = p.skip_ws();
                if p.starts("/>") {
                    p.pos += 2;
                    self_closing = true;
                    break;
                }
                if p.peek() == Some('>') {
                    p.pos += 1;
                    self_closing = false;
                    break;
                }
                if !had_ws {
                    return Err(format!(
                        "whitespace expected before an attribute in <{name}"
                    ));
                }
                let attr = p.name()?;
                p.skip_ws();
                if p.peek() != Some('=') {
                    return Err(format!("= expected after {attr} in <{name}"));
                }
                p.pos += 1;
                p.skip_ws();
                let quote = match p.peek() {
                    Some(q @ ('"' | '\'')) => q,
                    _ => return Err(format!("a quoted value expected for {attr} in <{name}")),
                };
                p.pos += 1;
                loop {
                    match p.peek() {
                        None => return Err(format!("unterminated value of {attr}")),
                        Some(c) if c == quote => {
                            p.pos += 1;
                            break;
                        }
                        Some('<') => return Err(format!("< in the value of {attr} in <{name}")),
                        Some('&') => {
                            p.pos += 1;
                            p.reference()?;
                        }
                        Some(_) => p.pos += 1,
                    }
                }
                if attrs.contains(&attr) {
                    return Err(format!("{attr} twice in <{name}"));
                }
                if let Some(prefix) = attr.strip_prefix("xmlns:") {
                    declared.push(prefix.to_string());
                }
                attrs.push(attr);
            }
            scopes.push(declared);
            check_prefix(&name, &scopes, false)?;
            for attr in &attrs {
                check_prefix(attr, &scopes, true)?;
            }
            root_seen = true;
            if self_closing {
                scopes.pop();
                if stack.is_empty() {
                    root_done = true;
                }
            } else {
                stack.push(name);
            }
        } else {
            // Character data.
            let c = p.peek().unwrap();
            if stack.is_empty() && !c.is_whitespace() {
                return Err(format!("text outside the root at {}", p.pos));
            }
            if p.starts("]]>") {
                return Err("]]> in text".into());
            }
            p.pos += 1;
            if c == '&' {
                p.reference()?;
            }
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed: {stack:?}"));
    }
    if !root_seen {
        return Err("no root element".into());
    }
    Ok(())
}

#[test]
fn the_well_formedness_check_refuses_broken_xml() {
    assert!(well_formed("<?xml version=\"1.0\"?>\n<a x=\"1\"><b/>t &amp; &#10;</a>").is_ok());
    assert!(well_formed("<w:a xmlns:w=\"u\"><w:b w:c=\"1\"/></w:a>").is_ok());
    for bad in [
        "<a><b></a></b>",
        "<a>",
        "<a></a><b/>",
        "<a>x & y</a>",
        "<a>&nbsp;</a>",
        "<a x=\"<\"/>",
        "<a x=\"1\" x=\"2\"/>",
        "<a x=\"1\"y=\"2\"/>",
        "<a>\u{0}</a>",
        "<a>]]></a>",
        "<w:a/>",
        "<a w:x=\"1\"/>",
        "text",
        "<a></b>",
        "<a x=1/>",
        " <?xml version=\"1.0\"?><a/>",
    ] {
        assert!(well_formed(bad).is_err(), "accepted {bad:?}");
    }
}

// ---------------------------------------------------------------------------
// Word

#[test]
fn docx_has_styled_headings_lists_tables_and_pictures() {
    let bytes = to_docx(&plan()).expect("a docx");
    let parts = unzip(&bytes);
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
        "docProps/app.xml",
        "word/media/image1.png",
    ] {
        assert!(
            parts.contains_key(name),
            "{name} missing: {:?}",
            parts.keys()
        );
    }
    assert_xml_parts_well_formed(&parts);

    let document = text_part(&parts, "word/document.xml");
    // Headings in the built-in heading styles; the title is the level-1 heading, not repeated.
    for (style, text) in [
        (
            "Heading1",
            "Tunbridge Wells Community Safety Partnership Plan 2016/17",
        ),
        ("Heading2", "Priorities"),
        ("Heading3", "Figures"),
    ] {
        let expected = format!(
            "<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t>"
        );
        assert!(document.contains(&expected), "{expected} not in {document}");
    }
    assert!(!document.contains("w:val=\"Title\""));
    assert_eq!(
        document
            .matches("Tunbridge Wells Community Safety Partnership Plan")
            .count(),
        1
    );
    // Bold runs.
    assert!(document.contains(
        "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">4.5%</w:t></w:r>"
    ));
    assert!(document.contains("<w:t xml:space=\"preserve\">Crime fell by </w:t>"));
    // Bullets use the numbering definition.
    let bullet = "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>\
                  <w:r><w:t xml:space=\"preserve\">Domestic abuse</w:t>";
    assert!(document.contains(bullet), "{document}");
    let numbering = text_part(&parts, "word/numbering.xml");
    assert!(numbering.contains("<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"));
    assert!(numbering.contains("<w:numFmt w:val=\"bullet\"/>"));
    // A real table, its header row bold and repeated on each page.
    let table = &document[document.find("<w:tbl>").expect("a table")..];
    let table = &table[..table.find("</w:tbl>").expect("the table ends")];
    assert!(table.contains("<w:tblStyle w:val=\"TableGrid\"/>"));
    let header_row = &table[table.find("<w:tr>").unwrap()..];
    let header_row = &header_row[..header_row.find("</w:tr>").unwrap()];
    assert!(header_row.contains("<w:tblHeader/>"));
    for cell in ["Measure", "2015/16", "2016/17"] {
        assert!(
            header_row.contains(&format!(
                "<w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">{cell}</w:t>"
            )),
            "{cell} not a bold header cell: {header_row}"
        );
    }
    assert_eq!(table.matches("<w:tr>").count(), 3);
    assert!(table.contains("<w:t xml:space=\"preserve\">6,014</w:t>"));
    assert!(document.contains("Recorded crime by year"));
    // The picture: 1200 px is wider than 16 cm, so it is scaled to 16 cm, aspect kept.
    assert!(document.contains("<wp:extent cx=\"5760000\" cy=\"2880000\"/>"));
    assert!(document.contains("descr=\"Bar chart of recorded crime by district\""));
    assert!(document.contains("<a:blip r:embed=\"rIdImg1\"/>"));
    let rels = text_part(&parts, "word/_rels/document.xml.rels");
    assert!(rels.contains("Id=\"rIdImg1\""));
    assert!(rels.contains("Target=\"media/image1.png\""));
    assert!(rels.contains("Target=\"numbering.xml\""));
    assert!(rels.contains("Target=\"styles.xml\""));
    assert_eq!(parts["word/media/image1.png"], PNG.to_vec());

    let types = text_part(&parts, "[Content_Types].xml");
    assert!(types.contains("<Default Extension=\"png\" ContentType=\"image/png\"/>"));
    for part in [
        "/word/document.xml",
        "/word/styles.xml",
        "/word/numbering.xml",
        "/docProps/core.xml",
        "/docProps/app.xml",
    ] {
        assert!(
            types.contains(&format!("PartName=\"{part}\"")),
            "{part} not declared"
        );
    }
    let styles = text_part(&parts, "word/styles.xml");
    for style in ["Heading1", "Heading2", "Heading3", "Title", "TableGrid"] {
        assert!(
            styles.contains(&format!("w:styleId=\"{style}\"")),
            "{style} style missing"
        );
    }
    assert!(styles.contains("<w:outlineLvl w:val=\"1\"/>"));
    assert!(styles.contains("<w:tblBorders><w:top w:val=\"single\""));
    assert!(styles.contains("<w:lang w:val=\"en-GB\""));
    let core = text_part(&parts, "docProps/core.xml");
    assert!(core.contains(
        "<dc:title>Tunbridge Wells Community Safety Partnership Plan 2016/17</dc:title>"
    ));
    let package_rels = text_part(&parts, "_rels/.rels");
    assert!(package_rels.contains("Target=\"word/document.xml\""));

    // The same plan gives the same bytes.
    assert_eq!(to_docx(&plan()).unwrap(), bytes);
}

#[test]
fn docx_writes_the_title_when_no_heading_carries_it() {
    let doc = Document {
        title: s("Plan"),
        blocks: vec![Block::Paragraph(vec![Run::plain("Text")])],
    };
    let parts = unzip(&to_docx(&doc).unwrap());
    let document = text_part(&parts, "word/document.xml");
    assert!(document.contains(
        "<w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t xml:space=\"preserve\">Plan</w:t>"
    ));
    assert!(!parts.keys().any(|k| k.starts_with("word/media/")));
    assert_xml_parts_well_formed(&parts);
}

fn office() -> Option<String> {
    ["soffice", "libreoffice"].into_iter().find_map(|name| {
        let found = std::process::Command::new("which")
            .arg(name)
            .output()
            .ok()?;
        found.status.success().then(|| name.to_string())
    })
}

/// LibreOffice converts the Word file to text and the workbook to CSV, when it
/// is installed; otherwise this says so and passes.
#[test]
fn libreoffice_opens_the_files_when_installed() {
    let Some(office) = office() else {
        eprintln!("LibreOffice is not installed: skipping the check that it opens the files");
        return;
    };
    let dir = std::env::temp_dir().join(format!("csp-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("plan.docx");
    std::fs::write(&docx, to_docx(&plan()).unwrap()).unwrap();
    let xlsx = dir.join("figures.xlsx");
    std::fs::write(
        &xlsx,
        to_xlsx(
            "Figures",
            &[s("Measure"), s("Count")],
            &[vec![s("All crime"), s("1,319")]],
        )
        .unwrap(),
    )
    .unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    for (file, to) in [(&docx, "txt:Text"), (&xlsx, "csv")] {
        let status = std::process::Command::new(&office)
            .args([
                profile.as_str(),
                "--headless",
                "--convert-to",
                to,
                "--outdir",
            ])
            .arg(&dir)
            .arg(file)
            .status()
            .expect("LibreOffice runs");
        assert!(status.success(), "LibreOffice failed on {}", file.display());
    }
    let text = std::fs::read_to_string(dir.join("plan.txt")).expect("the Word file converted");
    assert!(text.contains("Priorities"), "{text}");
    assert!(text.contains("Domestic abuse"), "{text}");
    assert!(text.contains("6,014"), "{text}");
    let csv = std::fs::read_to_string(dir.join("figures.csv")).expect("the workbook converted");
    assert!(csv.contains("All crime"), "{csv}");
    assert!(csv.contains("1319") || csv.contains("1,319"), "{csv}");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------
// Hostile text

fn assert_no_controls(name: &str, text: &str) {
    assert!(!text.contains('\u{0}'), "{name} holds a NUL");
    assert!(!text.contains('\u{1}'), "{name} holds a control character");
}

#[test]
fn hostile_text_is_escaped_or_stripped_everywhere() {
    let doc = hostile_plan();

    let parts = unzip(&to_docx(&doc).unwrap());
    assert_xml_parts_well_formed(&parts);
    for (name, bytes) in &parts {
        if name.ends_with(".png") {
            continue;
        }
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_no_controls(name, &text);
        assert!(!text.contains("<script"), "{name} holds a raw <script>");
        assert!(!text.contains("]]> end"), "{name} holds a raw ]]>");
    }
    let document = text_part(&parts, "word/document.xml");
    assert!(document.contains(
        "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;quoted&quot; nulctl ]]&gt; end"
    ));
    let core = text_part(&parts, "docProps/core.xml");
    assert!(core.contains("<dc:title>&lt;script&gt;"));

    let html = to_print_html(&doc);
    assert_no_controls("the print HTML", &html);
    assert!(!html.to_lowercase().contains("<script"), "{html}");
    assert!(html.contains(
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; nulctl ]]&gt; end"
    ));
    assert!(html.contains("alt=\"&lt;script&gt;"));

    let markdown = to_markdown(&doc);
    assert_no_controls("the Markdown", &markdown);
    // Every `<` is backslash-escaped, so no Markdown renderer passes HTML through.
    let chars: Vec<char> = markdown.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '<' {
            assert!(i > 0 && chars[i - 1] == '\\', "a raw < in {markdown}");
        }
    }
    assert!(
        markdown.contains("\\<script\\>alert('x')\\</script\\>"),
        "{markdown}"
    );

    let header = vec![s(HOSTILE)];
    let rows = vec![vec![s(HOSTILE), s("=1+1\u{0}")]];
    let csv = to_csv(&header, &rows);
    assert_no_controls("the CSV", &csv);
    let xlsx = unzip(&to_xlsx(HOSTILE, &header, &rows).unwrap());
    assert_xml_parts_well_formed(&xlsx);
    for (name, bytes) in &xlsx {
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_no_controls(name, &text);
        assert!(!text.contains("<script"), "{name} holds a raw <script>");
    }
}

// ---------------------------------------------------------------------------
// Markdown

#[test]
fn markdown_has_headings_bold_bullets_tables_and_chart_files() {
    let md = to_markdown(&plan());
    let expected_start = "# Tunbridge Wells Community Safety Partnership Plan 2016/17\n\n\
        _The charts are separate image files (chart-1.png): keep them in the same folder as this file._\n\n\
        Crime fell by **4.5%** over the year.\n\n\
        ## Priorities\n\n\
        - Domestic abuse\n\
        - **Anti-social** behaviour\n\n\
        ### Figures\n\n\
        **Recorded crime by year**\n\n\
        | Measure | 2015/16 | 2016/17 |\n\
        | --- | --- | --- |\n\
        | All crime | 6,014 | 5,745 |\n\
        | Burglary | 312 | 298 |\n\n\
        ![Bar chart of recorded crime by district](chart-1.png)\n";
    assert_eq!(md, expected_start);
    let files = image_files(&plan());
    assert_eq!(files, vec![(s("chart-1.png"), PNG.to_vec())]);
}

#[test]
fn markdown_escapes_user_lines_that_would_become_markup() {
    let doc = Document {
        title: s("Plan"),
        blocks: vec![
            Block::Paragraph(vec![Run::plain(
                "Intro\n# not a heading\n- not a list\n+ nor this\n1. nor a numbered list\n===\n> no quote",
            )]),
            Block::Bullets(vec![vec![Run::plain("- nested?\n# second line")]]),
            Block::Table {
                caption: None,
                header: vec![s("A|B"), s("C")],
                rows: vec![vec![s("x | y"), s("line\nbreak")]],
            },
            Block::Paragraph(vec![Run::plain("Call it *urgent* or _soon_ [here](http://x)")]),
            Block::Heading {
                level: 2,
                text: s("Priority #"),
            },
        ],
    };
    let md = to_markdown(&doc);
    assert!(md.starts_with("# Plan\n\n"), "{md}");
    assert!(
        md.contains(
            "Intro\\\n\\# not a heading\\\n\\- not a list\\\n\\+ nor this\\\n\
             1\\. nor a numbered list\\\n\\===\\\n\\> no quote\n"
        ),
        "{md}"
    );
    assert!(md.contains("- \\- nested?\\\n  \\# second line\n"), "{md}");
    assert!(
        md.contains("| A\\|B | C |\n| --- | --- |\n| x \\| y | line break |"),
        "{md}"
    );
    assert!(
        md.contains("Call it \\*urgent\\* or \\_soon\\_ \\[here\\](http://x)"),
        "{md}"
    );
    assert!(md.contains("## Priority \\#\n"), "{md}");
    // No line a reader wrote starts a heading or a list, except the ones the document made.
    for line in md.lines() {
        if line.starts_with('#') {
            assert!(line == "# Plan" || line == "## Priority \\#", "{line}");
        }
        if line.starts_with("- ") {
            assert_eq!(line, "- \\- nested?\\");
        }
    }
}

// ---------------------------------------------------------------------------
// Print HTML

#[test]
fn print_html_is_standalone_escaped_and_paged() {
    let mut doc = plan();
    doc.blocks.push(Block::Heading {
        level: 2,
        text: s("Next section"),
    });
    doc.blocks.push(Block::Paragraph(vec![Run::plain(
        "Fish & chips <b>not bold</b>",
    )]));
    let html = to_print_html(&doc);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert_eq!(
        PRINT_CSP,
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    );
    assert!(html.contains(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{PRINT_CSP}\">"
    )));
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("break-after: avoid"));
    assert!(html.contains("h2 { break-before: page;"));
    assert!(html.contains("tr, th, td { break-inside: avoid;"));
    assert!(
        html.contains("<title>Tunbridge Wells Community Safety Partnership Plan 2016/17</title>")
    );
    assert!(html.contains("<h2 class=\"first\">Priorities</h2>"));
    assert!(html.contains("<h2>Next section</h2>"));
    assert!(html.contains("<p>Crime fell by <strong>4.5%</strong> over the year.</p>"));
    assert!(html.contains("<li>Domestic abuse</li>"));
    assert!(html.contains("<caption>Recorded crime by year</caption>"));
    assert!(html.contains("<th scope=\"col\">Measure</th>"));
    assert!(html.contains("<td>6,014</td>"));
    assert!(html.contains("<p>Fish &amp; chips &lt;b&gt;not bold&lt;/b&gt;</p>"));
    assert!(html.contains(
        "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\" \
         width=\"1200\" height=\"600\" alt=\"Bar chart of recorded crime by district\">"
    ));
    // One title: the level-1 heading carries it.
    assert_eq!(html.matches("<h1>").count(), 1);
}

// ---------------------------------------------------------------------------
// Figures: CSV and .xlsx

fn injection_rows() -> (Vec<String>, Vec<Vec<String>>) {
    let header = vec![s("Measure"), s("Value"), s("Note")];
    let rows = vec![
        vec![
            s("=HYPERLINK(\"http://evil\",\"x\")"),
            s("1,319"),
            s("+1+1"),
        ],
        vec![s("-2+3"), s("-45"), s("@SUM(A1)")],
        vec![s("\tcmd"), s("12.5"), s("\rcmd")],
        vec![s("Comma, \"quote\"\nnewline"), s("−18%"), s("007")],
        // A rise and a fall, as the Change column writes them: both numbers.
        vec![s("\u{200B}=1+1"), s("+42"), s("\u{FF1D}1+1")],
        vec![s("\u{FEFF}@SUM(A1)"), s("−66"), s("\u{FF0B}1")],
    ];
    (header, rows)
}

#[test]
fn neutralise_prefixes_formula_starts_only() {
    assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(neutralise("+1"), "'+1");
    assert_eq!(neutralise("-2+3"), "'-2+3");
    assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(neutralise("\tcmd"), "'\tcmd");
    assert_eq!(neutralise("\rcmd"), "'\rcmd");
    assert_eq!(neutralise("Burglary"), "Burglary");
    assert_eq!(neutralise("a=b"), "a=b");
    assert_eq!(neutralise(""), "");
    // Hidden behind an invisible character, or written full-width, it is still a formula.
    for hidden in [
        "\u{200B}=1+1",
        "\u{FEFF}=1+1",
        "\u{FEFF}\u{200B}@SUM(A1)",
        "\u{FF1D}1+1",
        "\u{FF0B}1",
        "\u{FF0D}1",
        "\u{FF20}SUM(A1)",
        "\u{200B}\u{FF1D}1+1",
    ] {
        assert_eq!(neutralise(hidden), format!("'{hidden}"), "{hidden:?}");
    }
}

#[test]
fn csv_is_quoted_neutralised_and_round_trips() {
    let (header, rows) = injection_rows();
    let csv = to_csv(&header, &rows);
    assert!(csv.starts_with("\u{FEFF}Measure,Value,Note\r\n"), "{csv:?}");
    assert!(csv.ends_with("\r\n"));
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",1319,'+1+1\r\n"),
        "{csv:?}"
    );
    assert!(csv.contains("'-2+3,-45,'@SUM(A1)\r\n"), "{csv:?}");
    assert!(csv.contains("'\tcmd,12.5,\"'\rcmd\"\r\n"), "{csv:?}");
    assert!(
        csv.contains("\"Comma, \"\"quote\"\"\nnewline\",−18%,007\r\n"),
        "{csv:?}"
    );
    // Numbers are numbers as a spreadsheet reads them: a rise is 42, not '+42.
    assert!(csv.contains("'\u{200B}=1+1,42,'\u{FF1D}1+1\r\n"), "{csv:?}");
    assert!(
        csv.contains("'\u{FEFF}@SUM(A1),-66,'\u{FF0B}1\r\n"),
        "{csv:?}"
    );

    let body = csv.strip_prefix('\u{FEFF}').unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes());
    let read: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    let expected: Vec<Vec<String>> = std::iter::once(header.clone())
        .chain(rows.iter().map(|row| {
            row.iter()
                .map(|cell| match cell.as_str() {
                    "1,319" => s("1319"),
                    "+42" => s("42"),
                    "−66" => s("-66"),
                    "-45" | "12.5" => cell.clone(),
                    _ => neutralise(cell),
                })
                .collect()
        }))
        .collect();
    assert_eq!(read, expected);
    // Nothing a spreadsheet would evaluate: every field whose first visible
    // character could start a formula is a number.
    for field in read.iter().flatten() {
        let visible = field
            .trim_start_matches(['\u{200B}', '\u{FEFF}', ' '])
            .chars()
            .next();
        if visible.is_some_and(|c| "=+-@\t\r\u{FF1D}\u{FF0B}\u{FF0D}\u{FF20}".contains(c)) {
            assert!(field == "-45" || field == "-66", "{field:?}");
        }
    }
}

/// The cell `reference` in a worksheet's XML: (its `t`, its `<v>`).
fn cell(sheet: &str, reference: &str) -> Option<(Option<String>, String)> {
    let start = sheet.find(&format!("<c r=\"{reference}\""))?;
    let element = &sheet[start..];
    let element = &element[..element.find("</c>")?];
    let tag = &element[..element.find('>')?];
    let t = tag
        .split_once(" t=\"")
        .map(|(_, rest)| rest[..rest.find('"').unwrap()].to_string());
    let v = element.split_once("<v>")?.1;
    let v = &v[..v.find("</v>")?];
    Some((t, v.to_string()))
}

fn unescape(xml: &str) -> String {
    xml.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#13;", "\r")
        .replace("&amp;", "&")
}

fn shared_strings(xml: &str) -> Vec<String> {
    xml.split("<si>")
        .skip(1)
        .map(|si| {
            let t = si.split_once('>').unwrap().1;
            unescape(&t[..t.find("</t>").unwrap()])
        })
        .collect()
}

#[test]
fn xlsx_keeps_numbers_and_neutralises_formulas() {
    let (header, rows) = injection_rows();
    let bytes = to_xlsx("Figures 2016/17", &header, &rows).expect("an xlsx");
    let parts = unzip(&bytes);
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/worksheets/sheet1.xml",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
    ] {
        assert!(parts.contains_key(name), "{name} missing");
    }
    assert_xml_parts_well_formed(&parts);
    let sheet = text_part(&parts, "xl/worksheets/sheet1.xml");
    let strings = shared_strings(&text_part(&parts, "xl/sharedStrings.xml"));
    let text = |reference: &str| {
        let (t, v) = cell(&sheet, reference).unwrap_or_else(|| panic!("no {reference}"));
        assert_eq!(t.as_deref(), Some("s"), "{reference} is not text");
        strings[v.parse::<usize>().unwrap()].clone()
    };
    let number = |reference: &str| {
        let (t, v) = cell(&sheet, reference).unwrap_or_else(|| panic!("no {reference}"));
        assert!(
            t.is_none() || t.as_deref() == Some("n"),
            "{reference} is not a number"
        );
        v
    };
    // The header: bold text, frozen.
    assert_eq!(text("A1"), "Measure");
    assert!(sheet.contains("<c r=\"A1\" s=\"1\" t=\"s\">"));
    assert!(sheet.contains("state=\"frozen\""));
    assert!(sheet.contains("ySplit=\"1\""));
    let styles = text_part(&parts, "xl/styles.xml");
    assert!(styles.contains("<font><b/>"));
    // Numbers are numbers.
    assert_eq!(number("B2"), "1319");
    assert_eq!(number("B3"), "-45");
    assert_eq!(number("B4"), "12.5");
    // A rise is a number too, its "+" in the number format; a fall likewise.
    assert_eq!(number("B6"), "42");
    assert_eq!(number("B7"), "-66");
    let style_of = |reference: &str| -> usize {
        let start = sheet.find(&format!("<c r=\"{reference}\"")).unwrap();
        let tag = &sheet[start..][..sheet[start..].find('>').unwrap()];
        tag.split_once(" s=\"").map_or(0, |(_, rest)| {
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
    };
    let format_of = |reference: &str| -> Option<String> {
        let style = style_of(reference);
        let xfs = &styles[styles.find("<cellXfs").unwrap()..];
        let xf = xfs.split("<xf ").nth(style + 1).unwrap();
        let id = xf.split_once("numFmtId=\"").unwrap().1;
        let id = &id[..id.find('"').unwrap()];
        if id == "0" {
            return None;
        }
        let at = styles
            .find(&format!("<numFmt numFmtId=\"{id}\" formatCode=\""))
            .unwrap();
        let code = &styles[at..].split_once("formatCode=\"").unwrap().1;
        Some(unescape(&code[..code.find('"').unwrap()]))
    };
    assert_eq!(format_of("B2").as_deref(), Some("#,##0"));
    assert_eq!(format_of("B6").as_deref(), Some("+0;-0;0"));
    assert_eq!(format_of("B7"), None);
    // Formulas are text with a leading quote; nothing is a formula.
    assert_eq!(text("A2"), "'=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(text("C2"), "'+1+1");
    assert_eq!(text("A3"), "'-2+3");
    assert_eq!(text("C3"), "'@SUM(A1)");
    assert_eq!(text("A4"), "'\tcmd");
    assert_eq!(text("C4"), "'\rcmd");
    assert_eq!(text("A6"), "'\u{200B}=1+1");
    assert_eq!(text("C6"), "'\u{FF1D}1+1");
    assert_eq!(text("A7"), "'\u{FEFF}@SUM(A1)");
    assert_eq!(text("C7"), "'\u{FF0B}1");
    assert!(!sheet.contains("<f>"));
    // Not plain numbers: kept as text, as written.
    assert_eq!(text("B5"), "−18%");
    assert_eq!(text("C5"), "007");
    assert_eq!(text("A5"), "Comma, \"quote\"\nnewline");
    let workbook = text_part(&parts, "xl/workbook.xml");
    assert!(
        workbook.contains("<sheet name=\"Figures 2016 17\""),
        "{workbook}"
    );
    assert_eq!(to_xlsx("Figures 2016/17", &header, &rows).unwrap(), bytes);
}

/// The workbook reads back through calamine, as Excel would show it.
#[test]
fn xlsx_reads_back_through_calamine() {
    use calamine::{Data, Reader, Xlsx};
    let (header, rows) = injection_rows();
    let bytes = to_xlsx("Figures", &header, &rows).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("opens");
    assert_eq!(book.sheet_names(), vec![s("Figures")]);
    let range = book.worksheet_range("Figures").expect("the sheet");
    assert_eq!(range.get((0, 0)), Some(&Data::String(s("Measure"))));
    assert_eq!(range.get((1, 1)), Some(&Data::Float(1319.0)));
    assert_eq!(range.get((2, 1)), Some(&Data::Float(-45.0)));
    assert_eq!(range.get((1, 2)), Some(&Data::String(s("'+1+1"))));
    assert_eq!(range.get((4, 1)), Some(&Data::String(s("−18%"))));
    assert_eq!(range.get((5, 1)), Some(&Data::Float(42.0)));
    assert_eq!(range.get((6, 1)), Some(&Data::Float(-66.0)));
}

/// The assessment's own table of figures: a rise in the Change column is the
/// number itself in the CSV and a number cell (its "+" in the format) in the
/// workbook, exactly as a fall is.
#[test]
fn the_figures_export_keeps_rises_and_falls_as_numbers() {
    use csp_workbench::core::assessment::report::figure_table;
    let data = common::sample();
    let a = common::tunbridge_wells(&data);
    let (header, rows) = figure_table(&a);
    let change = header.iter().position(|h| h == "Change").unwrap();
    let rise = rows
        .iter()
        .position(|r| r[0] == "Violent crime")
        .expect("violent crime is in the table");
    assert_eq!(rows[rise][change], "+195");
    let fall = rows
        .iter()
        .position(|r| r[change].starts_with('−'))
        .expect("a measure fell");

    let csv = to_csv(&header, &rows);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv.strip_prefix('\u{FEFF}').unwrap().as_bytes());
    let read: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    assert_eq!(read[rise][change], "195");
    let fell: f64 = read[fall][change].parse().expect("a fall is a number");
    assert!(fell < 0.0);

    use calamine::{Data, Reader, Xlsx};
    let bytes = to_xlsx("Figures", &header, &rows).unwrap();
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("opens");
    let range = book.worksheet_range("Figures").expect("the sheet");
    assert_eq!(
        range.get((rise + 1, change)),
        Some(&Data::Float(195.0)),
        "the rise is a number cell"
    );
    assert!(matches!(range.get((fall + 1, change)), Some(Data::Float(v)) if *v < 0.0));
}
