//! Built-in populations: ONS mid-year estimates per district, county, region and
//! country, and Census 2021 households, kept in `public/geography/population.tsv`
//! and fetched only when a file needs a population it does not carry. An area
//! the file does not list is the sum of its districts where it is made of whole
//! districts; a partnership covering part of a district has no built-in figure,
//! and says why.

use super::area::Kind;
use super::Geography;

/// Where the app finds the file, beside its own files (`public/` in the source).
pub const ASSET_PATH: &str = "geography/population.tsv";

/// The series the estimates come from, for provenance and the notes.
pub const SERIES: &str = "ONS mid-year population estimates, mid-2023 release (Census 2021-based back series for mid-2012 to mid-2020)";
/// The series for districts abolished in April 2023, which the mid-2023 release omits.
pub const FORMER_SERIES: &str = "ONS mid-year population estimates, mid-2021 release (April 2021 districts; mid-2011 and mid-2021 only)";
pub const HOUSEHOLDS_SOURCE: &str = "Census 2021 households (ONS, table H01, rounded to 100)";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Population {
    pub years: Vec<u16>,
    /// (code, one estimate per year of `years`, `None` where the source has
    /// none), in code order.
    pub people: Vec<(String, Vec<Option<u32>>)>,
    /// (code, households with at least one usual resident, Census 2021), in code order.
    pub households: Vec<(String, u32)>,
}

/// One denominator and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub value: f64,
    /// The mid-year of the estimate (2021 for the Census households).
    pub year: u16,
    /// The code the figure is listed under, or the districts it adds up.
    pub from: String,
    /// The release the figure comes from (`SERIES`, or `FORMER_SERIES`).
    pub series: &'static str,
}

impl Population {
    pub fn write(&self, header: &str) -> String {
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push('Y');
        for y in &self.years {
            out.push_str(&format!("\t{y}"));
        }
        out.push('\n');
        for (code, values) in &self.people {
            out.push_str(&format!("P\t{code}"));
            for v in values {
                match v {
                    Some(v) => out.push_str(&format!("\t{v}")),
                    None => out.push('\t'),
                }
            }
            out.push('\n');
        }
        for (code, h) in &self.households {
            out.push_str(&format!("H\t{code}\t{h}\n"));
        }
        out
    }

    /// The table from its text, or a sentence saying which line is wrong.
    pub fn parse(text: &str) -> Result<Population, String> {
        let mut population = Population::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let bad = || {
                format!(
                    "line {} of the built-in populations is not understood",
                    n + 1
                )
            };
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["Y", years @ ..] => {
                    population.years = years
                        .iter()
                        .map(|y| y.parse().map_err(|_| bad()))
                        .collect::<Result<_, _>>()?;
                }
                ["P", code, values @ ..] if values.len() == population.years.len() => {
                    let values = values
                        .iter()
                        .map(|v| match v.is_empty() {
                            true => Ok(None),
                            false => v.parse().map(Some).map_err(|_| bad()),
                        })
                        .collect::<Result<_, _>>()?;
                    population.people.push((code.to_string(), values));
                }
                ["H", code, value] => {
                    population
                        .households
                        .push((code.to_string(), value.parse().map_err(|_| bad())?));
                }
                _ => return Err(bad()),
            }
        }
        if population.years.is_empty() {
            return Err("the built-in populations have no years".to_string());
        }
        crate::core::sorting::sort_by(&mut population.people, |a, b| a.0.cmp(&b.0));
        crate::core::sorting::sort_by(&mut population.households, |a, b| a.0.cmp(&b.0));
        Ok(population)
    }

    /// The estimates listed under a code, one per year.
    pub fn people_listed(&self, code: &str) -> Option<&[Option<u32>]> {
        let i = self
            .people
            .binary_search_by(|(c, _)| c.as_str().cmp(code))
            .ok()?;
        Some(&self.people[i].1)
    }

    /// The households listed under a code.
    pub fn households_listed(&self, code: &str) -> Option<u32> {
        let i = self
            .households
            .binary_search_by(|(c, _)| c.as_str().cmp(code))
            .ok()?;
        Some(self.households[i].1)
    }

    /// The estimate for the area in each year the source covers.
    pub fn people(&self, geo: &Geography, id: usize) -> Result<Vec<Estimate>, String> {
        let codes = self.listed_as(geo, id, |code| self.people_listed(code).is_some())?;
        let former = codes
            .iter()
            .any(|c| geo.by_code(c).is_some_and(|a| !a.is_current()));
        let series = if former { FORMER_SERIES } else { SERIES };
        let mut out = Vec::new();
        for (i, year) in self.years.iter().enumerate() {
            let values: Option<Vec<u32>> = codes
                .iter()
                .map(|c| {
                    self.people_listed(c)
                        .and_then(|v| v.get(i).copied().flatten())
                })
                .collect();
            if let Some(values) = values {
                out.push(Estimate {
                    value: values.iter().map(|v| f64::from(*v)).sum(),
                    year: *year,
                    from: describe_sum(geo, &codes),
                    series,
                });
            }
        }
        Ok(out)
    }

    /// Census 2021 households for the area.
    pub fn households_of(&self, geo: &Geography, id: usize) -> Result<Estimate, String> {
        let codes = self.listed_as(geo, id, |code| self.households_listed(code).is_some())?;
        Ok(Estimate {
            value: codes
                .iter()
                .filter_map(|c| self.households_listed(c))
                .map(f64::from)
                .sum(),
            year: 2021,
            from: describe_sum(geo, &codes),
            series: HOUSEHOLDS_SOURCE,
        })
    }

    /// The codes whose figures make up the area: its own, or its whole districts'.
    fn listed_as(
        &self,
        geo: &Geography,
        id: usize,
        listed: impl Fn(&str) -> bool,
    ) -> Result<Vec<String>, String> {
        let area = geo.area(id);
        if listed(&area.code) {
            return Ok(vec![area.code.clone()]);
        }
        // A partnership that is a former district's ground: Allerdale within Cumberland.
        if let Some(former) = geo
            .former_district_of(id)
            .filter(|d| listed(&geo.area(*d).code))
        {
            return Ok(vec![geo.area(former).code.clone()]);
        }
        let pieces = geo.pieces_of(id).ok_or_else(|| {
            format!(
                "{} is not in the built-in populations, and the lookups do not say which districts it covers",
                area.describe()
            )
        })?;
        let mut districts: Vec<usize> = pieces.iter().map(|p| geo.pieces()[p].district).collect();
        crate::core::sorting::sort(&mut districts);
        districts.dedup();
        let mut codes = Vec::new();
        for district in districts {
            let whole = geo.pieces_of(district).unwrap_or_default();
            if !whole.is_subset(&pieces) {
                return Err(format!(
                    "{} covers only part of {}, and the built-in files do not give that part's population",
                    area.name,
                    geo.area(district).name
                ));
            }
            let code = &geo.area(district).code;
            if !listed(code) {
                return Err(format!(
                    "the built-in populations do not list {}",
                    geo.area(district).describe()
                ));
            }
            codes.push(code.clone());
        }
        debug_assert!(geo.area(id).kind != Kind::District || codes.len() == 1);
        Ok(codes)
    }
}

/// "E07000116", or "the sum of 12 districts (E07000105, …)".
fn describe_sum(geo: &Geography, codes: &[String]) -> String {
    match codes {
        [one] => one.clone(),
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|c| {
                    geo.by_code(c)
                        .map(|a| a.name.clone())
                        .unwrap_or_else(|| c.clone())
                })
                .collect();
            format!("the sum of {} districts: {}", many.len(), names.join(", "))
        }
    }
}
