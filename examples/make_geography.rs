//! Writes the built-in national geography and populations from the ONS files in
//! `../shared/data/geo/` (see that folder's README for where each came from):
//!
//! - `public/geography/geography.tsv`: every district, community safety
//!   partnership, police force area, county, region and country of England and
//!   Wales in the lookups of 2018 to 2024, with their names over the years and how
//!   they nest (fetched by the page when a file or the area search needs it;
//!   compiled into the command line, the import worker and the tests);
//! - `public/geography/population.tsv`: mid-year population estimates per area
//!   and Census 2021 households (fetched only when a file needs them).
//!
//! The `.rda` lookups are read through the CSV copies beside them (converted with
//! Python's `rdata`, values unchanged), so this needs no R reader.
//!
//! Run: `cargo run --example make_geography -- ../shared/data/geo` (`make geography`).
//! The output is byte-for-byte reproducible; `make check-geography` proves the
//! committed files current.

use calamine::{open_workbook_auto, Data, Reader};
use csp_workbench::core::geography::{asset, Area, Geography, Kind, Piece, Population};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

const GEOGRAPHY_OUT: &str = "public/geography/geography.tsv";
const POPULATION_OUT: &str = "public/geography/population.tsv";

fn main() {
    let root = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data/geo".to_string()),
    );
    let out_dir = PathBuf::from(std::env::args().nth(2).unwrap_or_else(|| ".".to_string()));
    if let Err(e) = run(&root, &out_dir) {
        eprintln!("make_geography: {e}");
        std::process::exit(1);
    }
}

fn run(root: &Path, out_dir: &Path) -> Result<(), String> {
    let geo = build_geography(&root.join("lookups"))?;
    let text = asset::write(&geo, GEOGRAPHY_HEADER);
    let parsed = asset::parse(&text)?;
    let population = build_population(&root.join("population"), &parsed)?;
    write(&out_dir.join(GEOGRAPHY_OUT), &text)?;
    write(
        &out_dir.join(POPULATION_OUT),
        &population.write(POPULATION_HEADER),
    )?;
    let count = |k: Kind, current: bool| {
        parsed
            .areas()
            .iter()
            .filter(|a| a.kind == k && (!current || a.is_current()))
            .count()
    };
    eprintln!(
        "make_geography: {} areas ({} districts, {} current; {} partnerships, {} current; {} forces; {} counties; {} regions), {} pieces; populations for {} codes over {} years, households for {}",
        parsed.areas().len(),
        count(Kind::District, false),
        count(Kind::District, true),
        count(Kind::Csp, false),
        count(Kind::Csp, true),
        count(Kind::Force, true),
        count(Kind::County, false),
        count(Kind::Region, false),
        parsed.pieces().len(),
        population.people.len(),
        population.years.len(),
        population.households.len()
    );
    Ok(())
}

const GEOGRAPHY_HEADER: &str = "The national geography of England and Wales, written by examples/make_geography.rs; do not edit.
Sources (Office for National Statistics, Open Geography Portal; Open Government Licence v3.0;
contains OS data (c) Crown copyright and database right):
  Local Authority District to Community Safety Partnerships to Police Force Areas lookups, December 2018 and December 2019;
  LAD (Dec 2024) to CSP to PFA (lookup_ltla24_csp24_pfa24, via humaniverse/geographr, CSV copy);
  Community Safety Partnerships (Dec 2019) and Police Force Areas (Dec 2019) names and codes;
  Local Authority Districts (April 2020) names and codes; LAD to County (April 2020); LTLA to UTLA (April 2019, 2023);
  LAD to Region (December 2018, 2024); LAD 2022 to LAD 2023 (mergers of April 2023);
  drkane/geo-lookups la_all_codes (every district code since 2011 and its current successor; ONS data);
  mySociety uk_local_authorities_future (other spellings of council names).
Lines: A area (code, kind L district / C partnership / U county / F force / R region / N country, first and last
lookup year, name, other names, successors); P piece (district, partnership, force, 2024); U district's county;
R district's region; S former district that is exactly a partnership's area.";

