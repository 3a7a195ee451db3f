//! A tiny deterministic random source (SplitMix64), so the demo is the same on every machine.

/// SplitMix64: small, fast and good enough for plausible-looking demo rows.
/// Not for anything secret.
#[derive(Debug, Clone)]
pub(super) struct Rng {
    state: u64,
}

impl Rng {
    /// One generator per section of the data set, so that changing how users are
    /// generated does not reshuffle every booking after them.
    pub(super) fn new(seed: u64) -> Rng {
        Rng { state: seed }
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(super) fn unit(&mut self) -> f64 {
        // The top 53 bits fill an f64 mantissa exactly.
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n); 0 when n is 0.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Multiply-shift instead of `%`: no modulo bias worth mentioning, no division.
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in [low, high], inclusive; `low` when the range is empty.
    pub(super) fn range(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        let span = high.abs_diff(low).saturating_add(1);
        low.saturating_add_unsigned(self.below(span))
    }

    /// True with probability `p`.
    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty fixed list (emptiness is rejected at compile time).
    pub(super) fn pick<T: Copy, const N: usize>(&mut self, items: &[T; N]) -> T {
        const { assert!(N > 0, "pick needs at least one item") };
        let index = self.below(N as u64) as usize;
        items[index.min(N - 1)]
    }

    /// One element of a runtime list, or `None` when it is empty.
    pub(super) fn choose<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }

    /// One value by relative weight; the first value when all weights are zero.
    pub(super) fn weighted<T: Copy, const N: usize>(&mut self, items: &[(T, u32); N]) -> T {
        const { assert!(N > 0, "weighted needs at least one item") };
        let total: u64 = items.iter().map(|&(_, weight)| u64::from(weight)).sum();
        let mut ticket = self.below(total);
        for &(value, weight) in items {
            if ticket < u64::from(weight) {
                return value;
            }
            ticket -= u64::from(weight);
        }
        items[0].0
    }

    /// Fisher–Yates, in place.
    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        let first: Vec<u64> = (0..100).map(|_| a.next_u64()).collect();
        let second: Vec<u64> = (0..100).map(|_| b.next_u64()).collect();
        assert_eq!(first, second);
        assert_ne!(Rng::new(43).next_u64(), first[0]);
    }

    #[test]
    fn matches_the_reference_splitmix64() {
        // First outputs of the reference implementation seeded with 0.
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn ranges_stay_inside_their_bounds() {
        let mut rng = Rng::new(7);
        for _ in 0..10_000 {
            let value = rng.range(-3, 5);
            assert!((-3..=5).contains(&value));
            let unit = rng.unit();
            assert!((0.0..1.0).contains(&unit));
            assert!(rng.below(10) < 10);
        }
        assert_eq!(rng.range(9, 9), 9);
        assert_eq!(rng.range(9, 1), 9);
        assert_eq!(rng.below(0), 0);
    }

    #[test]
    fn every_value_of_a_small_range_turns_up() {
        let mut rng = Rng::new(1);
        let mut seen = [false; 6];
        for _ in 0..1_000 {
            seen[rng.range(0, 5) as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn weighted_never_picks_a_zero_weight() {
        let mut rng = Rng::new(3);
        for _ in 0..1_000 {
            assert_ne!(rng.weighted(&[("a", 3), ("never", 0), ("b", 1)]), "never");
        }
    }

    #[test]
    fn shuffle_keeps_every_element() {
        let mut rng = Rng::new(5);
        let mut items: Vec<u32> = (0..50).collect();
        rng.shuffle(&mut items);
        assert_ne!(items, (0..50).collect::<Vec<_>>());
        items.sort_unstable();
        assert_eq!(items, (0..50).collect::<Vec<_>>());
        assert_eq!(rng.choose::<u32>(&[]), None);
    }
}
