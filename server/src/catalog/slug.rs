/// URL slug: lowercase ASCII letters and digits joined by single hyphens.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug.truncate(120);
    slug
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn makes_readable_slugs() {
        assert_eq!(
            slugify("Garden Hose, 30 m (Green)"),
            "garden-hose-30-m-green"
        );
        assert_eq!(slugify("  --Über Pencils--  "), "ber-pencils");
        assert_eq!(slugify("!!!"), "");
    }
}
