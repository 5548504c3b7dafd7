//! The figures an assessment reads: the data's own, then those the built-in
//! reference adds (derived county and force totals, built-in populations and
//! households), read where they lie. Added to a copy of the data, a few
//! thousand derived figures cost a copy of hundreds of thousands, each time
//! the data, the geography or the populations change (issue 17).

use super::reference::Reference;
use crate::core::areas::AreaLevel;
use crate::core::dataset::{Dataset, Observation};
use crate::core::geography::{Geography, Population};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The data and what the reference adds, borrowed; in this order they are
/// what `reference::with_reference` would make of the data.
#[derive(Clone, Copy, Debug)]
pub struct Figures<'a> {
    pub data: &'a Dataset,
    added: [&'a [Observation]; 2],
}

impl<'a> From<&'a Dataset> for Figures<'a> {
    fn from(data: &'a Dataset) -> Figures<'a> {
        Figures {
            data,
            added: [&[], &[]],
        }
    }
}

/// What `reference::with_reference` made: its figures are all in the data.
impl<'a> From<&'a std::borrow::Cow<'a, Dataset>> for Figures<'a> {
    fn from(data: &'a std::borrow::Cow<'a, Dataset>) -> Figures<'a> {
        Figures::from(&**data)
    }
}

impl<'a> From<&'a Analysed> for Figures<'a> {
    fn from(analysed: &'a Analysed) -> Figures<'a> {
        analysed.figures()
    }
}

impl<'a> Figures<'a> {
    /// The data's figures, then the derived `totals`, then `denominators`.
    pub fn with(
        data: &'a Dataset,
        totals: &'a [Observation],
        denominators: &'a [Observation],
    ) -> Figures<'a> {
        Figures {
            data,
            added: [totals, denominators],
        }
    }

    /// The figures in order, as consecutive slices.
    pub fn parts(&self) -> [&'a [Observation]; 3] {
        [&self.data.observations, self.added[0], self.added[1]]
    }

    pub fn len(&self) -> usize {
        self.parts().iter().map(|p| p.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a Observation> + 'a {
        let [own, totals, denominators] = self.parts();
        own.iter().chain(totals).chain(denominators)
    }

    /// Every area with figures and its level, as `Dataset::areas_with_levels`
    /// lists them.
    pub fn areas_with_levels(&self) -> Vec<(String, AreaLevel)> {
        let set: BTreeSet<(AreaLevel, &str)> =
            crate::core::sorting::set_of(self.iter().map(|o| (o.area_level, o.area.as_str())));
        set.into_iter().map(|(l, a)| (a.to_string(), l)).collect()
    }
}

/// The data as the assessment reads it, owned: the imported data, shared
/// with whatever else holds it, the reference worked out for it, and the
/// built-in denominators from the populations.
#[derive(Clone, Debug, Default)]
pub struct Analysed {
    pub data: Arc<Dataset>,
    pub reference: Arc<Reference>,
    pub denominators: Vec<Observation>,
}

impl Analysed {
    /// The data with its reference, and the built-in denominators when the
    /// populations are loaded.
    pub fn new(
        data: Arc<Dataset>,
        reference: Arc<Reference>,
        geo: &Geography,
        population: Option<&Population>,
    ) -> Analysed {
        let denominators = population
            .map(|p| reference.denominators(geo, p))
            .unwrap_or_default();
        Analysed {
            data,
            reference,
            denominators,
        }
    }

    /// `Figures::areas_with_levels`, from what the reference read.
    pub fn areas_with_levels(&self) -> Vec<(String, AreaLevel)> {
        self.reference.areas_with_levels(&self.denominators)
    }

    pub fn figures(&self) -> Figures<'_> {
        Figures::with(&self.data, &self.reference.totals, &self.denominators)
    }
}

/// The same data and reference (by identity, not by reading them through)
/// and the same denominators.
impl PartialEq for Analysed {
    fn eq(&self, other: &Analysed) -> bool {
        Arc::ptr_eq(&self.data, &other.data)
            && Arc::ptr_eq(&self.reference, &other.reference)
            && self.denominators == other.denominators
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::assessment::reference::with_reference;
    use crate::core::dataset::{Provenance, Unit, Value};
    use crate::core::period::Period;

    fn figure(area: &str, level: AreaLevel, value: f64) -> Observation {
        Observation {
            measure: "Burglary".into(),
            category: None,
            area: area.into(),
            area_level: level,
            period: Period::calendar_year(2015),
            value: Value::Number(value),
            unit: Unit::Count,
            source: Provenance {
                file: "a.csv".into(),
                sheet: "CSV".into(),
                cell: "B2".into(),
            },
        }
    }

    #[test]
    fn the_figures_are_the_data_then_its_totals_then_its_denominators_as_with_reference_makes_them()
    {
        let geo = crate::core::geography::national();
        let data = Dataset {
            observations: vec![
                figure("Dartford", AreaLevel::District, 10.0),
                figure("Gravesham", AreaLevel::District, 20.0),
            ],
            ..Dataset::default()
        };
        let reference = Arc::new(Reference::of(&data, geo));
        let analysed = Analysed::new(Arc::new(data.clone()), reference, geo, None);
        let read: Vec<&Observation> = analysed.figures().iter().collect();
        let whole = with_reference(&data, geo, None);
        assert_eq!(read, whole.observations.iter().collect::<Vec<_>>());
        assert_eq!(analysed.figures().len(), whole.observations.len());
        assert_eq!(
            analysed.figures().areas_with_levels(),
            whole.areas_with_levels()
        );
        assert_eq!(analysed.areas_with_levels(), whole.areas_with_levels());
        assert_eq!(
            analysed.reference.data_areas_with_levels(),
            data.areas_with_levels()
        );
        let only: Figures = (&data).into();
        assert_eq!(only.len(), 2);
        assert_eq!(analysed, analysed.clone());
    }
}
