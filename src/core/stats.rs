//! The statistics behind "is this change real?": confidence intervals for counts
//! and proportions, tests for two counts, funnel-plot limits and XmR control
//! limits. Each is the textbook method, named where it is shown to the user.

/// Standard normal quantiles for two-sided 95% and 99.8% limits.
pub const Z_95: f64 = 1.959_963_985;
pub const Z_998: f64 = 3.090_232_306;

/// Byar's approximation to the exact Poisson confidence interval for an
/// observed count `o`: the limits of the count, to divide by a population for
/// a rate. For `o = 0` the lower limit is 0.
pub fn byar_interval(o: f64, z: f64) -> (f64, f64) {
    if o.is_nan() || o < 0.0 {
        return (f64::NAN, f64::NAN);
    }
    let lower = if o == 0.0 {
        0.0
    } else {
        o * (1.0 - 1.0 / (9.0 * o) - z / (3.0 * o.sqrt())).powi(3)
    };
    let next = o + 1.0;
    let upper = next * (1.0 - 1.0 / (9.0 * next) + z / (3.0 * next.sqrt())).powi(3);
    (lower.max(0.0), upper)
}

/// The Wilson score interval for a proportion of `x` in `n`.
pub fn wilson_interval(x: f64, n: f64, z: f64) -> (f64, f64) {
    if n.is_nan() || n <= 0.0 || x.is_nan() || x < 0.0 || x > n {
        return (f64::NAN, f64::NAN);
    }
    let p = x / n;
    let z2 = z * z;
    let centre = p + z2 / (2.0 * n);
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let scale = 1.0 + z2 / n;
    (
        ((centre - half) / scale).max(0.0),
        ((centre + half) / scale).min(1.0),
    )
}

/// Newcombe's interval (his method 10) for the difference `p1 − p0` of two
/// independent proportions, built from each one's Wilson score interval.
/// Proportions and bases as fractions and counts; the interval in fractions.
pub fn newcombe_difference(p1: f64, n1: f64, p0: f64, n0: f64, z: f64) -> (f64, f64) {
    let (l1, u1) = wilson_interval(p1 * n1, n1, z);
    let (l0, u0) = wilson_interval(p0 * n0, n0, z);
    let d = p1 - p0;
    (
        d - ((p1 - l1).powi(2) + (u0 - p0).powi(2)).sqrt(),
        d + ((u1 - p1).powi(2) + (p0 - l0).powi(2)).sqrt(),
    )
}

/// The two-sided p-value of the pooled z test for two proportions.
pub fn two_proportion_p(p1: f64, n1: f64, p0: f64, n0: f64) -> f64 {
    if !(n1 > 0.0 && n0 > 0.0) {
        return 1.0;
    }
    let pooled = (p1 * n1 + p0 * n0) / (n1 + n0);
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n0)).sqrt();
    if se.is_nan() || se <= 0.0 {
        return if p1 == p0 { 1.0 } else { 0.0 };
    }
    erfc(((p1 - p0) / se).abs() / std::f64::consts::SQRT_2).min(1.0)
}

/// The complementary error function (Numerical Recipes' Chebyshev fit,
/// fractional error under 1.2 × 10⁻⁷ everywhere).
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7), accurate to about 15 significant figures.
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection, for completeness; counts never need it.
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// P(X ≤ k) for X ~ Binomial(n, p). The tail away from the mode is summed from
/// its largest term outwards by the ratio of neighbouring terms, stopping once
/// the terms no longer matter: a few dozen steps even for counts in the thousands.
fn binomial_cdf(k: u64, n: u64, p: f64) -> f64 {
    if k >= n {
        return 1.0;
    }
    let mode = ((n + 1) as f64 * p).floor() as u64;
    if k < mode {
        tail_below(k, n, p).min(1.0)
    } else {
        (1.0 - tail_above(k + 1, n, p)).clamp(0.0, 1.0)
    }
}

/// ln P(X = i), with the log-gamma function so large counts are safe.
fn ln_binomial_pmf(i: u64, n: u64, p: f64) -> f64 {
    let (i, n) = (i as f64, n as f64);
    ln_gamma(n + 1.0) - ln_gamma(i + 1.0) - ln_gamma(n - i + 1.0)
        + i * p.ln()
        + (n - i) * (1.0 - p).ln()
}

/// P(X ≤ k) for k below the mode: terms shrink as i falls.
fn tail_below(k: u64, n: u64, p: f64) -> f64 {
    let ratio = (1.0 - p) / p;
    let mut term = ln_binomial_pmf(k, n, p).exp();
    let mut sum = term;
    let mut i = k;
    while i > 0 && term > sum * 1e-17 {
        // P(i − 1) = P(i) × i / (n − i + 1) × q / p
        term *= i as f64 / (n - i + 1) as f64 * ratio;
        sum += term;
        i -= 1;
    }
    sum
}

