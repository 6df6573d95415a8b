//! Calendar dates from Unix time, for order pages (UTC, no time zone data).

/// `YYYY-MM-DD HH:MM UTC`.
pub fn format_utc(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let seconds = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        seconds / 3600,
        seconds % 3600 / 60
    )
}

/// The year of a Unix time, in UTC.
pub fn year_of(unix: i64) -> i32 {
    civil_from_days(unix.div_euclid(86_400)).0 as i32
}

/// `YYYY-MM-DD` of a Unix time, in UTC.
pub fn day_of(unix: i64) -> String {
    let (y, m, d) = civil_from_days(unix.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The Unix time at the start (00:00 UTC) of a `YYYY-MM-DD` day, for
/// years 1970 to 9999; anything else is `None`.
pub fn parse_day(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let y: i64 = parts.next().filter(|p| p.len() == 4)?.parse().ok()?;
    let m: i64 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    let d: i64 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
    if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    let (ya, mp) = if m > 2 { (y, m - 3) } else { (y - 1, m + 9) };
    let era = ya.div_euclid(400);
    let yoe = ya - era * 400;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    // Day 31 of a short month would roll into the next one.
    (civil_from_days(days) == (y, m as u32, d as u32)).then_some(days * 86_400)
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian
/// calendar (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_utc(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(format_utc(1_795_262_400), "2026-11-21 12:00 UTC");
        assert_eq!(year_of(1_767_225_599), 2025);
        assert_eq!(year_of(1_767_225_600), 2026);
    }

    #[test]
    fn days_parse_and_print_both_ways() {
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(parse_day("2000-02-29"), Some(951_782_400));
        assert_eq!(parse_day("2026-11-21"), Some(1_795_219_200));
        assert_eq!(day_of(1_795_262_400), "2026-11-21");
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "26-11-21",
            "2026/11/21",
            "",
            "x",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        for unix in [0, 951_782_400, 1_795_219_200, 4_102_444_800] {
            assert_eq!(parse_day(&day_of(unix)), Some(unix));
        }
    }
}