const POPULATION_HEADER: &str = "Built-in populations, written by examples/make_geography.rs; do not edit.
People: ONS mid-year population estimates for England and Wales, mid-2011 to mid-2023, from the mid-2023 release
(table MYE4 as copied in regionalpopulation.csv): mid-2012 to mid-2020 are the Census 2021-based back series,
used throughout rather than mixing in the older mid-2020 release, whose figures for those years differ.
Districts abolished in April 2023 (not in that release): mid-2011 and mid-2021 only, from the mid-2021 release
(table MYE4, April 2021 districts); their mid-2011 figures are the same series, mid-2021 was later revised slightly.
Households: Census 2021, households with at least one usual resident (ONS, table H01, rounded to 100), on
2021 districts; the four unitary authorities of April 2023 are the sums of the districts they replaced.
Open Government Licence v3.0. Lines: Y years; P code and one estimate per year; H code and households.";

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

type Row = HashMap<String, String>;

fn read_csv(path: &Path) -> Result<Vec<Row>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        rows.push(
            headers
                .iter()
                .cloned()
                .zip(record.iter().map(|v| v.trim().to_string()))
                .collect(),
        );
    }
    Ok(rows)
}

fn field<'a>(row: &'a Row, name: &str) -> &'a str {
    row.get(name).map(String::as_str).unwrap_or("")
}

/// Areas as they are gathered: code → (kind, names by year, years seen).
#[derive(Default)]
struct Gathered {
    areas: BTreeMap<String, Seen>,
}

struct Seen {
    kind: Kind,
    /// (year, name), every sighting.
    names: Vec<(u16, String)>,
    extra_names: BTreeSet<String>,
    successors: BTreeSet<String>,
}

impl Gathered {
    fn see(&mut self, code: &str, name: &str, kind: Kind, year: u16) {
        if !is_england_or_wales(code) || name.is_empty() {
            return;
        }
        let seen = self.areas.entry(code.to_string()).or_insert_with(|| Seen {
            kind,
            names: Vec::new(),
            extra_names: BTreeSet::new(),
            successors: BTreeSet::new(),
        });
        seen.names.push((year, name.to_string()));
    }

    fn alias(&mut self, code: &str, name: &str) {
        if let Some(seen) = self.areas.get_mut(code) {
            let clean = name.trim();
            // "Kingston upon Hull, City of" split at its comma leaves "City of".
            let fragment = matches!(clean.to_lowercase().as_str(), "city of" | "county of");
            if !clean.is_empty() && !fragment && !clean.contains(['\u{fffd}', 'ï']) {
                seen.extra_names.insert(clean.to_string());
            }
        }
    }
}

fn is_england_or_wales(code: &str) -> bool {
    code.len() == 9 && code.starts_with(['E', 'W', 'K'])
}

/// Forces as they name themselves: "Devon and Cornwall", "City of London".
fn force_name(ons: &str) -> String {
    match ons {
        "London, City of" => "City of London".to_string(),
        other => other.replace(" & ", " and "),
    }
}

