//! Webhook signatures. Every comparison goes through `Mac::verify_slice`,
//! which runs in constant time, so a forger learns nothing from timing.
//!
//! - Timestamped (`t=…,v1=…`, used by testpay and Stripe): HMAC-SHA256 of
//!   `"{t}.{raw body}"`, accepted within a tolerance of the current time so
//!   a captured request cannot be replayed later.
//! - Body only (`sha256=<hex>`, used by BTCPay Server): HMAC-SHA256 of the
//!   raw body.

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the signature header is missing or malformed")]
    Malformed,
    #[error("the signature does not match")]
    Mismatch,
    #[error("the signature is too old or from the future")]
    Stale,
}

fn mac(secret: &[u8], parts: &[&[u8]]) -> HmacSha256 {
    // HMAC takes keys of any length; this cannot fail.
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC accepts any key length");
    for part in parts {
        mac.update(part);
    }
    mac
}

/// Whether two secrets are equal. Their MACs under one key are compared in
/// constant time, so neither where they differ nor their lengths show.
pub fn same_secret(a: &[u8], b: &[u8]) -> bool {
    let key = b"same-secret";
    mac(key, &[a])
        .verify_slice(&mac(key, &[b]).finalize().into_bytes())
        .is_ok()
}

/// Hex HMAC-SHA256 of the parts, for signing.
pub fn sign_hex(secret: &[u8], parts: &[&[u8]]) -> String {
    hex::encode(mac(secret, parts).finalize().into_bytes())
}

/// Whether `signature_hex` is the HMAC-SHA256 of the parts.
pub fn verify_hex(secret: &[u8], parts: &[&[u8]], signature_hex: &str) -> bool {
    match hex::decode(signature_hex.trim()) {
        Ok(signature) => mac(secret, parts).verify_slice(&signature).is_ok(),
        Err(_) => false,
    }
}

/// The `t=…,v1=…` header for `body` signed at `timestamp`.
pub fn sign_timestamped(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let t = timestamp.to_string();
    format!("t={t},v1={}", sign_hex(secret, &[t.as_bytes(), b".", body]))
}

/// Checks a `t=…,v1=…` header; any of several `v1` values may match (a
/// processor rolling its secret sends one per secret). Returns the signed
/// timestamp.
pub fn verify_timestamped(
    header: &str,
    secret: &[u8],
    body: &[u8],
    now: i64,
    tolerance_seconds: i64,
) -> Result<i64, SignatureError> {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for item in header.split(',') {
        match item.trim().split_once('=') {
            Some(("t", value)) => {
                timestamp = Some(
                    value
                        .parse::<i64>()
                        .map_err(|_| SignatureError::Malformed)?,
                )
            }
            Some(("v1", value)) => signatures.push(value),
            Some(_) => {}
            None => return Err(SignatureError::Malformed),
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if signatures.is_empty() {
        return Err(SignatureError::Malformed);
    }
    let t = timestamp.to_string();
    let parts: [&[u8]; 3] = [t.as_bytes(), b".", body];
    if !signatures.iter().any(|s| verify_hex(secret, &parts, s)) {
        return Err(SignatureError::Mismatch);
    }
    if (now - timestamp).abs() > tolerance_seconds {
        return Err(SignatureError::Stale);
    }
    Ok(timestamp)
}

/// Checks a `sha256=<hex>` header over the raw body.
pub fn verify_body(header: &str, secret: &[u8], body: &[u8]) -> Result<(), SignatureError> {
    let signature = header
        .trim()
        .strip_prefix("sha256=")
        .filter(|s| !s.is_empty())
        .ok_or(SignatureError::Malformed)?;
    if hex::decode(signature).is_err() {
        return Err(SignatureError::Malformed);
    }
    if verify_hex(secret, &[body], signature) {
        Ok(())
    } else {
        Err(SignatureError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = br#"{"id":"evt_1"}"#;
    // Computed independently (Python's hmac module).
    const VECTOR: &str = "c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925";
    const NOW: i64 = 1_700_000_000;

    #[test]
    fn timestamped_signatures_match_an_independent_vector() {
        assert_eq!(
            sign_timestamped(b"whsec_test", NOW, BODY),
            format!("t={NOW},v1={VECTOR}")
        );
        let header = format!("t={NOW},v1={VECTOR}");
        assert_eq!(
            verify_timestamped(&header, b"whsec_test", BODY, NOW + 10, 300),
            Ok(NOW)
        );
    }

    #[test]
    fn timestamped_signatures_refuse_tampering_and_replays() {
        let header = format!("t={NOW},v1={VECTOR}");
        let tampered = br#"{"id":"evt_2"}"#;
        assert_eq!(
            verify_timestamped(&header, b"whsec_test", tampered, NOW, 300),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_timestamped(&header, b"other secret", BODY, NOW, 300),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_timestamped(&header, b"whsec_test", BODY, NOW + 301, 300),
            Err(SignatureError::Stale)
        );
        assert_eq!(
            verify_timestamped(&header, b"whsec_test", BODY, NOW - 301, 300),
            Err(SignatureError::Stale)
        );
        // A timestamp moved forward no longer matches its signature.
        let moved = format!("t={},v1={VECTOR}", NOW + 100);
        assert_eq!(
            verify_timestamped(&moved, b"whsec_test", BODY, NOW + 100, 300),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn timestamped_headers_must_be_well_formed() {
        for header in [
            "",
            "garbage",
            "t=abc,v1=00",
            &format!("v1={VECTOR}"),
            &format!("t={NOW}"),
            &format!("t={NOW},v1=not-hex"),
        ] {
            let result = verify_timestamped(header, b"whsec_test", BODY, NOW, 300);
            assert!(
                matches!(
                    result,
                    Err(SignatureError::Malformed | SignatureError::Mismatch)
                ),
                "{header}: {result:?}"
            );
        }
        assert_eq!(
            verify_timestamped("garbage", b"whsec_test", BODY, NOW, 300),
            Err(SignatureError::Malformed)
        );
    }

    #[test]
    fn one_of_several_signatures_may_match() {
        let header = format!("t={NOW},v1={},v1={VECTOR}", "ab".repeat(32));
        assert_eq!(
            verify_timestamped(&header, b"whsec_test", BODY, NOW, 300),
            Ok(NOW)
        );
    }

    #[test]
    fn body_signatures_match_an_independent_vector() {
        let body = br#"{"type":"InvoiceSettled"}"#;
        let header = "sha256=4c5c844dcf548063b9c01606812d9894cb4a3e4bb04509b274a62e388df1047a";
        assert_eq!(verify_body(header, b"btcpay-secret", body), Ok(()));
        assert_eq!(
            verify_body(header, b"btcpay-secret", br#"{"type":"InvoiceExpired"}"#),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_body(header, b"wrong", body),
            Err(SignatureError::Mismatch)
        );
        for malformed in ["", "sha256=", "md5=abcd", "sha256=zz"] {
            assert_eq!(
                verify_body(malformed, b"btcpay-secret", body),
                Err(SignatureError::Malformed),
                "{malformed}"
            );
        }
    }
}
