//! Names for files the workbench offers as downloads. They come from measure and
//! chart names, which come from partners' spreadsheets and can be any length or
//! hold any character; a browser fails to save a file whose name is too long
//! (a 32,776-character name did) or holds a character the disk refuses.

/// The most characters a download's name has before its extension.
pub const MAX_STEM_CHARS: usize = 100;

/// `stem.extension`, with characters no file system accepts replaced, spaces
/// and dots trimmed from the ends, and the stem cut to `MAX_STEM_CHARS`
/// characters (never inside a character). An empty stem becomes "download".
pub fn download_name(stem: &str, extension: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut cut: String = cleaned
        .trim_matches(|c: char| c.is_whitespace() || c == '.')
        .chars()
        .take(MAX_STEM_CHARS)
        .collect();
    // Cutting can leave a trailing space, dot or dash; a name never ends in those.
    while cut.ends_with(|c: char| c.is_whitespace() || c == '.' || c == '-') {
        cut.pop();
    }
    if cut.is_empty() {
        cut.push_str("download");
    }
    let extension = extension.trim_start_matches('.');
    if extension.is_empty() {
        cut
    } else {
        format!("{cut}.{extension}")
    }
}

/// Readable, distinct stems for files saved from one page (each chart's title):
/// each cleaned and cut as `download_name` does, and a stem that would repeat an
/// earlier one (the same title, or two long titles that differ only past the
/// cut; compared ignoring case, as Windows and macOS disks do) numbered " (2)",
/// " (3)" within the same length.
pub fn unique_stems<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|name| {
            let stem = download_name(name, "");
            let mut candidate = stem.clone();
            let mut n = 1;
            while !taken.insert(candidate.to_lowercase()) {
                n += 1;
                let suffix = format!(" ({n})");
                let room = MAX_STEM_CHARS.saturating_sub(suffix.chars().count());
                let cut: String = stem.chars().take(room).collect();
                candidate = format!("{}{suffix}", cut.trim_end());
            }
            candidate
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_from_one_page_are_distinct_and_readable() {
        let long = "x".repeat(150);
        let stems = unique_stems([
            "Violent crime in Tunbridge Wells over time",
            "Robbery: target for 2015/16",
            "robbery: target for 2015/16",
            "Robbery: target for 2015/16",
            long.as_str(),
            long.as_str(),
        ]);
        assert_eq!(
            stems,
            [
                "Violent crime in Tunbridge Wells over time".to_string(),
                "Robbery- target for 2015-16".to_string(),
                "robbery- target for 2015-16 (2)".to_string(),
                "Robbery- target for 2015-16 (3)".to_string(),
                "x".repeat(100),
                format!("{} (2)", "x".repeat(96)),
            ]
        );
        assert!(stems.iter().all(|s| s.chars().count() <= MAX_STEM_CHARS));
    }

    #[test]
    fn short_names_pass_unchanged() {
        assert_eq!(
            download_name("trend-violent-crime", "png"),
            "trend-violent-crime.png"
        );
        assert_eq!(download_name("funnel-drugs", ".svg"), "funnel-drugs.svg");
    }

    #[test]
    fn long_names_are_cut_to_a_safe_length_on_a_character_boundary() {
        let long = "district-".to_string() + &"a".repeat(32_767);
        let name = download_name(&long, "png");
        assert_eq!(name.chars().count(), MAX_STEM_CHARS + 4);
        assert!(name.ends_with("aaa.png"));
        // Multi-byte characters are never split.
        let welsh = "ŵ".repeat(150);
        let name = download_name(&welsh, "svg");
        assert_eq!(name, format!("{}.svg", "ŵ".repeat(100)));
        let emoji = "📈".repeat(300);
        assert_eq!(
            download_name(&emoji, "png").chars().count(),
            MAX_STEM_CHARS + 4
        );
    }

    #[test]
    fn characters_a_disk_refuses_are_replaced() {
        assert_eq!(
            download_name("a/b\\c:d*e?f\"g<h>i|j", "png"),
            "a-b-c-d-e-f-g-h-i-j.png"
        );
        assert_eq!(
            download_name("line\nbreak\ttab", "svg"),
            "line break tab.svg"
        );
        assert_eq!(download_name("  ..hidden.. ", "png"), "hidden.png");
        assert_eq!(download_name("...", "png"), "download.png");
        assert_eq!(download_name("", "svg"), "download.svg");
    }

    #[test]
    fn a_cut_never_leaves_a_trailing_dot_space_or_dash() {
        let stem = format!("{}-. tail", "b".repeat(99));
        assert_eq!(
            download_name(&stem, "png"),
            format!("{}.png", "b".repeat(99))
        );
    }
}
