//! Categories and catalogs as the admin edits them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// The German name, or empty.
    pub name_de: String,
    pub parent: Option<i64>,
    pub position: i64,
    /// 0 for top-level categories; rows come depth-first.
    pub depth: u32,
    pub products: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogRow {
    pub id: i64,
    pub key: String,
    pub name: String,
    pub products: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Taxonomy {
    pub categories: Vec<CategoryRow>,
    pub catalogs: Vec<CatalogRow>,
}

/// A checked category: a new one when `id` is `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryInput {
    pub id: Option<i64>,
    pub slug: String,
    pub name: String,
    pub name_de: Option<String>,
    pub parent: Option<i64>,
    pub position: i64,
}

/// Checks the category form; one message for the first problem.
pub fn check_category(
    id: &str,
    slug: &str,
    name: &str,
    name_de: &str,
    parent: &str,
    position: &str,
) -> Result<CategoryInput, String> {
    let number = |text: &str| text.trim().parse::<i64>().ok().filter(|n| *n > 0);
    let id = match id.trim() {
        "" => None,
        text => Some(number(text).ok_or("That is not a valid category.")?),
    };
    let slug = slug.trim().to_owned();
    if slug.is_empty()
        || slug.len() > 80
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err("A web address uses 1 to 80 lower-case letters, digits and dashes.".into());
    }
    let name = name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 100 {
        return Err("Give the category a name of at most 100 characters.".into());
    }
    let name_de = name_de.trim();
    if name_de.chars().count() > 100 {
        return Err("The German name has at most 100 characters.".into());
    }
    let parent = match parent.trim() {
        "" => None,
        text => Some(number(text).ok_or("Choose a parent from the list.")?),
    };
    if parent.is_some() && parent == id {
        return Err("A category cannot be its own parent.".into());
    }
    let position = match position.trim() {
        "" => 0,
        text => text
            .parse::<i64>()
            .ok()
            .filter(|p| (0..=10_000).contains(p))
            .ok_or("The position is a whole number from 0 to 10000.")?,
    };
    Ok(CategoryInput {
        id,
        slug,
        name,
        name_de: Some(name_de.to_owned()).filter(|n| !n.is_empty()),
        parent,
        position,
    })
}

#[cfg(test)]
mod tests {
    use super::check_category;

    #[test]
    fn good_and_bad_categories() {
        let ok =
            check_category("", "garden-tools", "Garden tools", "Gartengeräte", "3", "2").unwrap();
        assert_eq!((ok.id, ok.parent, ok.position), (None, Some(3), 2));
        assert_eq!(ok.name_de.as_deref(), Some("Gartengeräte"));
        assert_eq!(
            check_category("7", "a", "A", "", "", "").unwrap().name_de,
            None
        );
        for (id, slug, name, parent, position) in [
            ("", "Bad Slug", "A", "", ""),
            ("", "a", "", "", ""),
            ("", "a", "A", "x", ""),
            ("7", "a", "A", "7", ""),
            ("", "a", "A", "", "-1"),
            ("abc", "a", "A", "", ""),
        ] {
            assert!(
                check_category(id, slug, name, "", parent, position).is_err(),
                "{slug} {parent} {position}"
            );
        }
    }
}
