//! The document as a Word file (Office Open XML, `.docx`), which Word and
//! LibreOffice open: built-in heading styles (so the navigation pane lists the
//! sections), a bullet list definition, tables with a repeated header row and
//! charts as inline pictures with their alt text. A4, 2.5 cm side margins, Arial.

use super::common::{clean_lines, image_size, is_png, needs_title, xml_attr, xml_text};
use super::document::{Block, Document, Run};
use crate::core::zip_writer::zip_parts;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The text width: A4 (21 cm) less two 2.5 cm margins, in twentieths of a point.
const TEXT_WIDTH_TWIPS: u64 = 9071;
/// 16 cm in EMU (914,400 to the inch): the widest a picture is shown.
const MAX_WIDTH_EMU: u64 = 5_760_000;
/// 22 cm in EMU: the tallest a picture is shown (the text height is 24.7 cm).
const MAX_HEIGHT_EMU: u64 = 7_920_000;
/// EMU in a CSS pixel (96 to the inch).
const EMU_PER_PX: u64 = 9525;

/// The document as a `.docx` file's bytes.
pub fn to_docx(doc: &Document) -> Result<Vec<u8>, String> {
    zip_parts(&docx_parts(doc))
}

/// The parts of the document's `.docx` zip (name, bytes), in order, not yet
/// compressed: the page deflates them in the browser (`zip_writer::zip_deflated`).
pub fn docx_parts(doc: &Document) -> Vec<(String, Vec<u8>)> {
    let mut body = String::new();
    let mut images: Vec<Vec<u8>> = Vec::new();

    if needs_title(doc) {
        body.push_str(&styled_paragraph("Title", &[Run::plain(doc.title.trim())]));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                let style = format!("Heading{}", (*level).clamp(1, 3));
                body.push_str(&styled_paragraph(&style, &[Run::plain(text.as_str())]));
            }
            Block::Paragraph(runs) => {
                body.push_str("<w:p>");
                body.push_str(&runs_xml(runs, false));
                body.push_str("</w:p>");
            }
            Block::Bullets(items) => {
                for item in items {
                    body.push_str(
                        "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/>\
                         <w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>",
                    );
                    body.push_str(&runs_xml(item, false));
                    body.push_str("</w:p>");
                }
            }
            Block::Table {
                caption,
                header,
                rows,
            } => body.push_str(&table_xml(caption.as_deref(), header, rows)),
            Block::Image {
                png,
                width_px,
                height_px,
                alt,
            } => {
                if is_png(png) {
                    images.push(png.clone());
                    let n = images.len();
                    let (w, h) = image_size(png, *width_px, *height_px);
                    body.push_str(&picture_xml(n, w, h, alt));
                } else {
                    // Not a picture Word could show: say what it would have shown.
                    let text = format!("[Chart: {}]", alt.trim());
                    body.push_str("<w:p>");
                    body.push_str(&runs_xml(&[Run::plain(text)], false));
                    body.push_str("</w:p>");
                }
            }
        }
    }

    let document = format!(
        "{XML_DECL}<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\" \
         xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>\
         <w:pgMar w:top=\"1417\" w:right=\"1417\" w:bottom=\"1417\" w:left=\"1417\" \
         w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );

    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), CONTENT_TYPES.into()),
        ("_rels/.rels".into(), package_rels().into_bytes()),
        (
            "docProps/core.xml".into(),
            core_xml(&doc.title).into_bytes(),
        ),
        ("docProps/app.xml".into(), APP_XML.into()),
        ("word/document.xml".into(), document.into_bytes()),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels(images.len()).into_bytes(),
        ),
        ("word/styles.xml".into(), styles_xml().into_bytes()),
        ("word/numbering.xml".into(), numbering_xml().into_bytes()),
        ("word/settings.xml".into(), settings_xml().into_bytes()),
    ];
    for (i, png) in images.into_iter().enumerate() {
        parts.push((format!("word/media/image{}.png", i + 1), png));
    }
    parts
}

/// A paragraph in `style` holding `runs`.
fn styled_paragraph(style: &str, runs: &[Run]) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{}</w:p>",
        runs_xml(runs, false)
    )
}

/// `runs` as `<w:r>` elements; line breaks become `<w:br/>`, tabs `<w:tab/>`.
/// `all_bold` makes every run bold (a table's header row).
fn runs_xml(runs: &[Run], all_bold: bool) -> String {
    let mut out = String::new();
    for run in runs {
        let text = clean_lines(&run.text);
        if text.is_empty() {
            continue;
        }
        out.push_str("<w:r>");
        if run.bold || all_bold {
            out.push_str("<w:rPr><w:b/><w:bCs/></w:rPr>");
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push_str("<w:br/>");
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    out.push_str("<w:tab/>");
                }
                if !piece.is_empty() {
                    out.push_str("<w:t xml:space=\"preserve\">");
                    out.push_str(&xml_text(piece));
                    out.push_str("</w:t>");
                }
            }
        }
        out.push_str("</w:r>");
    }
    out
}

