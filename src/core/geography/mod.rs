//! The national geography of England and Wales, built in: every local authority
//! district, community safety partnership, police force area, county, region and
//! country from the ONS lookups of 2018 to 2024, with renames, mergers and the
//! districts split between partnerships, so an area is known by its code or any
//! of its names in any file. The asset is written by `examples/make_geography.rs`
//! from the shared ONS files; populations live apart (`population`), fetched
//! only when a file needs them.

pub mod area;
pub mod asset;
pub mod hierarchy;
pub mod imd;
pub mod lsoa_code;
pub mod lsoa_runs;
pub mod names;
pub mod pieces;
pub mod population;
pub mod wards;

pub use area::{Area, Kind, CURRENT_YEAR};
pub use pieces::Pieces;
pub use population::{Estimate, Population};

use std::collections::HashMap;
use std::sync::OnceLock;

/// A piece of the country no lookup divides further: one district's part in one
/// partnership (most districts are one piece; Cumberland is three).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub district: usize,
    pub csp: usize,
    pub force: usize,
}

/// Every area, how they nest, and every name they are known by.
#[derive(Clone, Debug, Default)]
pub struct Geography {
    areas: Vec<Area>,
    by_code: HashMap<String, usize>,
    /// Name keys (see `names::key`) → areas.
    by_key: HashMap<String, Vec<usize>>,
    /// Name keys with council and force words taken off → areas.
    by_stripped: HashMap<String, Vec<usize>>,
    pieces: Vec<Piece>,
    /// By area: a current district's county (two-tier areas only).
    county_of: Vec<Option<usize>>,
    /// By area: a current district's region (Wales for Welsh districts).
    region_of: Vec<Option<usize>>,
    /// By area: the current partnership that is exactly a former district's area.
    same_as_csp: Vec<Option<usize>>,
    /// Each area's pieces, worked out once (see `pieces_of`).
    pieces_cache: OnceLock<Vec<Option<Pieces>>>,
}

/// The whole geography, once installed (or, built with `embedded-geography`,
/// read from the copy compiled in).
static NATIONAL: OnceLock<Geography> = OnceLock::new();
/// The part of it a dataset carries (the built-in sample's areas), in use
/// until the whole is installed.
static SLICE: OnceLock<Geography> = OnceLock::new();
#[cfg(not(feature = "embedded-geography"))]
static EMPTY: OnceLock<Geography> = OnceLock::new();

/// Where the browser fetches the geography from (`public/geography/`).
pub const ASSET_PATH: &str = "geography/geography.tsv";

/// What a force whose place-name is shared is called after it: "City of London (force)".
pub const FORCE_QUALIFIER: &str = "(force)";

/// Areas of different levels that share a name would be one area to every
/// table, index and chart that keys areas by name: City of London is a
/// district (E09000001) and a police force area (E23000034), Kent a county and
/// a force, West Midlands a region and a force. Forces take their names from
/// the places they police, so the place keeps the plain name and the force is
/// named "City of London (force)"; the plain name stays an alias, so "City of
/// London Police" and a table of forces still find it.
fn names_apart(mut areas: Vec<Area>) -> Vec<Area> {
    let level = |kind: Kind| match kind {
        Kind::District | Kind::Csp => 0,
        Kind::County => 1,
        Kind::Force => 2,
        Kind::Region => 3,
        Kind::Country => 4,
    };
    let mut levels_of: HashMap<String, Vec<u8>> = HashMap::new();
    for area in &areas {
        levels_of
            .entry(names::key(&area.name))
            .or_default()
            .push(level(area.kind));
    }
    for area in areas.iter_mut().filter(|a| a.kind == Kind::Force) {
        let shared = levels_of
            .get(&names::key(&area.name))
            .is_some_and(|levels| levels.iter().any(|l| *l != level(Kind::Force)));
        if shared {
            let plain = std::mem::take(&mut area.name);
            area.name = format!("{plain} {FORCE_QUALIFIER}");
            area.aliases.insert(0, plain);
        }
    }
    areas
}

/// What a partnership of other ground than the district whose name it shares
/// is called after it: "North Devon (partnership)" is North Devon and Torridge.
pub const PARTNERSHIP_QUALIFIER: &str = "(partnership)";