fn build_geography(dir: &Path) -> Result<Geography, String> {
    let mut g = Gathered::default();
    let lookup_2018 = read_csv(&dir.join("Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas_(December_2018)_Lookup_in_England_and_Wales.csv"))?;
    let lookup_2019 = read_csv(&dir.join("Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas_(December_2019)_Lookup_in_England_and_Wales.csv"))?;
    let lookup_2024 = read_csv(&dir.join("lookup_ltla24_csp24_pfa24.csv"))?;
    let lad_cty_2020 = read_csv(
        &dir.join("Local_Authority_District_to_County_(April_2020)_Lookup_in_England.csv"),
    )?;
    let lad_rgn_2018 = read_csv(
        &dir.join("Local_Authority_District_to_Region_(December_2018)_Lookup_in_England.csv"),
    )?;
    let lad_names_2020 =
        read_csv(&dir.join(
            "Local_Authority_Districts_(April_2020)_Names_and_Codes_in_the_United_Kingdom.csv",
        ))?;
    let utla_2019 = read_csv(&dir.join("Lower_Tier_Local_Authority_to_Upper_Tier_Local_Authority_(April_2019)_Lookup_in_England_and_Wales.csv"))?;
    let csp_names_2019 = read_csv(&dir.join(
        "Community_Safety_Partnerships_(December_2019)_Names_and_Codes_in_England_and_Wales.csv",
    ))?;
    let pfa_names_2019 = read_csv(
        &dir.join("Police_Force_Areas_(December_2019)_Names_and_Codes_in_the_United_Kingdom.csv"),
    )?;
    let ltla22_23 = read_csv(&dir.join("lookup_ltla22_ltla23.csv"))?;
    let utla_2023 = read_csv(&dir.join("lookup_ltla23_utla23.csv"))?;
    let rgn_2024 = read_csv(&dir.join("lookup_ltla24_region24.csv"))?;
    let all_codes = read_csv(&dir.join("la_all_codes.csv"))?;
    let mysociety = read_csv(&dir.join("uk_local_authorities_future.csv"))?;

    for (rows, year, suffix) in [(&lookup_2018, 2018, "18"), (&lookup_2019, 2019, "19")] {
        for r in rows.iter() {
            let f = |p: &str| field(r, &format!("{p}{suffix}CD"));
            let n = |p: &str| field(r, &format!("{p}{suffix}NM"));
            g.see(f("LAD"), n("LAD"), Kind::District, year);
            g.see(f("CSP"), n("CSP"), Kind::Csp, year);
            g.see(f("PFA"), &force_name(n("PFA")), Kind::Force, year);
        }
    }
    for r in &lookup_2024 {
        g.see(
            field(r, "ltla24_code"),
            field(r, "ltla24_name"),
            Kind::District,
            2024,
        );
        g.see(
            field(r, "csp24_code"),
            field(r, "csp24_name"),
            Kind::Csp,
            2024,
        );
        g.see(
            field(r, "pfa24_code"),
            &force_name(field(r, "pfa24_name")),
            Kind::Force,
            2024,
        );
    }
    for r in &csp_names_2019 {
        g.see(field(r, "CSP19CD"), field(r, "CSP19NM"), Kind::Csp, 2019);
        g.alias(field(r, "CSP19CD"), field(r, "CSP19NMW"));
    }
    for r in &pfa_names_2019 {
        let name = field(r, "PFA19NM");
        g.see(field(r, "PFA19CD"), &force_name(name), Kind::Force, 2019);
        g.alias(field(r, "PFA19CD"), name);
    }
    for r in &lad_names_2020 {
        g.see(
            field(r, "LAD20CD"),
            field(r, "LAD20NM"),
            Kind::District,
            2020,
        );
        g.alias(field(r, "LAD20CD"), field(r, "LAD20NMW"));
    }
    for r in &lad_cty_2020 {
        g.see(
            field(r, "LAD20CD"),
            field(r, "LAD20NM"),
            Kind::District,
            2020,
        );
        g.see(field(r, "CTY20CD"), field(r, "CTY20NM"), Kind::County, 2020);
    }
    for r in &utla_2019 {
        g.see(
            field(r, "LTLA19CD"),
            field(r, "LTLA19NM"),
            Kind::District,
            2019,
        );
        if field(r, "UTLA19CD").starts_with("E10") {
            g.see(
                field(r, "UTLA19CD"),
                field(r, "UTLA19NM"),
                Kind::County,
                2019,
            );
        }
    }
    for r in &lad_rgn_2018 {
        g.see(
            field(r, "LAD18CD"),
            field(r, "LAD18NM"),
            Kind::District,
            2018,
        );
        g.see(field(r, "RGN18CD"), field(r, "RGN18NM"), Kind::Region, 2018);
    }
    for r in &ltla22_23 {
        g.see(
            field(r, "ltla22_code"),
            field(r, "ltla22_name"),
            Kind::District,
            2022,
        );
        g.see(
            field(r, "ltla23_code"),
            field(r, "ltla23_name"),
            Kind::District,
            2023,
        );
    }
    // The county lookup of 2023 is the newest: its counties are current.
    for r in &utla_2023 {
        g.see(
            field(r, "ltla23_code"),
            field(r, "ltla23_name"),
            Kind::District,
            2023,
        );
        if field(r, "utla23_code").starts_with("E10") {
            g.see(
                field(r, "utla23_code"),
                field(r, "utla23_name"),
                Kind::County,
                2024,
            );
        }
    }
    for r in &rgn_2024 {
        g.see(
            field(r, "ltla24_code"),
            field(r, "ltla24_name"),
            Kind::District,
            2024,
        );
        g.see(
            field(r, "region24_code"),
            field(r, "region24_name"),
            Kind::Region,
            2024,
        );
    }
    g.see("E92000001", "England", Kind::Country, 2024);
    g.see("W92000004", "Wales", Kind::Country, 2024);
    g.see("K04000001", "England and Wales", Kind::Country, 2024);
    // Every district code since 2011, with the code that replaced it.
    for r in &all_codes {
        let code = field(r, "LADCD");
        if !is_england_or_wales(code) {
            continue;
        }
        if !g.areas.contains_key(code) {
            g.see(code, field(r, "LADNM"), Kind::District, 2011);
        } else {
            g.alias(code, field(r, "LADNM"));
        }
        let active = field(r, "LADCD_ACTIVE");
        if active != code && !active.is_empty() {
            if let Some(seen) = g.areas.get_mut(code) {
                seen.successors.insert(active.to_string());
            }
        }
    }
    for r in &ltla22_23 {
        let (old, new) = (field(r, "ltla22_code"), field(r, "ltla23_code"));
        if old != new {
            if let Some(seen) = g.areas.get_mut(old) {
                seen.successors.insert(new.to_string());
            }
        }
    }
    for r in &mysociety {
        let codes: Vec<&str> = std::iter::once(field(r, "gss-code"))
            .chain(field(r, "former-gss-codes").split(','))
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        // alt-names is a comma-separated list, and a name may hold a comma:
        // "Bournemouth, Christchurch and Poole" split there would make
        // "Bournemouth" (a partnership's own name) an alias of the merged
        // district. A piece of a comma-holding name is not a name of its own.
        let named = [field(r, "official-name"), field(r, "nice-name")];
        // ("Kingston upon Hull, City of" is an inversion: its first part is a name.)
        let pieces: Vec<String> = named
            .iter()
            .filter(|n| n.contains(','))
            .filter(|n| {
                let last = n.rsplit(',').next().unwrap_or("").trim().to_lowercase();
                !matches!(last.as_str(), "city of" | "county of")
            })
            .flat_map(|n| n.split(','))
            .map(|p| p.trim().to_lowercase())
            .collect();
        for code in codes {
            for name in named.into_iter().chain(
                field(r, "alt-names")
                    .split(',')
                    .filter(|n| !pieces.contains(&n.trim().to_lowercase())),
            ) {
                g.alias(code, name);
            }
        }
    }
    // Forces as partners and police.uk spell them.
    g.alias("E23000001", "Metropolitan Police Service");
    g.alias("E23000034", "City of London Police");
    // ONS population tables call the region "East".
    g.alias("E12000006", "East");

    let areas: Vec<Area> = g
        .areas
        .iter()
        .map(|(code, seen)| {
            let first = seen.names.iter().map(|(y, _)| *y).min().unwrap_or(2011);
            let last = seen.names.iter().map(|(y, _)| *y).max().unwrap_or(2011);
            // The newest name; on a tie, the one listed most often.
            let name = seen
                .names
                .iter()
                .filter(|(y, _)| *y == last)
                .map(|(_, n)| n.clone())
                .min()
                .unwrap_or_default();
            let mut aliases: BTreeSet<String> = seen
                .names
                .iter()
                .map(|(_, n)| n.clone())
                .chain(seen.extra_names.iter().cloned())
                .collect();
            aliases.remove(&name);
            // Spellings that differ only in case, spacing or council words
            // ("Hartlepool Borough Council", "Hartlepool UA") add nothing: the
            // app matches those by taking the words off.
            use csp_workbench::core::geography::names;
            let own = names::key(&name);
            let mut keys: BTreeSet<String> = BTreeSet::from([own.clone()]);
            let aliases: Vec<String> = aliases
                .into_iter()
                .filter(|a| {
                    let key = names::key(a);
                    let bare = names::stripped(&key).map(|(b, _)| b);
                    bare.as_ref() != Some(&own) && keys.insert(key)
                })
                .collect();
            Area {
                code: code.clone(),
                kind: seen.kind,
                name,
                aliases,
                first,
                last,
                successors: seen.successors.iter().cloned().collect(),
            }
        })
        .collect();
    let id: HashMap<&str, usize> = areas
        .iter()
        .enumerate()
        .map(|(i, a)| (a.code.as_str(), i))
        .collect();
    let mut pieces = Vec::new();
    for r in &lookup_2024 {
        pieces.push(Piece {
            district: id[field(r, "ltla24_code")],
            csp: id[field(r, "csp24_code")],
            force: id[field(r, "pfa24_code")],
        });
    }
    pieces.sort_by_key(|p| (areas[p.district].code.clone(), areas[p.csp].code.clone()));
    let current: BTreeSet<usize> = pieces.iter().map(|p| p.district).collect();
    let mut county_of = HashMap::new();
    for r in &utla_2023 {
        let (lad, utla) = (field(r, "ltla23_code"), field(r, "utla23_code"));
        if utla.starts_with("E10") && current.contains(&id[lad]) {
            county_of.insert(id[lad], id[utla]);
        }
    }
    let mut region_of = HashMap::new();
    for r in &rgn_2024 {
        region_of.insert(id[field(r, "ltla24_code")], id[field(r, "region24_code")]);
    }
    for d in &current {
        if areas[*d].code.starts_with('W') {
            region_of.insert(*d, id["W92000004"]);
        }
    }
    // A former district that was, on its own, a partnership still listed today.
    let current_csps: BTreeSet<usize> = pieces.iter().map(|p| p.csp).collect();
    let mut same_as_csp = HashMap::new();
    for (rows, suffix) in [(&lookup_2018, "18"), (&lookup_2019, "19")] {
        let mut members: HashMap<&str, Vec<&str>> = HashMap::new();
        for r in rows.iter() {
            members
                .entry(field(r, &format!("CSP{suffix}CD")))
                .or_default()
                .push(field(r, &format!("LAD{suffix}CD")));
        }
        for (csp, lads) in members {
            if let ([lad], Some(&csp_id)) = (lads.as_slice(), id.get(csp)) {
                if !current.contains(&id[lad]) && current_csps.contains(&csp_id) {
                    same_as_csp.insert(id[lad], csp_id);
                }
            }
        }
    }
    Ok(Geography::build(
        areas,
        pieces,
        county_of,
        region_of,
        same_as_csp,
    ))
}

