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

/// Every category reachable from a root, depth-first, as (id, depth).
/// Siblings keep their order in `nodes`; a category whose parent does not
/// exist counts as a root.
pub fn depth_first(nodes: &[CategoryNode]) -> Vec<(i64, u32)> {
    let known: HashSet<i64> = nodes.iter().map(|n| n.id).collect();
    let mut children: HashMap<Option<i64>, Vec<i64>> = HashMap::new();
    for node in nodes {
        let parent = node.parent.filter(|p| known.contains(p));
        children.entry(parent).or_default().push(node.id);
    }
    let mut out = Vec::with_capacity(nodes.len());
    let mut stack: Vec<(i64, u32)> = children
        .get(&None)
        .into_iter()
        .flatten()
        .rev()
        .map(|id| (*id, 0))
        .collect();
    let mut seen = HashSet::new();
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        out.push((id, depth));
        for child in children.get(&Some(id)).into_iter().flatten().rev() {
            stack.push((*child, depth + 1));
        }
    }
    out
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
    fn depth_first_keeps_sibling_order_and_adopts_orphans() {
        let mut nodes = tree();
        nodes.push(CategoryNode {
            id: 5,
            parent: Some(1),
        });
        nodes.push(CategoryNode {
            id: 6,
            parent: Some(99),
        });
        assert_eq!(
            depth_first(&nodes),
            vec![(1, 0), (2, 1), (3, 2), (5, 1), (4, 0), (6, 0)]
        );
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