/// A partnership named as a district is but covering other ground (North
/// Devon's partnership takes in Torridge; Dorset's, part of Bournemouth,
/// Christchurch and Poole) would be that district to every table keyed by
/// name, and its figures, summed from its districts, would be the district's.
/// The district keeps the plain name; the partnership is "North Devon
/// (partnership)", the plain name an alias (a district is preferred for it).
fn partnerships_apart(areas: &mut [Area], pieces: &[Piece]) {
    let ground = |id: usize, of: &dyn Fn(&Piece) -> usize| -> Vec<usize> {
        (0..pieces.len())
            .filter(|i| of(&pieces[*i]) == id)
            .collect()
    };
    let mut districts: HashMap<String, Vec<usize>> = HashMap::new();
    for (id, area) in areas.iter().enumerate() {
        if area.kind == Kind::District && area.is_current() {
            districts
                .entry(names::key(&area.name))
                .or_default()
                .push(id);
        }
    }
    for (csp, area) in areas.iter_mut().enumerate() {
        if area.kind != Kind::Csp || !area.is_current() {
            continue;
        }
        let Some(namesakes) = districts.get(&names::key(&area.name)) else {
            continue;
        };
        let own = ground(csp, &|p| p.csp);
        let apart = !own.is_empty() && namesakes.iter().any(|d| ground(*d, &|p| p.district) != own);
        if apart {
            let plain = std::mem::take(&mut area.name);
            area.name = format!("{plain} {PARTNERSHIP_QUALIFIER}");
            area.aliases.insert(0, plain);
        }
    }
}

/// The national geography: the whole of it where it is compiled in (the
/// command line, the import worker and the tests, with the default feature
/// `embedded-geography`) or has been installed (the page fetches it when a
/// file or the area search needs it); else the slice a dataset carries; else
/// an empty geography, which knows no area.
pub fn national() -> &'static Geography {
    if let Some(whole) = NATIONAL.get() {
        return whole;
    }
    #[cfg(feature = "embedded-geography")]
    {
        NATIONAL.get_or_init(|| asset::parse(EMBEDDED).unwrap_or_default())
    }
    #[cfg(not(feature = "embedded-geography"))]
    {
        SLICE
            .get()
            .unwrap_or_else(|| EMPTY.get_or_init(Geography::default))
    }
}

/// `public/geography/geography.tsv`, written by `examples/make_geography.rs`.
#[cfg(feature = "embedded-geography")]
const EMBEDDED: &str = include_str!("../../../public/geography/geography.tsv");

/// Whether the whole geography is in use (not a dataset's slice of it).
pub fn is_whole() -> bool {
    cfg!(feature = "embedded-geography") || NATIONAL.get().is_some()
}

/// Puts the whole geography, as fetched, in use; an error names what is wrong.
pub fn install(text: &str) -> Result<(), String> {
    if NATIONAL.get().is_none() {
        let geo = asset::parse(text)?;
        if geo.areas.is_empty() {
            return Err("the geography has no areas".to_string());
        }
        let _ = NATIONAL.set(geo);
    }
    Ok(())
}

/// Puts a dataset's slice of the geography in use until the whole is installed
/// (the first slice stays: later data without one fetch the whole).
pub fn install_slice(text: &str) -> Result<(), String> {
    if NATIONAL.get().is_none() && SLICE.get().is_none() {
        let _ = SLICE.set(asset::parse(text)?);
    }
    Ok(())
}

impl Geography {
    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    pub fn area(&self, id: usize) -> &Area {
        &self.areas[id]
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    pub fn id_of_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(&code.trim().to_ascii_uppercase()).copied()
    }

    pub fn by_code(&self, code: &str) -> Option<&Area> {
        self.id_of_code(code).map(|id| &self.areas[id])
    }

    /// The area a label names, by code or by any name, choosing as a reader
    /// would when a name is shared: current before abolished, then a district,
    /// a partnership, a county, a force, a region, a country; "… Police" is a force.
    pub fn find(&self, label: &str) -> Option<usize> {
        if names::is_code(label) {
            return self.id_of_code(label);
        }
        let key = names::key(label);
        if key.is_empty() {
            return None;
        }
        if let Some(ids) = self.by_key.get(&key) {
            return self.best(ids, None);
        }
        let (bare, hint) = names::stripped(&key)?;
        let ids: Vec<usize> = [&self.by_stripped, &self.by_key]
            .into_iter()
            .filter_map(|map| map.get(&bare))
            .flatten()
            .copied()
            .collect();
        self.best(&ids, hint)
    }

    pub fn find_area(&self, label: &str) -> Option<&Area> {
        self.find(label).map(|id| &self.areas[id])
    }