fn build_population(dir: &Path, geo: &Geography) -> Result<Population, String> {
    let rows = read_csv(&dir.join("regionalpopulation.csv"))?;
    let years: Vec<u16> = (2011..=2023).collect();
    let mut people: BTreeMap<String, Vec<Option<u32>>> = BTreeMap::new();
    let mut unmatched = Vec::new();
    for r in &rows {
        let kind = match field(r, "Geography") {
            "Country" => Kind::Country,
            "Region" => Kind::Region,
            "County" => Kind::County,
            "Unitary Authority"
            | "Metropolitan District"
            | "Non-metropolitan District"
            | "London Borough" => Kind::District,
            // Metropolitan counties are no area of the lookups.
            _ => continue,
        };
        let name = field(r, "Name");
        let Some(area) = geo
            .candidates(name)
            .into_iter()
            .map(|id| geo.area(id))
            .find(|a| a.kind == kind && a.is_current())
        else {
            unmatched.push(name.to_string());
            continue;
        };
        let values = years
            .iter()
            .map(|y| {
                let cell = field(r, &format!("Mid-{y}"));
                cell.parse::<f64>().ok().map(|v| v.round() as u32)
            })
            .collect();
        people.insert(area.code.clone(), values);
    }
    if !unmatched.is_empty() {
        return Err(format!(
            "regionalpopulation.csv names no area of the lookups: {}",
            unmatched.join(", ")
        ));
    }
    let missing: Vec<&str> = geo
        .areas()
        .iter()
        .filter(|a| a.kind == Kind::District && a.is_current())
        .filter(|a| !people.contains_key(&a.code))
        .map(|a| a.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "no population for current districts: {}",
            missing.join(", ")
        ));
    }
    former_districts(dir, geo, &years, &mut people)?;
    Ok(Population {
        years,
        people: people.into_iter().collect(),
        households: census_households(dir, geo)?.into_iter().collect(),
    })
}

