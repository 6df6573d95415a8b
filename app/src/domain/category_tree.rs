//! The category hierarchy: breadcrumbs up the tree and whole subtrees down
//! it. Cycles in bad data stop the walk instead of looping.

use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryNode {
    pub id: i64,
    pub parent: Option<i64>,
}

/// The path from the root to `id`, `id` last; empty when unknown.
pub fn ancestry(nodes: &[CategoryNode], id: i64) -> Vec<i64> {
    let parents: HashMap<i64, Option<i64>> = nodes.iter().map(|n| (n.id, n.parent)).collect();
    let mut path = Vec::new();
    let mut seen = HashSet::new();
    let mut current = Some(id);
    while let Some(node) = current {
        let Some(parent) = parents.get(&node) else {
            break;
        };
        if !seen.insert(node) {
            break;
        }
        path.push(node);
        current = *parent;
    }
    path.reverse();
    path
}

/// `id` and every category below it.
pub fn subtree(nodes: &[CategoryNode], id: i64) -> Vec<i64> {
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for node in nodes {
        if let Some(parent) = node.parent {
            children.entry(parent).or_default().push(node.id);
        }
    }
    let mut found = vec![id];
    let mut seen = HashSet::from([id]);
    let mut next = 0;
    while next < found.len() {
        for child in children.get(&found[next]).into_iter().flatten() {
            if seen.insert(*child) {
                found.push(*child);
            }
        }
        next += 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Vec<CategoryNode> {
        // 1 Vehicles > 2 Motorcycles > 3 Classics; 4 Books.
        vec![
            CategoryNode {
                id: 1,
                parent: None,
            },
            CategoryNode {
                id: 2,
                parent: Some(1),
            },
            CategoryNode {
                id: 3,
                parent: Some(2),
            },
            CategoryNode {
                id: 4,
                parent: None,
            },
        ]
    }

    #[test]
    fn ancestry_runs_from_the_root() {
        assert_eq!(ancestry(&tree(), 3), vec![1, 2, 3]);
        assert_eq!(ancestry(&tree(), 4), vec![4]);
        assert!(ancestry(&tree(), 99).is_empty());
    }

    #[test]
    fn subtree_includes_every_descendant() {
        let mut below = subtree(&tree(), 1);
        below.sort();
        assert_eq!(below, vec![1, 2, 3]);
        assert_eq!(subtree(&tree(), 4), vec![4]);
    }

    #[test]
    fn cycles_do_not_loop() {
        let looped = vec![
            CategoryNode {
                id: 1,
                parent: Some(2),
            },
            CategoryNode {
                id: 2,
                parent: Some(1),
            },
        ];
        assert_eq!(ancestry(&looped, 1).len(), 2);
        assert_eq!(subtree(&looped, 1).len(), 2);
    }
}
