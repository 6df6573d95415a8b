//! Reservation rules. Adding to the basket reserves stock for a limited time;
//! available stock is what is on hand minus what is reserved. The store
//! persists the numbers; these functions decide what to do with them.

/// Stock a shopper may still take.
pub fn available(on_hand: i64, reserved: i64) -> i64 {
    (on_hand - reserved).max(0)
}

/// How a line's reservation must change to cover `wanted` units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReservationChange {
    Keep,
    /// Reserve this many more.
    Reserve(i64),
    /// Give this many back at once.
    Release(i64),
}

pub fn change_for(reserved: i64, wanted: i64) -> ReservationChange {
    match wanted - reserved {
        0 => ReservationChange::Keep,
        more if more > 0 => ReservationChange::Reserve(more),
        fewer => ReservationChange::Release(-fewer),
    }
}

/// When a reservation made or refreshed at `now` runs out.
pub fn expires_at(now: i64, ttl_seconds: i64) -> i64 {
    now.saturating_add(ttl_seconds.max(0))
}

/// A reservation is over once its end time has passed.
pub fn is_expired(reserved_until: i64, now: i64) -> bool {
    reserved_until <= now
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn available_is_on_hand_minus_reserved_never_negative() {
        assert_eq!(available(10, 3), 7);
        assert_eq!(available(10, 10), 0);
        assert_eq!(available(2, 5), 0);
    }

    #[test]
    fn change_covers_the_difference() {
        assert_eq!(change_for(2, 2), ReservationChange::Keep);
        assert_eq!(change_for(2, 5), ReservationChange::Reserve(3));
        assert_eq!(change_for(5, 1), ReservationChange::Release(4));
        assert_eq!(change_for(0, 4), ReservationChange::Reserve(4));
    }

    #[test]
    fn expiry_is_inclusive_of_the_end_time() {
        let until = expires_at(1_000, 3_600);
        assert_eq!(until, 4_600);
        assert!(!is_expired(until, 4_599));
        assert!(is_expired(until, 4_600));
        assert_eq!(expires_at(i64::MAX - 1, 10), i64::MAX);
    }
}