/// Districts abolished in April 2023 (Allerdale, Craven, Mendip…) are not in the
/// mid-2023 release, but the partnerships of the same name still are: their
/// mid-2011 and mid-2021 estimates from the mid-2021 release (table MYE4, April 2021
/// districts), whose mid-2011 figures are the same series (they add up to the new
/// unitaries' exactly) and whose mid-2021 figures ONS later revised slightly.
fn former_districts(
    dir: &Path,
    geo: &Geography,
    years: &[u16],
    people: &mut BTreeMap<String, Vec<Option<u32>>>,
) -> Result<(), String> {
    let path = dir.join("ukpopestimatesmid2021on2021geographyfinal.xls");
    let mut book = open_workbook_auto(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let range = book
        .worksheet_range("MYE4")
        .map_err(|e| format!("{}: MYE4: {e}", path.display()))?;
    let number = |cell: Option<&Data>| match cell {
        Some(Data::Float(v)) => Some(v.round() as u32),
        Some(Data::Int(v)) => u32::try_from(*v).ok(),
        _ => None,
    };
    let year_index = |y: u16| years.iter().position(|x| *x == y);
    let (Some(i2021), Some(i2011)) = (year_index(2021), year_index(2011)) else {
        return Err("the population years do not include 2011 and 2021".to_string());
    };
    let mut added = 0;
    for row in range.rows() {
        let Some(Data::String(code)) = row.first() else {
            continue;
        };
        let Some(area) = geo.by_code(code.trim()) else {
            continue;
        };
        if area.kind != Kind::District || area.is_current() || people.contains_key(&area.code) {
            continue;
        }
        let mut values = vec![None; years.len()];
        values[i2021] = number(row.get(3));
        values[i2011] = number(row.get(4));
        people.insert(area.code.clone(), values);
        added += 1;
    }
    if added == 0 {
        return Err(format!("{}: MYE4 gave no former district", path.display()));
    }
    Ok(())
}

/// Census 2021 table H01: households per area, on 2021 districts; the April 2023
/// unitaries are the sums of the districts they replaced.
fn census_households(dir: &Path, geo: &Geography) -> Result<BTreeMap<String, u32>, String> {
    let path = dir.join("census2021firstresultsenglandwales1.xlsx");
    let mut book = open_workbook_auto(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let range = book
        .worksheet_range("H01")
        .map_err(|e| format!("{}: H01: {e}", path.display()))?;
    let mut households = BTreeMap::new();
    for row in range.rows() {
        let (Some(Data::String(code)), Some(value)) = (row.first(), row.get(2)) else {
            continue;
        };
        let value = match value {
            Data::Float(v) => *v,
            Data::Int(v) => *v as f64,
            _ => continue,
        };
        if is_england_or_wales(code.trim()) {
            households.insert(code.trim().to_string(), value.round() as u32);
        }
    }
    if households.len() < 300 {
        return Err(format!(
            "{}: H01 gave households for only {} areas",
            path.display(),
            households.len()
        ));
    }
    for area in geo.areas() {
        if area.kind != Kind::District || !area.is_current() || households.contains_key(&area.code)
        {
            continue;
        }
        let parts: Vec<u32> = geo
            .areas()
            .iter()
            .filter(|a| a.successors.contains(&area.code) && a.last >= 2022)
            .filter_map(|a| households.get(&a.code).copied())
            .collect();
        if parts.is_empty() {
            return Err(format!("no Census 2021 households for {}", area.describe()));
        }
        households.insert(area.code.clone(), parts.iter().sum());
    }
    Ok(households)
}