/// P(X ≥ k) for k above the mode: terms shrink as i rises.
fn tail_above(k: u64, n: u64, p: f64) -> f64 {
    let ratio = p / (1.0 - p);
    let mut term = ln_binomial_pmf(k, n, p).exp();
    let mut sum = term;
    let mut i = k;
    while i < n && term > sum * 1e-17 {
        // P(i + 1) = P(i) × (n − i) / (i + 1) × p / q
        term *= (n - i) as f64 / (i + 1) as f64 * ratio;
        sum += term;
        i += 1;
    }
    sum
}

/// The exact conditional test for two Poisson counts: under equal rates,
/// `current ~ Binomial(current + previous, t1 / (t1 + t0))` where t are the
/// exposures (populations, or period lengths). Returns the two-sided p-value.
pub fn exact_poisson_test(current: u64, previous: u64, t1: f64, t0: f64) -> f64 {
    let n = current + previous;
    if n == 0 || t1.is_nan() || t0.is_nan() || t1 <= 0.0 || t0 <= 0.0 {
        return 1.0;
    }
    let p = t1 / (t1 + t0);
    let lower = binomial_cdf(current, n, p);
    let upper = if current == 0 {
        1.0
    } else {
        1.0 - binomial_cdf(current - 1, n, p)
    };
    (2.0 * lower.min(upper)).min(1.0)
}

/// The square-root Z of the brief, `2(√c₁ − √c₀)`: a change in a count is
/// taken as more than normal variation when |Z| ≥ 2.
pub fn sqrt_z(current: f64, previous: f64) -> f64 {
    2.0 * (current.max(0.0).sqrt() - previous.max(0.0).sqrt())
}

/// Funnel-plot limits for a district's rate per 1,000 around the county rate:
/// the counts a district of `population` would show by chance, at `z`.
pub fn funnel_limits(county_rate_per_1000: f64, population: f64, z: f64) -> (f64, f64) {
    let expected = county_rate_per_1000 * population / 1000.0;
    if expected.is_nan() || expected <= 0.0 {
        return (f64::NAN, f64::NAN);
    }
    let count_at =
        |z: f64| expected * (1.0 - 1.0 / (9.0 * expected) + z / (3.0 * expected.sqrt())).powi(3);
    let per_1000 = |count: f64| count.max(0.0) / population * 1000.0;
    (per_1000(count_at(-z)), per_1000(count_at(z)))
}

/// XmR (individuals and moving range) control limits for a monthly series:
/// mean ± 2.66 × mean moving range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ControlLimits {
    pub mean: f64,
    pub mean_moving_range: f64,
    pub lower: f64,
    pub upper: f64,
}