fn table_xml(caption: Option<&str>, header: &[String], rows: &[Vec<String>]) -> String {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([header.len()])
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let width = TEXT_WIDTH_TWIPS / columns as u64;
    let mut out = String::new();
    let caption = caption.map(str::trim).filter(|c| !c.is_empty());
    if let Some(caption) = caption {
        // The caption stays on the page with its table.
        out.push_str(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Caption\"/><w:keepNext/></w:pPr>{}</w:p>",
            runs_xml(&[Run::plain(caption)], false)
        ));
    }
    out.push_str(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>",
    );
    out.push_str(
        "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" \
         w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/>",
    );
    if let Some(caption) = caption {
        out.push_str(&format!("<w:tblCaption w:val=\"{}\"/>", xml_attr(caption)));
    }
    out.push_str("</w:tblPr><w:tblGrid>");
    for _ in 0..columns {
        out.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
    }
    out.push_str("</w:tblGrid>");
    if !header.is_empty() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for i in 0..columns {
            out.push_str(&cell_xml(header.get(i), width, true));
        }
        out.push_str("</w:tr>");
    }
    for row in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for i in 0..columns {
            out.push_str(&cell_xml(row.get(i), width, false));
        }
        out.push_str("</w:tr>");
    }
    // Word needs a paragraph between tables (or it joins them) and after the last.
    out.push_str("</w:tbl><w:p/>");
    out
}

fn cell_xml(text: Option<&String>, width: u64, bold: bool) -> String {
    let runs = text
        .map(|t| runs_xml(&[Run::plain(t.as_str())], bold))
        .unwrap_or_default();
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr><w:p>{runs}</w:p></w:tc>"
    )
}

/// The extent of a picture in EMU: its pixels at 96 dpi, scaled down (never
/// up) to fit the text width and most of the page's height.
fn extent_emu(width_px: u32, height_px: u32) -> (u64, u64) {
    let mut cx = width_px as u64 * EMU_PER_PX;
    let mut cy = height_px as u64 * EMU_PER_PX;
    if cx > MAX_WIDTH_EMU {
        cy = cy * MAX_WIDTH_EMU / cx;
        cx = MAX_WIDTH_EMU;
    }
    if cy > MAX_HEIGHT_EMU {
        cx = cx * MAX_HEIGHT_EMU / cy;
        cy = MAX_HEIGHT_EMU;
    }
    (cx.max(1), cy.max(1))
}

