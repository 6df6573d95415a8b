//! "Seat: verified": the option values of the variants in a basket, joined
//! into one label per variant. The basket and the checkout both show them.

use std::collections::HashMap;

/// Option values of every variant in basket `$1`, in display order.
pub const BASKET_OPTION_VALUES: &str = "SELECT o.variant_id, o.name, o.value FROM variant_options o \
     WHERE o.variant_id IN \
     (SELECT variant_id FROM basket_lines WHERE basket_id = $1 UNION \
      SELECT u.variant_id FROM basket_units bu JOIN serial_units u ON u.id = bu.unit_id \
      WHERE bu.basket_id = $1) ORDER BY o.variant_id, o.position";

/// Rows of (variant, option name, value), ordered by variant then position.
pub fn join_labels(rows: Vec<(i64, String, String)>) -> HashMap<i64, String> {
    let mut labels: HashMap<i64, String> = HashMap::new();
    for (variant, name, value) in rows {
        let label = labels.entry(variant).or_default();
        if !label.is_empty() {
            label.push_str(", ");
        }
        label.push_str(&format!("{name}: {value}"));
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_one_variant_are_joined_in_order() {
        let rows = vec![
            (1, "Colour".to_owned(), "red".to_owned()),
            (1, "Size".to_owned(), "A4".to_owned()),
            (2, "Seat".to_owned(), "verified".to_owned()),
        ];
        let labels = join_labels(rows);
        assert_eq!(labels[&1], "Colour: red, Size: A4");
        assert_eq!(labels[&2], "Seat: verified");
    }
}
