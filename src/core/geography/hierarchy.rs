//! How areas nest: the pieces an area is made of, the districts of a county or
//! force, and the county, force, region and country a district lies in.

use super::area::Kind;
use super::Geography;
use super::Pieces;

impl Geography {
    /// The pieces (see `Piece`) that make up an area, or `None` when the lookups
    /// cannot say exactly (a district abolished before it could be matched to a
    /// partnership of the same area).
    pub fn pieces_of(&self, id: usize) -> Option<Pieces> {
        self.pieces_cache
            .get_or_init(|| {
                (0..self.areas.len())
                    .map(|i| self.work_out_pieces(i))
                    .collect()
            })
            .get(id)
            .copied()
            .flatten()
    }

    fn work_out_pieces(&self, id: usize) -> Option<Pieces> {
        let area = &self.areas[id];
        let select = |keep: &dyn Fn(&super::Piece) -> bool| -> Option<Pieces> {
            let mut set = Pieces::default();
            for (i, p) in self.pieces.iter().enumerate() {
                if keep(p) {
                    set.insert(i);
                }
            }
            (!set.is_empty()).then_some(set)
        };
        match area.kind {
            Kind::District if area.is_current() => select(&|p| p.district == id),
            Kind::District => {
                let csp = self.same_as_csp.get(id).copied().flatten()?;
                self.work_out_pieces(csp)
            }
            Kind::Csp => select(&|p| p.csp == id),
            Kind::Force => select(&|p| p.force == id),
            Kind::County => select(&|p| self.county_of.get(p.district) == Some(&Some(id))),
            Kind::Region => select(&|p| self.region_of.get(p.district) == Some(&Some(id))),
            Kind::Country => match area.code.chars().next() {
                Some('K') => select(&|_| true),
                Some(c) => select(&|p| self.areas[p.district].code.starts_with(c)),
                None => None,
            },
        }
    }

    /// The current districts whose pieces all lie in the area (a county's or a
    /// force's districts), and the partnerships in it that are not simply one
    /// district (Dartford and Gravesham; Allerdale within Cumberland).
    pub fn districts_of(&self, id: usize) -> Vec<usize> {
        let Some(whole) = self.pieces_of(id) else {
            return Vec::new();
        };
        let mut out: Vec<usize> = Vec::new();
        for (other, area) in self.areas.iter().enumerate() {
            if other == id || !area.is_current() || !matches!(area.kind, Kind::District | Kind::Csp)
            {
                continue;
            }
            let Some(pieces) = self.pieces_of(other) else {
                continue;
            };
            if !pieces.is_subset(&whole) {
                continue;
            }
            if area.kind == Kind::Csp && self.is_one_district(&pieces) {
                continue;
            }
            out.push(other);
        }
        crate::core::sorting::sort_by(&mut out, |a, b| {
            self.areas[*a].name.cmp(&self.areas[*b].name)
        });
        out
    }

    /// Whether the pieces are exactly one current district.
    fn is_one_district(&self, pieces: &Pieces) -> bool {
        let Some(first) = pieces.iter().next() else {
            return false;
        };
        let district = self.pieces[first].district;
        self.pieces_of(district).as_ref() == Some(pieces)
    }

    /// The wider areas a district or partnership lies wholly in, narrowest first:
    /// its county (where it has one), police force area, region and country, and
    /// England and Wales.
    pub fn containing(&self, id: usize) -> Vec<usize> {
        let Some(pieces) = self.pieces_of(id) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for kind in [Kind::County, Kind::Force, Kind::Region, Kind::Country] {
            let mut found: Vec<usize> = self
                .areas
                .iter()
                .enumerate()
                .filter(|(other, a)| *other != id && a.kind == kind && a.is_current())
                .filter(|(other, _)| {
                    self.pieces_of(*other)
                        .is_some_and(|whole| pieces.is_subset(&whole))
                })
                .map(|(other, _)| other)
                .collect();
            // England before England and Wales.
            crate::core::sorting::sort_by_key(&mut found, |other| {
                self.areas[*other].code.starts_with('K')
            });
            out.extend(found);
        }
        out
    }

    /// Current districts split between several partnerships, with those partnerships.
    pub fn split_districts(&self) -> Vec<(usize, Vec<usize>)> {
        let mut out = Vec::new();
        for (id, area) in self.areas.iter().enumerate() {
            if area.kind != Kind::District || !area.is_current() {
                continue;
            }
            let mut csps: Vec<usize> = self
                .pieces
                .iter()
                .filter(|p| p.district == id)
                .map(|p| p.csp)
                .collect();
            crate::core::sorting::sort(&mut csps);
            csps.dedup();
            if csps.len() > 1 {
                out.push((id, csps));
            }
        }
        out
    }

    /// The current districts a partnership is made of, when it is two or more
    /// whole districts (Dartford and Gravesham); `None` for a partnership of one
    /// district, or of part of one (Allerdale within Cumberland), or of parts the
    /// lookups do not give as whole districts (Dorset with part of Bournemouth,
    /// Christchurch and Poole): its figures cannot be the sum of whole districts.
    pub fn member_districts(&self, csp: usize) -> Option<Vec<usize>> {
        let area = self.areas.get(csp)?;
        if area.kind != Kind::Csp || !area.is_current() {
            return None;
        }
        let whole = self.pieces_of(csp)?;
        let mut members: Vec<usize> = Vec::new();
        let mut covered = Pieces::default();
        for piece in whole.iter() {
            let district = self.pieces[piece].district;
            if members.contains(&district) {
                continue;
            }
            let own = self.pieces_of(district)?;
            if !own.is_subset(&whole) {
                return None;
            }
            covered.union_with(&own);
            members.push(district);
        }
        (covered == whole && members.len() > 1).then(|| {
            crate::core::sorting::sort_by(&mut members, |a, b| {
                self.areas[*a].name.cmp(&self.areas[*b].name)
            });
            members
        })
    }

    /// The partnerships of several whole districts that this district is one of.
    pub fn combined_partnerships_of(&self, district: usize) -> Vec<usize> {
        self.pieces
            .iter()
            .filter(|p| p.district == district)
            .map(|p| p.csp)
            .filter(|csp| self.member_districts(*csp).is_some())
            .fold(Vec::new(), |mut out, csp| {
                if !out.contains(&csp) {
                    out.push(csp);
                }
                out
            })
    }

    /// Whether two areas are the same ground (a district and its partnership).
    pub fn same_ground(&self, a: usize, b: usize) -> bool {
        a == b || matches!((self.pieces_of(a), self.pieces_of(b)), (Some(x), Some(y)) if x == y)
    }

    /// The former district that was exactly this partnership's area, if any.
    pub fn former_district_of(&self, csp: usize) -> Option<usize> {
        self.same_as_csp.iter().position(|c| *c == Some(csp))
    }
}
