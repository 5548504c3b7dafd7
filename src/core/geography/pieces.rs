//! A set of pieces as bits: the lookups have a few hundred, so a fixed array of
//! words does what an ordered set would, in a few instructions and little code.

/// The most pieces the asset may hold.
pub const MAX_PIECES: usize = 64 * WORDS;
const WORDS: usize = 8;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pieces([u64; WORDS]);

impl Pieces {
    pub fn insert(&mut self, piece: usize) {
        if piece < MAX_PIECES {
            self.0[piece / 64] |= 1 << (piece % 64);
        }
    }

    pub fn contains(&self, piece: usize) -> bool {
        piece < MAX_PIECES && self.0[piece / 64] & (1 << (piece % 64)) != 0
    }

    pub fn is_subset(&self, other: &Pieces) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & !b == 0)
    }

    pub fn is_disjoint(&self, other: &Pieces) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & b == 0)
    }

    pub fn union_with(&mut self, other: &Pieces) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..MAX_PIECES).filter(|p| self.contains(*p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_of_pieces() {
        let mut a = Pieces::default();
        a.insert(3);
        a.insert(300);
        let mut b = a;
        b.insert(70);
        assert!(a.is_subset(&b) && !b.is_subset(&a));
        assert_eq!(b.len(), 3);
        assert_eq!(b.iter().collect::<Vec<_>>(), [3, 70, 300]);
        let mut c = Pieces::default();
        c.insert(71);
        assert!(c.is_disjoint(&b));
        c.union_with(&b);
        assert_eq!(c.len(), 4);
        assert!(Pieces::default().is_empty());
    }
}
