//! A document as exporters see it: headings, paragraphs of runs (plain or bold),
//! bullet lists, tables and images. The plan becomes one of these, and each
//! format (Word, Markdown, print HTML) renders it.

use serde::{Deserialize, Serialize};

/// A stretch of text in one style.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

impl Run {
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: false,
        }
    }

    pub fn bold(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            bold: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// Level 1 is the document's title, 2 a section, 3 a subsection.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Vec<Run>),
    Bullets(Vec<Vec<Run>>),
    /// A table with a header row; every row has as many cells as the header.
    Table {
        caption: Option<String>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A PNG image (a chart), with its text alternative.
    Image {
        png: Vec<u8>,
        width_px: u32,
        height_px: u32,
        alt: String,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}
