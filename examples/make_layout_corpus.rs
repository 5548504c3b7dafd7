//! Writes the layout corpus (issue 12) to `target/layout-corpus/`: every
//! workbook the corpus test reads, and beside each a `.truth.csv` with every
//! figure it holds (measure, breakdown, area, period, unit kind, value).
//!
//! `cargo run --example make_layout_corpus [SEED] [COUNT]`

#[path = "../tests/layout_corpus/generator.rs"]
mod generator;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(12);
    let count = args.next().and_then(|s| s.parse().ok()).unwrap_or(216);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/layout-corpus");
    std::fs::create_dir_all(&dir)?;
    for g in generator::corpus(seed, count) {
        std::fs::write(dir.join(&g.file_name), generator::write(&g))?;
        let mut truth = String::from("measure,category,area,period,unit,value\n");
        for t in &g.truth {
            let field = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            truth.push_str(&format!(
                "{},{},{},{},{},{}\n",
                field(&t.measure),
                field(t.category.as_deref().unwrap_or("")),
                field(&t.area),
                field(&t.period.label()),
                if t.additive { "count" } else { "non-additive" },
                t.value.map(|v| v.to_string()).unwrap_or_default()
            ));
        }
        std::fs::write(dir.join(format!("{}.truth.csv", g.file_name)), truth)?;
        println!("{} — {}: {}", g.file_name, g.class, g.recipe.join(", "));
    }
    Ok(())
}