pub fn xmr_limits(series: &[f64]) -> Option<ControlLimits> {
    if series.len() < 2 {
        return None;
    }
    let mean = series.iter().sum::<f64>() / series.len() as f64;
    let ranges: Vec<f64> = series.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    let mean_moving_range = ranges.iter().sum::<f64>() / ranges.len() as f64;
    Some(ControlLimits {
        mean,
        mean_moving_range,
        lower: mean - 2.66 * mean_moving_range,
        upper: mean + 2.66 * mean_moving_range,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn binomial_tails_match_the_term_by_term_sum() {
        for n in [1u64, 5, 30, 200, 2_000] {
            for p in [0.2, 0.5, 0.7] {
                for k in [0, n / 4, n / 2, 3 * n / 4, n.saturating_sub(1), n] {
                    let naive: f64 = (0..=k)
                        .map(|i| ln_binomial_pmf(i, n, p).exp())
                        .sum::<f64>()
                        .min(1.0);
                    let fast = binomial_cdf(k, n, p);
                    assert!(
                        (fast - naive).abs() <= 1e-12 + 1e-9 * naive,
                        "n={n} p={p} k={k}: {fast} against {naive}"
                    );
                }
            }
        }
    }

    #[test]
    fn byar_against_hand_worked_and_exact_limits() {
        // O = 10: 10(1 − 1/90 − 1.96/(3√10))³ = 4.787; 11(1 − 1/99 + 1.96/(3√11))³ = 18.391.
        let (lo, hi) = byar_interval(10.0, Z_95);
        assert!(
            close(lo, 4.787, 0.001) && close(hi, 18.391, 0.001),
            "{lo} {hi}"
        );
        // The exact Poisson limits for 10 are 4.795 and 18.390: Byar is within 0.01.
        assert!(close(lo, 4.795, 0.01) && close(hi, 18.390, 0.01));
        let (lo, hi) = byar_interval(100.0, Z_95);
        assert!(
            close(lo, 81.36, 0.01) && close(hi, 121.63, 0.01),
            "{lo} {hi}"
        );
        assert_eq!(byar_interval(0.0, Z_95).0, 0.0);
    }

    #[test]
    fn wilson_for_eight_in_ten() {
        let (lo, hi) = wilson_interval(8.0, 10.0, Z_95);
        assert!(
            close(lo, 0.4902, 0.0001) && close(hi, 0.9433, 0.0001),
            "{lo} {hi}"
        );
        let (lo, hi) = wilson_interval(0.0, 20.0, Z_95);
        assert_eq!(lo, 0.0);
        assert!(close(hi, 0.1611, 0.0001), "{hi}");
    }

    #[test]
    fn ln_gamma_matches_factorials() {
        assert!(close(ln_gamma(1.0), 0.0, 1e-12));
        assert!(close(ln_gamma(11.0), (3_628_800f64).ln(), 1e-10));
        assert!(close(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            1e-12
        ));
    }

    #[test]
    fn exact_test_for_two_counts() {
        // 7 against 3 in equal periods: 2 × P(X ≥ 7 | n = 10, p = ½) = 2 × 176/1024.
        assert!(close(exact_poisson_test(7, 3, 1.0, 1.0), 0.34375, 1e-12));
        // The plan's figures: violent crime 1,501 → 1,696 is more than chance;
        // all crime 4,998 → 5,040 and robbery 38 → 53 are not; drugs 257 → 212 is, at 5%.
        assert!(exact_poisson_test(1696, 1501, 1.0, 1.0) < 0.001);
        assert!(close(
            exact_poisson_test(5040, 4998, 1.0, 1.0),
            0.6824,
            0.001
        ));
        assert!(close(exact_poisson_test(53, 38, 1.0, 1.0), 0.1418, 0.001));
        assert!(close(exact_poisson_test(212, 257, 1.0, 1.0), 0.0421, 0.001));
        assert_eq!(exact_poisson_test(0, 0, 1.0, 1.0), 1.0);
    }

    #[test]
    fn square_root_z() {
        assert!(close(sqrt_z(1696.0, 1501.0), 4.880, 0.001));
        assert!(close(sqrt_z(5040.0, 4998.0), 0.593, 0.001));
    }

    #[test]
    fn funnel_limits_widen_for_small_districts() {
        let (lo_small, hi_small) = funnel_limits(1.5, 50_000.0, Z_95);
        let (lo_large, hi_large) = funnel_limits(1.5, 500_000.0, Z_95);
        assert!(lo_small < lo_large && hi_small > hi_large);
        assert!(lo_large < 1.5 && hi_large > 1.5);
        let (lo_998, hi_998) = funnel_limits(1.5, 116_100.0, Z_998);
        let (lo_95, hi_95) = funnel_limits(1.5, 116_100.0, Z_95);
        assert!(lo_998 < lo_95 && hi_998 > hi_95);
    }

    #[test]
    fn xmr_limits_by_hand() {
        // Mean 11.2; moving ranges 2, 2, 4, 0 average 2; limits 11.2 ± 2.66 × 2.
        let limits = xmr_limits(&[10.0, 12.0, 14.0, 10.0, 10.0]).unwrap();
        assert!(close(limits.mean, 11.2, 1e-12));
        assert!(close(limits.mean_moving_range, 2.0, 1e-12));
        assert!(close(limits.upper, 11.2 + 5.32, 1e-12));
        assert!(xmr_limits(&[1.0]).is_none());
    }

    #[test]
    fn two_proportions_compared_by_their_difference() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-7);
        assert!((erfc(1.959_963_985 / std::f64::consts::SQRT_2) - 0.05).abs() < 1e-6);
        // Newcombe (1998), example (a): 56/70 against 48/80 → 0.0524 to 0.3339.
        let (lo, hi) = newcombe_difference(56.0 / 70.0, 70.0, 48.0 / 80.0, 80.0, Z_95);
        assert!(
            (lo - 0.0524).abs() < 5e-4 && (hi - 0.3339).abs() < 5e-4,
            "{lo} {hi}"
        );
        let p = two_proportion_p(56.0 / 70.0, 70.0, 48.0 / 80.0, 80.0);
        assert!(p < 0.05 && p > 0.005, "{p}");
        assert_eq!(two_proportion_p(0.2, 100.0, 0.2, 100.0), 1.0);
    }
}
