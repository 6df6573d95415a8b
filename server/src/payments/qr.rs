//! QR codes for payment URIs, as inline SVG so they need no extra request
//! and work without JavaScript.

use qrcode::QrCode;
use qrcode::render::svg;

/// The URI as an SVG QR code, or `None` if it is too long to encode.
pub fn svg(uri: &str) -> Option<String> {
    let code = QrCode::new(uri.as_bytes()).ok()?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bip21_uri_becomes_an_svg() {
        let image = super::svg("bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq?amount=0.0001")
            .expect("encodable");
        assert!(image.contains("<svg") && image.contains("</svg>"));
    }
}