/// The `n`th picture (from 1), related as `rIdImg{n}`.
fn picture_xml(n: usize, width_px: u32, height_px: u32, alt: &str) -> String {
    let (cx, cy) = extent_emu(width_px, height_px);
    let descr = xml_attr(alt.trim());
    format!(
        "<w:p><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
         <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
         <wp:docPr id=\"{n}\" name=\"Chart {n}\" descr=\"{descr}\"/>\
         <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
         <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"image{n}.png\" descr=\"{descr}\"/>\
         <pic:cNvPicPr><a:picLocks noChangeAspect=\"1\" noChangeArrowheads=\"1\"/></pic:cNvPicPr></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"rIdImg{n}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
         <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
         <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
         </a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

fn package_rels() -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"{REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{R_NS}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{R_NS}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

fn document_rels(images: usize) -> String {
    let mut out = format!(
        "{XML_DECL}<Relationships xmlns=\"{REL_NS}\">\
         <Relationship Id=\"rId1\" Type=\"{R_NS}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"{R_NS}/numbering\" Target=\"numbering.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{R_NS}/settings\" Target=\"settings.xml\"/>"
    );
    for n in 1..=images {
        out.push_str(&format!(
            "<Relationship Id=\"rIdImg{n}\" Type=\"{R_NS}/image\" Target=\"media/image{n}.png\"/>"
        ));
    }
    out.push_str("</Relationships>");
    out
}

/// The core properties: the title, the language and who made it. No dates, so
/// the same plan gives the same file.
fn core_xml(title: &str) -> String {
    format!(
        "{XML_DECL}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>CSP Workbench</dc:creator>\
         <dc:language>en-GB</dc:language></cp:coreProperties>",
        xml_text(&clean_lines(title.trim()).replace('\n', " "))
    )
}

const APP_XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>CSP Workbench</Application><DocSecurity>0</DocSecurity></Properties>";

fn settings_xml() -> String {
    format!(
        "{XML_DECL}<w:settings xmlns:w=\"{W_NS}\">\
         <w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" \
         w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         <w:themeFontLang w:val=\"en-GB\"/></w:settings>"
    )
}

/// One bullet list definition (numId 1): a round bullet, then an en dash for
/// a second level.
fn numbering_xml() -> String {
    format!(
        "{XML_DECL}<w:numbering xmlns:w=\"{W_NS}\">\
         <w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"hybridMultilevel\"/>\
         <w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>\
         <w:lvlText w:val=\"\u{2022}\"/><w:lvlJc w:val=\"left\"/>\
         <w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr>\
         <w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\" w:hint=\"default\"/></w:rPr></w:lvl>\
         <w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>\
         <w:lvlText w:val=\"\u{2013}\"/><w:lvlJc w:val=\"left\"/>\
         <w:pPr><w:ind w:left=\"1440\" w:hanging=\"360\"/></w:pPr>\
         <w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\" w:hint=\"default\"/></w:rPr></w:lvl>\
         </w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>"
    )
}

fn heading_style(level: u8, size_half_points: u32, before: u32) -> String {
    format!(
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading{level}\"><w:name w:val=\"heading {level}\"/>\
         <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/>\
         <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{before}\" w:after=\"120\"/>\
         <w:outlineLvl w:val=\"{}\"/></w:pPr>\
         <w:rPr><w:b/><w:bCs/><w:sz w:val=\"{size_half_points}\"/><w:szCs w:val=\"{size_half_points}\"/></w:rPr></w:style>",
        level - 1
    )
}

fn styles_xml() -> String {
    let border = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"505A5F\"/>")
    };
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    format!(
        "{XML_DECL}<w:styles xmlns:w=\"{W_NS}\">\
         <w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Arial\" w:eastAsia=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\"/>\
         <w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-GB\" w:eastAsia=\"en-GB\" w:bidi=\"ar-SA\"/>\
         </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>\
         <w:spacing w:after=\"160\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">\
         <w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
         <w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
         <w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
         <w:style w:type=\"numbering\" w:default=\"1\" w:styleId=\"NoList\"><w:name w:val=\"No List\"/>\
         <w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>\
         <w:next w:val=\"Normal\"/><w:uiPriority w:val=\"10\"/><w:qFormat/><w:pPr><w:keepNext/>\
         <w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"48\"/><w:szCs w:val=\"48\"/></w:rPr></w:style>\
         {}{}{}\
         <w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/>\
         <w:next w:val=\"Normal\"/><w:uiPriority w:val=\"35\"/><w:qFormat/><w:pPr><w:keepNext/>\
         <w:spacing w:before=\"120\" w:after=\"60\"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/>\
         <w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"34\"/><w:qFormat/><w:pPr>\
         <w:spacing w:after=\"60\"/><w:ind w:left=\"720\"/><w:contextualSpacing/></w:pPr></w:style>\
         <w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/>\
         <w:basedOn w:val=\"TableNormal\"/><w:uiPriority w:val=\"39\"/>\
         <w:pPr><w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
         <w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr>\
         <w:tblStylePr w:type=\"firstRow\"><w:rPr><w:b/><w:bCs/></w:rPr>\
         <w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F3F2F1\"/></w:tcPr></w:tblStylePr></w:style>\
         </w:styles>",
        heading_style(1, 36, 360),
        heading_style(2, 30, 320),
        heading_style(3, 26, 240),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_fit_the_text_width() {
        // 600 px is 5,715,000 EMU: under 16 cm, kept.
        assert_eq!(extent_emu(600, 300), (5_715_000, 2_857_500));
        // 1200 px is twice the width allowed: halved, keeping the aspect.
        assert_eq!(extent_emu(1200, 600), (MAX_WIDTH_EMU, MAX_WIDTH_EMU / 2));
        // Very tall: fitted to the height.
        let (cx, cy) = extent_emu(100, 2000);
        assert_eq!(cy, MAX_HEIGHT_EMU);
        assert_eq!(cx, 100 * EMU_PER_PX * MAX_HEIGHT_EMU / (2000 * EMU_PER_PX));
    }

    #[test]
    fn runs_keep_bold_breaks_and_tabs() {
        let xml = runs_xml(&[Run::plain("a\tb"), Run::bold("c\r\nd")], false);
        assert_eq!(
            xml,
            "<w:r><w:t xml:space=\"preserve\">a</w:t><w:tab/><w:t xml:space=\"preserve\">b</w:t></w:r>\
             <w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">c</w:t><w:br/>\
             <w:t xml:space=\"preserve\">d</w:t></w:r>"
        );
    }
}
