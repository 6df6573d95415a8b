//! A large catalog for scale tests, derived from the demo CSV: each source
//! row is repeated with fresh SKUs and numbered titles, so word frequencies
//! and categories keep the demo's shape at any size.

use std::fmt::Write as _;

pub fn catalog(source: &str, products: usize) -> String {
    let mut header = String::new();
    let mut rows: Vec<Vec<&str>> = Vec::new();
    for line in source.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if header.is_empty() {
            header = line.to_owned();
            continue;
        }
        rows.push(line.split(',').collect());
    }
    assert!(!rows.is_empty(), "the source catalog has no rows");
    let mut out = format!("# Generated from the demo catalog: {products} products.\n{header}\n");
    for n in 0..products {
        let row = &rows[n % rows.len()];
        let number = n + 1;
        // "Premium Oak Puzzle 0003" becomes "Premium Oak Puzzle 000003".
        let stem = row[1].rsplit_once(' ').map_or(row[1], |(stem, _)| stem);
        let _ = writeln!(
            out,
            "PEER-{number:06},{stem} {number:06},{},{},{},{},{}",
            row[2], row[3], row[4], row[5], row[6]
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_repeat_with_unique_skus_and_titles() {
        let source = "# c\nsku,title,description,category,price_usd,stock,weight_kg\n\
                      PEER-000001,Oak Puzzle 0001,Nice.,Toys,5.00,3,0.200\n";
        let out = super::catalog(source, 3);
        assert!(out.contains("PEER-000003,Oak Puzzle 000003,Nice.,Toys,5.00,3,0.200"));
        assert_eq!(out.lines().filter(|l| l.starts_with("PEER-")).count(), 3);
    }
}
