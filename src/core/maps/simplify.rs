//! Fewer points for the same outline: Douglas–Peucker on a closed ring, after
//! the points are quantised, so the shipped boundaries stay small.

/// The ring (closed implicitly: the last point joins the first) with every
/// point dropped that lies within `tolerance` of the line its neighbours
/// would draw, and repeated points removed. A ring that would keep fewer
/// than three points is gone (`None`): it is smaller than the tolerance.
pub fn simplify_ring(ring: &[(i64, i64)], tolerance: f64) -> Option<Vec<(i64, i64)>> {
    let mut points: Vec<(i64, i64)> = Vec::with_capacity(ring.len());
    for &p in ring {
        if points.last() != Some(&p) {
            points.push(p);
        }
    }
    while points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    if points.len() < 3 {
        return None;
    }
    // Split the ring at the point farthest from its first, and simplify each
    // half as an open line between fixed ends.
    let far = (1..points.len())
        .max_by(|a, b| {
            distance2(points[0], points[*a]).total_cmp(&distance2(points[0], points[*b]))
        })
        .unwrap_or(1);
    let mut keep = vec![false; points.len() + 1];
    keep[0] = true;
    keep[far] = true;
    keep[points.len()] = true;
    let closed: Vec<(i64, i64)> = points
        .iter()
        .copied()
        .chain(std::iter::once(points[0]))
        .collect();
    mark(&closed, 0, far, tolerance, &mut keep);
    mark(&closed, far, points.len(), tolerance, &mut keep);
    let kept: Vec<(i64, i64)> = (0..points.len())
        .filter(|i| keep[*i])
        .map(|i| points[i])
        .collect();
    (kept.len() >= 3 && area2(&kept) != 0).then_some(kept)
}

/// Marks the points between `first` and `last` that lie farther than the tolerance.
fn mark(points: &[(i64, i64)], first: usize, last: usize, tolerance: f64, keep: &mut [bool]) {
    // An explicit stack: a ring of many thousand points must not overflow the call stack.
    let mut stack = vec![(first, last)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (mut worst, mut at) = (0.0, a);
        for i in a + 1..b {
            let d = off_line(points[i], points[a], points[b]);
            if d > worst {
                (worst, at) = (d, i);
            }
        }
        if worst > tolerance {
            keep[at] = true;
            stack.push((a, at));
            stack.push((at, b));
        }
    }
}

fn distance2(a: (i64, i64), b: (i64, i64)) -> f64 {
    let (dx, dy) = ((a.0 - b.0) as f64, (a.1 - b.1) as f64);
    dx * dx + dy * dy
}

/// How far `p` lies from the segment `a`–`b`.
fn off_line(p: (i64, i64), a: (i64, i64), b: (i64, i64)) -> f64 {
    let (px, py) = (p.0 as f64, p.1 as f64);
    let (ax, ay) = (a.0 as f64, a.1 as f64);
    let (bx, by) = (b.0 as f64, b.1 as f64);
    let (dx, dy) = (bx - ax, by - ay);
    let length2 = dx * dx + dy * dy;
    if length2 == 0.0 {
        return distance2(p, a).sqrt();
    }
    let t = (((px - ax) * dx + (py - ay) * dy) / length2).clamp(0.0, 1.0);
    let (cx, cy) = (ax + t * dx, ay + t * dy);
    ((px - cx).powi(2) + (py - cy).powi(2)).sqrt()
}

/// Twice the signed area: zero for a ring with no area left.
fn area2(ring: &[(i64, i64)]) -> i128 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.0 as i128 * b.1 as i128 - b.0 as i128 * a.1 as i128
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_on_a_straight_edge_go_and_corners_stay() {
        // A square with extra points along its edges, closed explicitly.
        let ring = vec![
            (0, 0),
            (5, 0),
            (10, 0),
            (10, 5),
            (10, 10),
            (5, 10),
            (0, 10),
            (0, 5),
            (0, 0),
        ];
        let kept = simplify_ring(&ring, 0.5).unwrap();
        assert_eq!(kept, vec![(0, 0), (10, 0), (10, 10), (0, 10)]);
    }

    #[test]
    fn a_bump_larger_than_the_tolerance_stays() {
        let ring = vec![(0, 0), (5, 3), (10, 0), (10, 10), (0, 10)];
        assert!(simplify_ring(&ring, 2.0).unwrap().contains(&(5, 3)));
        assert!(!simplify_ring(&ring, 4.0).unwrap().contains(&(5, 3)));
    }

    #[test]
    fn rings_smaller_than_the_tolerance_vanish() {
        assert_eq!(simplify_ring(&[(0, 0), (1, 0), (0, 0)], 1.0), None);
        assert_eq!(simplify_ring(&[(0, 0), (1, 0), (2, 0), (3, 0)], 0.1), None);
        assert_eq!(simplify_ring(&[], 1.0), None);
    }

    #[test]
    fn a_long_ring_does_not_overflow_the_stack() {
        let ring: Vec<(i64, i64)> = (0..200_000)
            .map(|i| {
                let t = i as f64 / 200_000.0 * std::f64::consts::TAU;
                ((t.cos() * 1e6) as i64, (t.sin() * 1e6) as i64)
            })
            .collect();
        let kept = simplify_ring(&ring, 50.0).unwrap();
        assert!(kept.len() > 50 && kept.len() < 2_000, "{}", kept.len());
    }
}
