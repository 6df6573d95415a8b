//! Pictures for the admin drawn as SVG text, so the same markup can be
//! rendered on the server, hydrated in the browser and checked in tests.

pub mod chart;
pub mod diagram;

/// Escapes text for both element content and quoted attribute values, so
/// one helper covers every place a label can end up.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Formats a coordinate with at most two decimals, so output stays short
/// and identical across platforms.
pub(crate) fn num(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    // Avoid "-0", which some renderers and every diff would trip over.
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    let text = format!("{rounded:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
pub(crate) mod test_support {
    /// Checks that every tag is closed in order and every `&` starts an
    /// entity: enough to catch the mistakes string building makes.
    pub fn assert_well_formed(svg: &str) {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = svg;
        while let Some(open) = rest.find('<') {
            check_entities(&rest[..open]);
            let close = rest[open..].find('>').expect("unterminated tag") + open;
            let tag = &rest[open + 1..close];
            assert!(!tag.contains('<'), "'<' inside a tag: {tag}");
            if let Some(name) = tag.strip_prefix('/') {
                let top = stack.pop().unwrap_or_else(|| panic!("stray </{name}>"));
                assert_eq!(top, name, "</{name}> closes <{top}>");
            } else {
                check_entities(tag);
                let self_closing = tag.ends_with('/');
                let name: String = tag
                    .chars()
                    .take_while(|c| !c.is_whitespace() && *c != '/')
                    .collect();
                assert!(!name.is_empty(), "empty tag name");
                if !self_closing {
                    stack.push(name);
                }
            }
            rest = &rest[close + 1..];
        }
        check_entities(rest);
        assert!(stack.is_empty(), "unclosed tags: {stack:?}");
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
    }

    fn check_entities(text: &str) {
        for (i, _) in text.match_indices('&') {
            let after = &text[i..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                    .iter()
                    .any(|e| after.starts_with(e)),
                "bare '&' in {text}"
            );
        }
    }

    /// The value of `name="…"` in `element`, the text of one start tag.
    pub fn attr<'a>(element: &'a str, name: &str) -> Option<&'a str> {
        let needle = format!(" {name}=\"");
        let start = element.find(&needle)? + needle.len();
        let end = element[start..].find('"')? + start;
        Some(&element[start..end])
    }

    /// The start tags that begin with `prefix`, e.g. `<rect class="bar"`.
    pub fn start_tags<'a>(svg: &'a str, prefix: &str) -> Vec<&'a str> {
        svg.match_indices(prefix)
            .map(|(i, _)| {
                let end = svg[i..].find('>').expect("unterminated tag") + i;
                &svg[i..=end]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(
            escape(r#"a & b < c > d "e" 'f'"#),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;"
        );
        assert_eq!(escape("plain €"), "plain €");
    }

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-4.25), "-4.25");
    }
}
