//! The order workflow drawn from the state machine itself, so the picture
//! can never disagree with the rules the store enforces.
//!
//! States are layered top to bottom by their longest path from the states
//! nothing leads into; edges between neighbouring layers are drawn straight
//! down, and edges that skip layers (or point back) are routed round the
//! side in lanes so they do not cut through the boxes they pass.

use super::{escape, num};
use crate::domain::order_state::{MachineDescription, OrderState, Transition, describe};

const NODE_H: f64 = 40.0;
const ROW_GAP: f64 = 56.0;
const COL_GAP: f64 = 48.0;
/// Text widths are estimated because there is no font to measure with
/// here; these averages suit the system sans-serif fonts at the sizes used.
const STATE_CHAR_W: f64 = 7.5;
const EDGE_CHAR_W: f64 = 6.2;
const NODE_PAD: f64 = 28.0;
const LANE_GAP: f64 = 28.0;
const LANE_PITCH: f64 = 22.0;
const PARALLEL_BEND: f64 = 24.0;
const LOOP_W: f64 = 36.0;
/// Where lane edges attach to a box's side, above and below its middle, so
/// an arrow arriving never meets a line leaving at the same point.
const ATTACH: f64 = 8.0;
const MARGIN: f64 = 12.0;

const EDGE_COLOUR: &str = "#64748b";

