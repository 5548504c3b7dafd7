//! From longitude and latitude to the page: an equirectangular projection
//! centred on the areas drawn, with longitude shrunk by the cosine of their
//! middle latitude. Over a county or a district (under 200 km) it differs from
//! the British National Grid by well under a pixel, and it needs no tables.

use super::asset::LonLat;

/// The smallest box around some points, in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub west: f64,
    pub east: f64,
    pub south: f64,
    pub north: f64,
}

impl Bounds {
    /// The box around every point given, or `None` when there are none.
    pub fn around<'a>(points: impl IntoIterator<Item = &'a LonLat>) -> Option<Bounds> {
        let mut b: Option<Bounds> = None;
        for &(lon, lat) in points {
            if !lon.is_finite() || !lat.is_finite() {
                continue;
            }
            b = Some(match b {
                None => Bounds {
                    west: lon,
                    east: lon,
                    south: lat,
                    north: lat,
                },
                Some(b) => Bounds {
                    west: b.west.min(lon),
                    east: b.east.max(lon),
                    south: b.south.min(lat),
                    north: b.north.max(lat),
                },
            });
        }
        b
    }
}

/// Where each point goes in a drawing `width` × `height` units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    west: f64,
    north: f64,
    x_scale: f64,
    y_scale: f64,
    x_offset: f64,
    y_offset: f64,
    pub width: f64,
    pub height: f64,
}

impl Projection {
    /// Fits the bounds, keeping their shape, inside `max_width` × `max_height`
    /// less `margin` on every side; the drawing takes the size the shape needs.
    pub fn fit(bounds: Bounds, max_width: f64, max_height: f64, margin: f64) -> Projection {
        let middle = ((bounds.north + bounds.south) / 2.0).to_radians();
        let shrink = middle.cos().max(0.01);
        let ground_w = ((bounds.east - bounds.west) * shrink).max(1e-9);
        let ground_h = (bounds.north - bounds.south).max(1e-9);
        let room_w = (max_width - 2.0 * margin).max(1.0);
        let room_h = (max_height - 2.0 * margin).max(1.0);
        let scale = (room_w / ground_w).min(room_h / ground_h);
        let (width, height) = (
            ground_w * scale + 2.0 * margin,
            ground_h * scale + 2.0 * margin,
        );
        Projection {
            west: bounds.west,
            north: bounds.north,
            x_scale: scale * shrink,
            y_scale: scale,
            x_offset: margin,
            y_offset: margin,
            width,
            height,
        }
    }

    /// A point's place in the drawing: x to the east, y down the page.
    pub fn project(&self, (lon, lat): LonLat) -> (f64, f64) {
        (
            self.x_offset + (lon - self.west) * self.x_scale,
            self.y_offset + (self.north - lat) * self.y_scale,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_fits_and_keeps_its_shape() {
        // Kent, roughly: 0.03°E to 1.45°E, 50.9°N to 51.5°N.
        let b = Bounds::around(&[(0.03, 50.9), (1.45, 51.5), (0.5, 51.2)]).unwrap();
        assert_eq!((b.west, b.east, b.south, b.north), (0.03, 1.45, 50.9, 51.5));
        let p = Projection::fit(b, 600.0, 600.0, 10.0);
        assert!(
            (p.width - 600.0).abs() < 1e-9,
            "wider than tall: fills the width"
        );
        // 1.42° of longitude at 51.2°N is about 99 km; 0.6° of latitude about 67 km.
        let ratio = (p.width - 20.0) / (p.height - 20.0);
        assert!((ratio - 1.42 * 51.2f64.to_radians().cos() / 0.6).abs() < 1e-9);
        assert_eq!(p.project((0.03, 51.5)), (10.0, 10.0));
        let (x, y) = p.project((1.45, 50.9));
        assert!((x - (p.width - 10.0)).abs() < 1e-9 && (y - (p.height - 10.0)).abs() < 1e-9);
    }

    #[test]
    fn a_tall_area_fills_the_height_and_nothing_breaks_on_a_point() {
        let b = Bounds::around(&[(0.0, 50.0), (0.1, 52.0)]).unwrap();
        let p = Projection::fit(b, 600.0, 400.0, 0.0);
        assert!((p.height - 400.0).abs() < 1e-9 && p.width < 100.0);
        let one = Bounds::around(&[(1.0, 51.0)]).unwrap();
        let p = Projection::fit(one, 600.0, 400.0, 5.0);
        assert!(p.project((1.0, 51.0)).0.is_finite());
        assert_eq!(Bounds::around(&[(f64::NAN, 1.0)]), None);
    }
}
