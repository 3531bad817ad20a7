//! Sums of floating-point numbers that do not depend on the order of the terms.
//!
//! A plain `f64` sum rounds after every addition, so its last digits depend on the order in
//! which the terms come, and so on the order of the rows of the input files. The sums here
//! are exact: the terms are kept as a list of non-overlapping partials (Shewchuk's
//! algorithm, as Python's `math.fsum`), and the result is the exact sum rounded once to the
//! nearest `f64` (ties to even). Whatever the order of the terms, the result is the same,
//! to the last bit.

/// An exact running sum of finite `f64` terms (see the module docs).
///
/// A non-finite term (infinity, NaN), or a partial sum beyond the range of `f64`, makes the
/// sum infinite or NaN, as `+` would.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExactSum {
    /// Non-overlapping partials, smallest magnitude first; their exact sum is the sum.
    partials: Vec<f64>,
    /// The plain sum of the non-finite terms, when one was added.
    special: Option<f64>,
}

impl ExactSum {
    /// An empty sum (0).
    pub fn new() -> ExactSum {
        ExactSum::default()
    }

    /// Adds one term.
    pub fn add(&mut self, term: f64) {
        if !term.is_finite() {
            self.special = Some(self.special.unwrap_or(0.0) + term);
            return;
        }
        let mut x = term;
        let mut kept = 0;
        for k in 0..self.partials.len() {
            let mut y = self.partials[k];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        if !x.is_finite() {
            // the exact sum left the range of f64: as the plain sum would
            self.special = Some(self.special.unwrap_or(0.0) + x);
            self.partials.clear();
            return;
        }
        self.partials.truncate(kept);
        self.partials.push(x);
    }

    /// The exact sum rounded to the nearest `f64` (ties to even).
    pub fn value(&self) -> f64 {
        if let Some(special) = self.special {
            return special;
        }
        let p = &self.partials;
        let Some(mut n) = p.len().checked_sub(1) else {
            return 0.0;
        };
        let mut hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half to even across the partials: when the remainder is exactly half an
        // ulp and the next partial has its sign, round away.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
        hi
    }
}

impl Extend<f64> for ExactSum {
    fn extend<I: IntoIterator<Item = f64>>(&mut self, terms: I) {
        for t in terms {
            self.add(t);
        }
    }
}

impl FromIterator<f64> for ExactSum {
    fn from_iter<I: IntoIterator<Item = f64>>(terms: I) -> ExactSum {
        let mut sum = ExactSum::new();
        sum.extend(terms);
        sum
    }
}

/// The exact sum of `terms`, rounded once: the same for every order of the terms.
pub fn exact_sum(terms: impl IntoIterator<Item = f64>) -> f64 {
    terms.into_iter().collect::<ExactSum>().value()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator of terms.
    fn terms(seed: u64, count: usize) -> Vec<f64> {
        let mut x = seed;
        (0..count)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                // multiples of 2^-40 up to ±2^11, each exact in an f64 and in i128
                ((x as i64) >> 12) as f64 * (2f64).powi(-40)
            })
            .collect()
    }

    #[test]
    fn exact_where_plain_sums_lose_digits() {
        assert_eq!(exact_sum([1e16, 1.0, -1e16]), 1.0);
        assert_eq!(exact_sum([0.1; 10]), 1.0);
        assert_ne!([0.1f64; 10].iter().sum::<f64>(), 1.0);
        assert_eq!(exact_sum([]), 0.0);
        // a partial sum beyond the range of f64 overflows, as the plain sum does
        assert_eq!(exact_sum([1e308, 1e308, -1e308]), f64::INFINITY);
        assert_eq!(exact_sum([1.0, f64::INFINITY]), f64::INFINITY);
        assert!(exact_sum([f64::INFINITY, f64::NEG_INFINITY]).is_nan());
        // halfway cases round to even: 2^53 + 1 + 2^-60 rounds up, 2^53 + 1 rounds down
        let big = (2f64).powi(53);
        assert_eq!(exact_sum([big, 1.0]), big);
        assert_eq!(exact_sum([big, 1.0, (2f64).powi(-60)]), big + 2.0);
    }

    #[test]
    fn the_same_whatever_the_order_and_correctly_rounded() {
        for seed in 0..50 {
            let mut t = terms(seed, 200);
            let exact: i128 = t.iter().map(|&v| (v * (2f64).powi(40)) as i128).sum();
            let expected = exact as f64 * (2f64).powi(-40);
            assert_eq!(exact_sum(t.iter().copied()), expected, "seed {seed}");
            t.reverse();
            assert_eq!(exact_sum(t.iter().copied()), expected);
            t.sort_by(f64::total_cmp);
            assert_eq!(exact_sum(t.iter().copied()), expected);
        }
        // plain scores in [0, 1]: every order of the same terms gives the same bits
        let scores: Vec<f64> = (1..500).map(|k| (k as f64 * 0.7311).fract()).collect();
        let forward = exact_sum(scores.iter().copied());
        let backward = exact_sum(scores.iter().rev().copied());
        assert_eq!(forward.to_bits(), backward.to_bits());
    }
}