/// The workflow diagram as an SVG document, with `current` highlighted.
pub fn workflow_svg(current: Option<OrderState>) -> String {
    render(&layout(&describe()), current)
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedState {
    pub state: OrderState,
    pub layer: usize,
    /// Top-left corner of the box.
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedEdge {
    pub transition: Transition,
    pub from: OrderState,
    pub to: OrderState,
    pub path: String,
    pub label: Label,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Label {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
    /// Lane labels run along their lane, which keeps neighbouring lanes'
    /// labels from colliding.
    pub upright: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub states: Vec<PlacedState>,
    pub edges: Vec<PlacedEdge>,
    pub node_w: f64,
    /// min x, min y, width, height.
    pub view_box: (f64, f64, f64, f64),
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Left,
    Right,
}

/// Longest-path layering. Self-loops are ignored, and layers are capped at
/// the number of states so that a cycle, should one ever be added to the
/// machine, still yields a finite picture.
fn layers(states: &[OrderState], links: &[(usize, usize)]) -> Vec<usize> {
    let cap = states.len().saturating_sub(1);
    let mut layer = vec![0; states.len()];
    for _ in 0..states.len() {
        let mut changed = false;
        for &(from, to) in links {
            let wanted = (layer[from] + 1).min(cap);
            if from != to && layer[to] < wanted {
                layer[to] = wanted;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    layer
}

fn label_width(text: &str) -> f64 {
    text.chars().count() as f64 * EDGE_CHAR_W
}

fn words(transition: Transition) -> String {
    transition.code().replace('_', " ")
}

pub(crate) fn layout(machine: &MachineDescription) -> Layout {
    let states = &machine.states;
    let index = |s: OrderState| states.iter().position(|x| *x == s);
    // Edges to states the description does not list cannot be placed.
    let edges: Vec<(Transition, usize, usize)> = machine
        .edges
        .iter()
        .filter_map(|&(t, f, to)| Some((t, index(f)?, index(to)?)))
        .collect();
    let links: Vec<(usize, usize)> = edges.iter().map(|&(_, f, t)| (f, t)).collect();
    let layer = layers(states, &links);

    let node_w = states
        .iter()
        .map(|s| s.label().chars().count() as f64 * STATE_CHAR_W + NODE_PAD)
        .fold(NODE_PAD, f64::max);
    let pitch = node_w + COL_GAP;
    let layer_count = layer.iter().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (i, &l) in layer.iter().enumerate() {
        members[l].push(i);
    }
    let mut centre = vec![(0.0, 0.0); states.len()];
    for (l, row) in members.iter().enumerate() {
        let offset = (row.len() as f64 - 1.0) / 2.0;
        for (k, &i) in row.iter().enumerate() {
            centre[i] = (
                (k as f64 - offset) * pitch,
                l as f64 * (NODE_H + ROW_GAP) + NODE_H / 2.0,
            );
        }
    }
    let half_w = node_w / 2.0;
    let half_h = NODE_H / 2.0;
    let mut min_x = centre.iter().map(|c| c.0 - half_w).fold(0.0, f64::min);
    let mut max_x = centre.iter().map(|c| c.0 + half_w).fold(0.0, f64::max);

    let mut placed_edges: Vec<Option<PlacedEdge>> = vec![None; edges.len()];
    let place = |i: usize, path: String, label: Label| {
        let (transition, f, t) = edges[i];
        PlacedEdge {
            transition,
            from: states[f],
            to: states[t],
            path,
            label,
        }
    };

    // Neighbouring layers and self-loops first: their labels widen the
    // area the side lanes must keep clear of.
    let mut lane_edges: Vec<usize> = Vec::new();
    for (i, &(transition, f, t)) in edges.iter().enumerate() {
        let (fx, fy) = centre[f];
        let (tx, ty) = centre[t];
        let text_w = label_width(&words(transition));
        if f == t {
            let (x, y) = (fx + half_w, fy);
            let path = format!(
                "M{} {}C{} {},{} {},{} {}",
                num(x),
                num(y - ATTACH),
                num(x + LOOP_W),
                num(y - 22.0),
                num(x + LOOP_W),
                num(y + 22.0),
                num(x),
                num(y + ATTACH)
            );
            let label_x = x + LOOP_W * 0.75 + 6.0;
            max_x = max_x.max(label_x + text_w);
            let label = Label {
                x: label_x,
                y: y + 4.0,
                anchor: "start",
                upright: true,
            };
            placed_edges[i] = Some(place(i, path, label));
        } else if layer[t] == layer[f] + 1 {
            // Several transitions between the same two states bow apart.
            let siblings: Vec<usize> = (0..edges.len())
                .filter(|&j| edges[j].1 == f && edges[j].2 == t)
                .collect();
            let k = siblings.iter().position(|&j| j == i).unwrap_or(0) as f64;
            let bend = (k - (siblings.len() as f64 - 1.0) / 2.0) * PARALLEL_BEND;
            let (x1, x2) = (fx + bend, tx + bend);
            let (y1, y2) = (fy + half_h, ty - half_h);
            let mid_y = (y1 + y2) / 2.0;
            let path = format!(
                "M{} {}C{} {},{} {},{} {}",
                num(x1),
                num(y1),
                num(x1),
                num(mid_y),
                num(x2),
                num(mid_y),
                num(x2),
                num(y2)
            );
            let curve_x = (x1 + x2) / 2.0;
            let label = if bend < 0.0 {
                min_x = min_x.min(curve_x - 6.0 - text_w);
                Label {
                    x: curve_x - 6.0,
                    y: mid_y + 4.0,
                    anchor: "end",
                    upright: true,
                }
            } else {
                max_x = max_x.max(curve_x + 6.0 + text_w);
                Label {
                    x: curve_x + 6.0,
                    y: mid_y + 4.0,
                    anchor: "start",
                    upright: true,
                }
            };
            placed_edges[i] = Some(place(i, path, label));
        } else {
            lane_edges.push(i);
        }
    }

    let span = |i: usize| {
        let (_, f, t) = edges[i];
        (layer[f].min(layer[t]), layer[f].max(layer[t]))
    };
    let side_of = |i: usize| {
        let (_, f, t) = edges[i];
        if centre[f].0 + centre[t].0 < 0.0 {
            Side::Left
        } else {
            Side::Right
        }
    };
    // Short spans take the inner lanes, so lanes nest instead of crossing;
    // lanes are shared only by spans that do not touch.
    lane_edges.sort_by_key(|&i| {
        let (lo, hi) = span(i);
        (hi - lo, lo, i)
    });
    let mut lanes: Vec<(Side, Vec<(usize, usize)>)> = Vec::new();
    let (inner_left, inner_right) = (min_x, max_x);
    for &i in &lane_edges {
        let side = side_of(i);
        let (lo, hi) = span(i);
        let free = |taken: &Vec<(usize, usize)>| taken.iter().all(|&(a, b)| hi < a || b < lo);
        let slot = lanes
            .iter()
            .filter(|(s, _)| *s == side)
            .position(|(_, taken)| free(taken));
        let lane = match slot {
            Some(n) => n,
            None => {
                lanes.push((side, Vec::new()));
                lanes.iter().filter(|(s, _)| *s == side).count() - 1
            }
        };
        if let Some((_, taken)) = lanes.iter_mut().filter(|(s, _)| *s == side).nth(lane) {
            taken.push((lo, hi));
        }

        let (_, f, t) = edges[i];
        let (fx, fy) = centre[f];
        let (tx, ty) = centre[t];
        let (lane_x, sx, ex) = match side {
            Side::Left => (
                inner_left - LANE_GAP - lane as f64 * LANE_PITCH,
                fx - half_w,
                tx - half_w,
            ),
            Side::Right => (
                inner_right + LANE_GAP + lane as f64 * LANE_PITCH,
                fx + half_w,
                tx + half_w,
            ),
        };
        min_x = min_x.min(lane_x - 8.0);
        max_x = max_x.max(lane_x + 8.0);
        let (sy, ey) = (fy + ATTACH, ty - ATTACH);
        // Out to the lane, along it, and back in, with rounded corners: each
        // lane stays one clear line however many edges share a box's side.
        let radius = 8.0_f64
            .min((ey - sy).abs() / 2.0)
            .min((lane_x - sx).abs())
            .min((lane_x - ex).abs());
        let out = (lane_x - sx).signum();
        let back = (ex - lane_x).signum();
        let down = (ey - sy).signum();
        let path = format!(
            "M{} {}H{}Q{} {},{} {}V{}Q{} {},{} {}H{}",
            num(sx),
            num(sy),
            num(lane_x - out * radius),
            num(lane_x),
            num(sy),
            num(lane_x),
            num(sy + down * radius),
            num(ey - down * radius),
            num(lane_x),
            num(ey),
            num(lane_x + back * radius),
            num(ey),
            num(ex)
        );
        let label = Label {
            x: lane_x,
            y: (sy + ey) / 2.0,
            anchor: "middle",
            upright: false,
        };
        placed_edges[i] = Some(place(i, path, label));
    }

    let placed_states = states
        .iter()
        .enumerate()
        .map(|(i, &state)| PlacedState {
            state,
            layer: layer[i],
            x: centre[i].0 - half_w,
            y: centre[i].1 - half_h,
        })
        .collect();
    let height = layer_count as f64 * (NODE_H + ROW_GAP) - ROW_GAP;
    Layout {
        states: placed_states,
        edges: placed_edges.into_iter().flatten().collect(),
        node_w,
        view_box: (
            min_x - MARGIN,
            -MARGIN,
            max_x - min_x + 2.0 * MARGIN,
            height.max(0.0) + 2.0 * MARGIN,
        ),
    }
}

fn render(layout: &Layout, current: Option<OrderState>) -> String {
    let (vx, vy, vw, vh) = layout.view_box;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{} {} {} {}\" role=\"img\" \
         aria-labelledby=\"workflow-title\" class=\"workflow\" font-family=\"system-ui, sans-serif\">",
        num(vx),
        num(vy),
        num(vw),
        num(vh)
    );
    svg.push_str("<title id=\"workflow-title\">Order workflow");
    if let Some(state) = current {
        svg.push_str(", current state: ");
        svg.push_str(&escape(&state.label()));
    }
    svg.push_str("</title>\n");
    svg.push_str(&format!(
        "<defs><marker id=\"workflow-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">\
         <path d=\"M0 0L10 5L0 10z\" fill=\"{EDGE_COLOUR}\"/></marker></defs>\n"
    ));

    // Lines first, so boxes cover whatever passes behind them.
    for edge in &layout.edges {
        let label = &edge.label;
        let rotate = if label.upright {
            String::new()
        } else {
            format!(
                " transform=\"rotate(-90 {} {})\"",
                num(label.x),
                num(label.y)
            )
        };
        // Upright labels sit on the baseline; rotated ones are nudged so
        // the line runs through the middle of the text.
        let dy = if label.upright { "" } else { " dy=\"4\"" };
        svg.push_str(&format!(
            "<g class=\"edge\" data-transition=\"{}\" data-from=\"{}\" data-to=\"{}\">\
             <path d=\"{}\" fill=\"none\" stroke=\"{EDGE_COLOUR}\" stroke-width=\"1.5\" \
             marker-end=\"url(#workflow-arrow)\"/>\
             <text x=\"{}\" y=\"{}\"{dy}{rotate} text-anchor=\"{}\" font-size=\"11\" fill=\"#334155\" \
             stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text></g>\n",
            escape(edge.transition.code()),
            escape(edge.from.code()),
            escape(edge.to.code()),
            edge.path,
            num(label.x),
            num(label.y),
            label.anchor,
            escape(&words(edge.transition)),
        ));
    }

    for placed in &layout.states {
        let is_current = current == Some(placed.state);
        let (class, aria, fill, stroke, width, weight) = if is_current {
            (
                "state state--current",
                " aria-current=\"step\"",
                "#dbeafe",
                "#2563eb",
                "2.5",
                " font-weight=\"bold\"",
            )
        } else {
            ("state", "", "#f8fafc", "#94a3b8", "1.5", "")
        };
        svg.push_str(&format!(
            "<g class=\"{class}\" data-state=\"{}\"{aria}>\
             <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"{fill}\" \
             stroke=\"{stroke}\" stroke-width=\"{width}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#0f172a\"{weight}>{}</text></g>\n",
            escape(placed.state.code()),
            num(placed.x),
            num(placed.y),
            num(layout.node_w),
            num(NODE_H),
            num(placed.x + layout.node_w / 2.0),
            num(placed.y + NODE_H / 2.0 + 4.5),
            escape(&placed.state.label()),
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_well_formed, attr, start_tags};
    use super::*;
    use OrderState::*;

    fn state_tags(svg: &str, state: OrderState) -> Vec<&str> {
        start_tags(svg, "<g class=\"state")
            .into_iter()
            .filter(|tag| attr(tag, "data-state") == Some(state.code()))
            .collect()
    }

    /// The top of a state's box, read back from the output.
    fn box_y(svg: &str, state: OrderState) -> f64 {
        let needle = format!("data-state=\"{}\"", state.code());
        let at = svg.find(&needle).expect("state drawn");
        let rect = start_tags(&svg[at..], "<rect")[0];
        attr(rect, "y").unwrap().parse().unwrap()
    }

    #[test]
    fn every_state_is_drawn_once() {
        let svg = workflow_svg(None);
        let machine = describe();
        assert_eq!(
            start_tags(&svg, "<g class=\"state").len(),
            machine.states.len()
        );
        for state in machine.states {
            assert_eq!(state_tags(&svg, state).len(), 1, "{state:?}");
            assert!(svg.contains(&format!(">{}</text>", state.label())));
        }
    }

    #[test]
    fn every_edge_is_drawn_once_with_its_transition() {
        let svg = workflow_svg(None);
        let machine = describe();
        let drawn = start_tags(&svg, "<g class=\"edge\"");
        assert_eq!(drawn.len(), machine.edges.len());
        for (transition, from, to) in machine.edges {
            let matching = drawn
                .iter()
                .filter(|tag| {
                    attr(tag, "data-transition") == Some(transition.code())
                        && attr(tag, "data-from") == Some(from.code())
                        && attr(tag, "data-to") == Some(to.code())
                })
                .count();
            assert_eq!(matching, 1, "{transition:?} {from:?} -> {to:?}");
        }
        assert!(svg.contains(">refund partially</text>"));
        assert!(svg.contains(">await payment</text>"));
        // One arrowhead, shared by every edge.
        assert_eq!(svg.matches("<marker ").count(), 1);
        assert_eq!(
            svg.matches("marker-end=\"url(#workflow-arrow)\"").count(),
            drawn.len()
        );
    }

    #[test]
    fn only_the_current_state_is_highlighted() {
        for current in [Created, Paid, PartiallyRefunded, Cancelled] {
            let svg = workflow_svg(Some(current));
            assert_eq!(svg.matches("state--current").count(), 1);
            assert_eq!(svg.matches("aria-current=").count(), 1);
            let tag = state_tags(&svg, current)[0];
            assert_eq!(attr(tag, "class"), Some("state state--current"));
            assert_eq!(attr(tag, "aria-current"), Some("step"));
            assert!(svg.contains(&format!(
                "<title id=\"workflow-title\">Order workflow, current state: {}</title>",
                current.label()
            )));
        }
        let svg = workflow_svg(None);
        assert!(!svg.contains("state--current"));
        assert!(!svg.contains("aria-current"));
        assert!(svg.contains("<title id=\"workflow-title\">Order workflow</title>"));
    }

    #[test]
    fn output_is_deterministic_and_well_formed() {
        assert_eq!(workflow_svg(Some(Paid)), workflow_svg(Some(Paid)));
        assert_eq!(workflow_svg(None), workflow_svg(None));
        for current in [None, Some(Shipped)] {
            let svg = workflow_svg(current);
            assert_well_formed(&svg);
            assert_eq!(svg.matches("<g ").count(), svg.matches("</g>").count());
            assert_eq!(
                svg.matches("<text ").count(),
                svg.matches("</text>").count()
            );
            assert_eq!(svg.matches("<svg ").count(), 1);
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\""));
            assert!(
                svg.contains("role=\"img\" aria-labelledby=\"workflow-title\" class=\"workflow\"")
            );
        }
    }

    #[test]
    fn states_are_layered_by_their_longest_path() {
        let placed = layout(&describe());
        let layer = |s: OrderState| placed.states.iter().find(|p| p.state == s).unwrap().layer;
        assert_eq!(layer(Created), 0);
        assert_eq!(layer(AwaitingPayment), 1);
        // Reachable straight from created, but also through awaiting payment.
        assert_eq!(layer(Paid), 2);
        assert_eq!(layer(Cancelled), 2);
        assert_eq!(layer(Fulfilled), 3);
        assert_eq!(layer(Shipped), 3);
        assert_eq!(layer(Completed), 4);
        // Its own loop does not push it down; the edge into refunded does.
        assert_eq!(layer(PartiallyRefunded), 5);
        assert_eq!(layer(Refunded), 6);

        let svg = workflow_svg(None);
        assert!(box_y(&svg, Created) < box_y(&svg, AwaitingPayment));
        assert!(box_y(&svg, AwaitingPayment) < box_y(&svg, Paid));
        assert!(box_y(&svg, Paid) < box_y(&svg, Completed));
        assert_eq!(box_y(&svg, Fulfilled), box_y(&svg, Shipped));
    }

    #[test]
    fn states_in_a_layer_keep_their_order_and_do_not_overlap() {
        let placed = layout(&describe());
        let x = |s: OrderState| placed.states.iter().find(|p| p.state == s).unwrap().x;
        assert!(x(Paid) + placed.node_w < x(Cancelled));
        assert!(x(Fulfilled) + placed.node_w < x(Shipped));
        let (vx, vy, vw, vh) = placed.view_box;
        for p in &placed.states {
            assert!(p.x >= vx && p.x + placed.node_w <= vx + vw);
            assert!(p.y >= vy && p.y + NODE_H <= vy + vh);
        }
    }

    #[test]
    fn self_loops_and_parallel_edges_get_their_own_paths() {
        let placed = layout(&describe());
        let paths: Vec<&str> = placed.edges.iter().map(|e| e.path.as_str()).collect();
        let mut unique = paths.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), paths.len(), "two edges share a path");
        let lp = placed
            .edges
            .iter()
            .find(|e| e.from == PartiallyRefunded && e.to == PartiallyRefunded)
            .unwrap();
        assert_eq!(lp.transition, Transition::RefundPartially);
    }

    #[test]
    fn a_cycle_still_yields_a_finite_picture() {
        let machine = MachineDescription {
            states: vec![Created, Paid, Shipped],
            edges: vec![
                (Transition::Pay, Created, Paid),
                (Transition::Ship, Paid, Shipped),
                (Transition::Refund, Shipped, Created),
                (Transition::Cancel, Paid, Cancelled),
            ],
        };
        let placed = layout(&machine);
        assert!(placed.states.iter().all(|p| p.layer < 3));
        // The edge to a state the description leaves out is not drawn.
        assert_eq!(placed.edges.len(), 3);
        assert_well_formed(&render(&placed, Some(Paid)));
    }
}