    /// Every area a label could name, best first.
    pub fn candidates(&self, label: &str) -> Vec<usize> {
        let key = names::key(label);
        let mut ids: Vec<usize> = self.by_key.get(&key).cloned().unwrap_or_default();
        if let Some((bare, _)) = names::stripped(&key) {
            for map in [&self.by_key, &self.by_stripped] {
                ids.extend(map.get(&bare).into_iter().flatten());
            }
        }
        crate::core::sorting::sort_by_key(&mut ids, |id| self.preference(*id));
        ids.dedup();
        ids
    }

    /// Current before abolished; then the area that keeps a shared name as
    /// its own before one named apart from it ("West Midlands" is the region,
    /// "West Midlands (force)" the force, as "Kent" is the county); then by kind.
    fn preference(&self, id: usize) -> (bool, bool, Kind, usize) {
        let area = &self.areas[id];
        let named_apart =
            area.name.ends_with(FORCE_QUALIFIER) || area.name.ends_with(PARTNERSHIP_QUALIFIER);
        (!area.is_current(), named_apart, area.kind, id)
    }

    fn best(&self, ids: &[usize], hint: Option<Kind>) -> Option<usize> {
        let hinted = |id: &&usize| match hint {
            // "Tunbridge Wells Borough Council" may be the partnership of the same name.
            Some(Kind::District) => matches!(self.areas[**id].kind, Kind::District | Kind::Csp),
            Some(kind) => self.areas[**id].kind == kind,
            None => true,
        };
        let chosen = ids
            .iter()
            .filter(hinted)
            .min_by_key(|id| self.preference(**id))
            .copied();
        match (chosen, hint) {
            // "Kent Police" must be the force; "X County Council" may be a unitary.
            (None, Some(Kind::Force)) => None,
            (None, _) => ids.iter().min_by_key(|id| self.preference(**id)).copied(),
            (found, _) => found,
        }
    }

    /// The force a name is also the name of ("Dorset", "North Yorkshire", and
    /// "County Durham", which is also called Durham), for tables of forces where a
    /// district or county of the same name is meant as the force.
    pub fn force_named(&self, label: &str) -> Option<&Area> {
        let mut keys = vec![names::key(label)];
        if let Some(area) = self.find_area(label) {
            keys.extend(
                std::iter::once(&area.name)
                    .chain(&area.aliases)
                    .map(|n| names::key(n)),
            );
        }
        let bare: Vec<String> = keys
            .iter()
            .filter_map(|k| names::stripped(k).map(|(b, _)| b))
            .collect();
        keys.extend(bare);
        keys.iter()
            .flat_map(|k| {
                [&self.by_key, &self.by_stripped]
                    .into_iter()
                    .filter_map(move |m| m.get(k))
            })
            .flatten()
            .map(|id| &self.areas[*id])
            .find(|a| a.kind == Kind::Force)
    }

    pub fn build(
        areas: Vec<Area>,
        pieces: Vec<Piece>,
        county_of: HashMap<usize, usize>,
        region_of: HashMap<usize, usize>,
        same_as_csp: HashMap<usize, usize>,
    ) -> Geography {
        let by_area = |map: HashMap<usize, usize>| {
            let mut v = vec![None; areas.len()];
            for (from, to) in map {
                if let Some(slot) = v.get_mut(from) {
                    *slot = Some(to);
                }
            }
            v
        };
        let (county_of, region_of, same_as_csp) =
            (by_area(county_of), by_area(region_of), by_area(same_as_csp));
        let mut areas = names_apart(areas);
        partnerships_apart(&mut areas, &pieces);
        let mut by_code = HashMap::new();
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_stripped: HashMap<String, Vec<usize>> = HashMap::new();
        for (id, area) in areas.iter().enumerate() {
            by_code.insert(area.code.clone(), id);
            for name in std::iter::once(&area.name).chain(&area.aliases) {
                let key = names::key(name);
                if key.is_empty() {
                    continue;
                }
                if let Some((bare, _)) = names::stripped(&key) {
                    let list = by_stripped.entry(bare).or_default();
                    if !list.contains(&id) {
                        list.push(id);
                    }
                }
                let list = by_key.entry(key).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
        Geography {
            areas,
            by_code,
            by_key,
            by_stripped,
            pieces,
            county_of,
            region_of,
            same_as_csp,
            pieces_cache: OnceLock::new(),
        }
    }
}
