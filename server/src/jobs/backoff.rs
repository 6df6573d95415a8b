//! When a failed job runs again: exponential backoff with jitter, so a
//! partner or mail server that is down is not hammered, and jobs that failed
//! together do not all come back in the same second.

/// The retry policy of a queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The delay after the first failure, in seconds.
    pub base_seconds: i64,
    /// No delay grows beyond this.
    pub cap_seconds: i64,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            base_seconds: 10,
            cap_seconds: 3600,
        }
    }
}

impl Backoff {
    /// The delay before the next try after `attempts` failed tries.
    /// `unit` is a random number in [0, 1): the delay is the exponential
    /// step's upper half plus a random part of its lower half ("equal
    /// jitter"), so it never drops below half the step.
    pub fn delay(&self, attempts: i64, unit: f64) -> i64 {
        let exponent = attempts.clamp(1, 32) - 1;
        let step = self
            .base_seconds
            .max(0)
            .saturating_mul(1_i64 << exponent.min(30))
            .min(self.cap_seconds.max(0));
        let half = step / 2;
        let jitter = ((step - half) as f64 * unit.clamp(0.0, 0.999_999)) as i64;
        half + jitter
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_within_their_jitter() {
        let b = Backoff::default();
        for attempts in 1..=5 {
            let step = 10 * (1 << (attempts - 1));
            let low = b.delay(attempts, 0.0);
            let high = b.delay(attempts, 0.999);
            assert_eq!(low, step / 2, "attempt {attempts}");
            assert!(
                high <= step && high >= step - 1,
                "attempt {attempts}: {high}"
            );
        }
    }

    #[test]
    fn delays_stop_growing_at_the_cap() {
        let b = Backoff::default();
        assert!(b.delay(12, 0.999) <= 3600);
        assert!(b.delay(1000, 0.999) <= 3600);
        assert_eq!(b.delay(1000, 0.0), 1800);
    }

    #[test]
    fn odd_inputs_stay_in_range() {
        let b = Backoff {
            base_seconds: 1,
            cap_seconds: 60,
        };
        assert_eq!(b.delay(0, 0.5), 0);
        assert_eq!(b.delay(-3, 0.0), 0);
        assert!(b.delay(i64::MAX, 2.0) <= 60);
        let zero = Backoff {
            base_seconds: 0,
            cap_seconds: 60,
        };
        assert_eq!(zero.delay(5, 0.9), 0);
    }
}
