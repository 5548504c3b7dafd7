//! Finding names in a long list as the user types (a chooser of 10,000
//! measures cannot be a `<select>`: building its options is a long task, and
//! nobody scrolls through them). Every word typed must appear in a name,
//! whatever its case; names that begin with what was typed come first, the
//! rest keep the list's order.

/// The names matching `query` (at most `limit` of them, best first) and how
/// many match in all. An empty query matches every name.
pub fn matching<'a>(names: &'a [String], query: &str, limit: usize) -> (Vec<&'a str>, usize) {
    let query = query.trim().to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut starting = Vec::new();
    let mut containing = Vec::new();
    let mut total = 0;
    for name in names {
        let lower = name.to_lowercase();
        if !words.iter().all(|w| lower.contains(w)) {
            continue;
        }
        total += 1;
        if lower.starts_with(&query) {
            if starting.len() < limit {
                starting.push(name.as_str());
            }
        } else if containing.len() < limit {
            containing.push(name.as_str());
        }
    }
    starting.extend(containing);
    starting.truncate(limit);
    (starting, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_word_must_appear_whatever_its_case_and_beginnings_come_first() {
        let list = names(&[
            "Violence against the person",
            "Domestic violence",
            "Violence with injury",
            "Burglary",
            "Knife crime",
        ]);
        let (found, total) = matching(&list, "violence", 10);
        assert_eq!(
            found,
            [
                "Violence against the person",
                "Violence with injury",
                "Domestic violence"
            ]
        );
        assert_eq!(total, 3);
        assert_eq!(
            matching(&list, "  INJURY violence ", 10).0,
            ["Violence with injury"]
        );
        assert_eq!(matching(&list, "robbery", 10), (vec![], 0));
    }

    #[test]
    fn an_empty_query_lists_the_first_names_and_counts_them_all() {
        let list: Vec<String> = (0..10_000).map(|i| format!("Offence {i:05}")).collect();
        let (found, total) = matching(&list, "", 50);
        assert_eq!(total, 10_000);
        assert_eq!(found.len(), 50);
        assert_eq!(found[0], "Offence 00000");
        // 09990 to 09999 begin with it; 00999 only contains it, so comes last.
        let (found, total) = matching(&list, "offence 0999", 50);
        assert_eq!(total, 11);
        assert_eq!(found[0], "Offence 09990");
        assert_eq!(found[9], "Offence 09999");
        assert_eq!(found[10], "Offence 00999");
    }
}
