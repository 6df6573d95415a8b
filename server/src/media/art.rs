//! Demo pictures drawn on the spot: a product's initials on a coloured
//! shape, so the seeded store looks like a shop and not a wireframe.

use super::glyphs::glyph;
use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

const SIZE: u32 = 1000;

/// Parses "#rrggbb".
fn colour(text: &str) -> Option<Rgb<u8>> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some(Rgb([channel(0)?, channel(2)?, channel(4)?]))
}

fn tint(c: Rgb<u8>, towards_white: f32) -> Rgb<u8> {
    let mix = |v: u8| (f32::from(v) + (255.0 - f32::from(v)) * towards_white) as u8;
    Rgb([mix(c[0]), mix(c[1]), mix(c[2])])
}

/// A PNG of up to three characters on a disc of `colour` over a pale tint
/// of it. Characters without a glyph are skipped.
pub fn draw_initials(text: &str, colour_text: &str) -> Result<Vec<u8>, String> {
    let ink =
        colour(colour_text).ok_or_else(|| format!("“{colour_text}” is not a #rrggbb colour"))?;
    let mut picture = RgbImage::from_pixel(SIZE, SIZE, tint(ink, 0.85));
    let centre = SIZE as f32 / 2.0;
    let radius = SIZE as f32 * 0.4;
    for (x, y, pixel) in picture.enumerate_pixels_mut() {
        let (dx, dy) = (x as f32 + 0.5 - centre, y as f32 + 0.5 - centre);
        if dx * dx + dy * dy <= radius * radius {
            *pixel = ink;
        }
    }
    let letters: Vec<[u8; 7]> = text
        .chars()
        .flat_map(char::to_uppercase)
        .filter_map(glyph)
        .take(3)
        .collect();
    if !letters.is_empty() {
        // 5×7 glyphs with one column of spacing, scaled to fit the disc.
        let columns = letters.len() as u32 * 6 - 1;
        let scale = (radius * 1.3 / columns as f32).min(radius * 0.9 / 7.0) as u32;
        let left = centre as u32 - columns * scale / 2;
        let top = centre as u32 - 7 * scale / 2;
        for (i, rows) in letters.iter().enumerate() {
            for (row, bits) in rows.iter().enumerate() {
                for col in 0..5u32 {
                    if bits & (0b10000 >> col) == 0 {
                        continue;
                    }
                    let x0 = left + (i as u32 * 6 + col) * scale;
                    let y0 = top + row as u32 * scale;
                    for y in y0..y0 + scale {
                        for x in x0..x0 + scale {
                            picture.put_pixel(x, y, Rgb([255, 255, 255]));
                        }
                    }
                }
            }
        }
    }
    let mut out = Cursor::new(Vec::new());
    picture
        .write_to(&mut out, ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawings_are_square_pngs_with_the_colour_and_white_letters() {
        let png = draw_initials("MB", "#c0392b").expect("drawn");
        let picture = image::load_from_memory(&png).expect("png").to_rgb8();
        assert_eq!(picture.dimensions(), (SIZE, SIZE));
        assert!(picture.pixels().any(|p| *p == Rgb([0xc0, 0x39, 0x2b])));
        assert!(picture.pixels().any(|p| *p == Rgb([255, 255, 255])));
        assert!(draw_initials("MB", "red").is_err());
    }
}
