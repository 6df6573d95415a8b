//! Revenue per day as bars, with the number of orders as a line on its own
//! scale: the two rarely share a magnitude, so one axis would flatten one
//! of them.

use super::{escape, num};
use crate::domain::{Currency, Money};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayTotal {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub orders: u32,
    pub revenue_minor: i64,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
/// Room on the left for money labels, on the right for the order count.
const LEFT: f64 = 88.0;
const RIGHT: f64 = 80.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 28.0;
const PLOT_W: f64 = WIDTH - LEFT - RIGHT;
const PLOT_H: f64 = HEIGHT - TOP - BOTTOM;
const BASELINE: f64 = TOP + PLOT_H;
const BAR_SHARE: f64 = 0.7;

const BAR_COLOUR: &str = "#93c5fd";
const ORDERS_COLOUR: &str = "#ea580c";
const AXIS_COLOUR: &str = "#94a3b8";
const TEXT_COLOUR: &str = "#475569";

fn money(minor: i64, currency: Currency) -> String {
    Money::from_minor(minor, currency).to_string()
}

fn orders_text(orders: u32) -> String {
    if orders == 1 {
        "1 order".to_owned()
    } else {
        format!("{orders} orders")
    }
}

/// The share of the full height a value takes. A series of zeros has no
/// maximum to scale to and stays flat; negative days (refunds outweighing
/// sales) are drawn as empty rather than below the axis.
fn share(value: f64, max: f64) -> f64 {
    if max > 0.0 {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// The chart as an SVG document, one bar per entry of `days`, in the order
/// given.
pub fn revenue_chart_svg(days: &[DayTotal], currency: Currency) -> String {
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" \
         aria-labelledby=\"revenue-title\" class=\"chart\" font-family=\"system-ui, sans-serif\" \
         font-size=\"11\">\
         <title id=\"revenue-title\">Revenue and orders per day</title>\n",
        num(WIDTH),
        num(HEIGHT)
    );
    if days.is_empty() {
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"14\" fill=\"{TEXT_COLOUR}\">\
             No orders yet</text></svg>",
            num(WIDTH / 2.0),
            num(HEIGHT / 2.0)
        ));
        return svg;
    }

    let max_revenue = days
        .iter()
        .map(|d| d.revenue_minor)
        .max()
        .unwrap_or(0)
        .max(0);
    let max_orders = days.iter().map(|d| d.orders).max().unwrap_or(0);
    let slot = PLOT_W / days.len() as f64;
    let bar_w = slot * BAR_SHARE;

    // Axes and their end labels.
    svg.push_str(&format!(
        "<g class=\"axes\" stroke=\"{AXIS_COLOUR}\" stroke-width=\"1\">\
         <line x1=\"{l}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\"/>\
         <line x1=\"{l}\" y1=\"{t}\" x2=\"{r}\" y2=\"{t}\" stroke-dasharray=\"3 3\"/></g>\n",
        l = num(LEFT),
        r = num(LEFT + PLOT_W),
        b = num(BASELINE),
        t = num(TOP),
    ));
    let label = |x: f64, y: f64, anchor: &str, class: &str, colour: &str, text: &str| {
        format!(
            "<text class=\"{class}\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"{colour}\">{}</text>",
            num(x),
            num(y),
            escape(text)
        )
    };
    svg.push_str(&label(
        LEFT - 6.0,
        BASELINE + 4.0,
        "end",
        "y-label",
        TEXT_COLOUR,
        &money(0, currency),
    ));
    svg.push_str(&label(
        LEFT - 6.0,
        TOP + 4.0,
        "end",
        "y-label",
        TEXT_COLOUR,
        &money(max_revenue, currency),
    ));
    svg.push_str(&label(
        LEFT + PLOT_W + 6.0,
        BASELINE + 4.0,
        "start",
        "y2-label",
        ORDERS_COLOUR,
        "0",
    ));
    svg.push_str(&label(
        LEFT + PLOT_W + 6.0,
        TOP + 4.0,
        "start",
        "y2-label",
        ORDERS_COLOUR,
        &orders_text(max_orders),
    ));
    svg.push('\n');

    // First, middle and last day; the outer ones are anchored inwards so
    // the dates stay inside the picture.
    let last = days.len() - 1;
    let middle = days.len() / 2;
    let ticks: Vec<(usize, &str)> = if last == 0 {
        vec![(0, "middle")]
    } else if middle == last {
        vec![(0, "start"), (last, "end")]
    } else {
        vec![(0, "start"), (middle, "middle"), (last, "end")]
    };
    for (i, anchor) in ticks {
        let centre = LEFT + (i as f64 + 0.5) * slot;
        let x = match anchor {
            "start" => centre - bar_w / 2.0,
            "end" => centre + bar_w / 2.0,
            _ => centre,
        };
        svg.push_str(&label(
            x,
            BASELINE + 18.0,
            anchor,
            "x-label",
            TEXT_COLOUR,
            &days[i].day,
        ));
    }
    svg.push('\n');

    svg.push_str(&format!("<g class=\"bars\" fill=\"{BAR_COLOUR}\">"));
    for (i, day) in days.iter().enumerate() {
        let height = PLOT_H * share(day.revenue_minor as f64, max_revenue as f64);
        let day_text = escape(&day.day);
        svg.push_str(&format!(
            "<rect class=\"bar\" data-day=\"{day_text}\" data-revenue-minor=\"{}\" x=\"{}\" y=\"{}\" \
             width=\"{}\" height=\"{}\"><title>{day_text}: {}, {}</title></rect>",
            day.revenue_minor,
            num(LEFT + i as f64 * slot + (slot - bar_w) / 2.0),
            num(BASELINE - height),
            num(bar_w),
            num(height),
            escape(&money(day.revenue_minor, currency)),
            orders_text(day.orders),
        ));
    }
    svg.push_str("</g>\n");

    let points: Vec<(f64, f64)> = days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            (
                LEFT + (i as f64 + 0.5) * slot,
                BASELINE - PLOT_H * share(f64::from(day.orders), f64::from(max_orders)),
            )
        })
        .collect();
    svg.push_str(&format!(
        "<g class=\"orders\" fill=\"{ORDERS_COLOUR}\" stroke=\"{ORDERS_COLOUR}\">"
    ));
    if points.len() > 1 {
        let list: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        svg.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke-width=\"2\"/>",
            list.join(" ")
        ));
    }
    for ((x, y), day) in points.iter().zip(days) {
        svg.push_str(&format!(
            "<circle data-day=\"{}\" data-orders=\"{}\" cx=\"{}\" cy=\"{}\" r=\"3\"/>",
            escape(&day.day),
            day.orders,
            num(*x),
            num(*y)
        ));
    }
    svg.push_str("</g>\n</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_well_formed, attr, start_tags};
    use super::*;

    fn day(day: &str, orders: u32, revenue_minor: i64) -> DayTotal {
        DayTotal {
            day: day.to_owned(),
            orders,
            revenue_minor,
        }
    }

    fn bar_heights(svg: &str) -> Vec<f64> {
        start_tags(svg, "<rect class=\"bar\"")
            .iter()
            .map(|tag| attr(tag, "height").unwrap().parse().unwrap())
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.01
    }

    #[test]
    fn bars_are_proportional_to_the_best_day() {
        let days = [
            day("2026-11-01", 1, 500),
            day("2026-11-02", 4, 1000),
            day("2026-11-03", 0, 0),
            day("2026-11-04", 2, 250),
        ];
        let svg = revenue_chart_svg(&days, Currency::EUR);
        let heights = bar_heights(&svg);
        assert!(close(heights[1], PLOT_H));
        assert!(close(heights[0], PLOT_H / 2.0));
        assert!(close(heights[2], 0.0));
        assert!(close(heights[3], PLOT_H / 4.0));
        // Bars stand on the axis.
        for tag in start_tags(&svg, "<rect class=\"bar\"") {
            let y: f64 = attr(tag, "y").unwrap().parse().unwrap();
            let h: f64 = attr(tag, "height").unwrap().parse().unwrap();
            assert!(close(y + h, BASELINE));
        }
        // The order line peaks at the busiest day, on its own scale.
        let circles = start_tags(&svg, "<circle");
        let cy: f64 = attr(circles[1], "cy").unwrap().parse().unwrap();
        assert!(close(cy, TOP));
        assert!(svg.contains(">€10.00</text>"));
        assert!(svg.contains(">4 orders</text>"));
        assert_well_formed(&svg);
    }

    #[test]
    fn one_bar_per_day_in_order() {
        let days: Vec<DayTotal> = (1..=30)
            .map(|d| day(&format!("2026-11-{d:02}"), d, i64::from(d) * 100))
            .collect();
        let svg = revenue_chart_svg(&days, Currency::USD);
        let bars = start_tags(&svg, "<rect class=\"bar\"");
        assert_eq!(bars.len(), days.len());
        let order: Vec<&str> = bars.iter().map(|b| attr(b, "data-day").unwrap()).collect();
        let expected: Vec<&str> = days.iter().map(|d| d.day.as_str()).collect();
        assert_eq!(order, expected);
        assert_eq!(start_tags(&svg, "<circle").len(), days.len());
        assert_eq!(attr(bars[4], "data-revenue-minor"), Some("500"));
        // First, middle and last dates label the x axis.
        let ticks: Vec<String> = start_tags(&svg, "<text class=\"x-label\"")
            .iter()
            .map(|t| {
                let at = svg.find(t).unwrap() + t.len();
                svg[at..at + 10].to_owned()
            })
            .collect();
        assert_eq!(ticks, ["2026-11-01", "2026-11-16", "2026-11-30"]);
        assert_well_formed(&svg);
    }

    #[test]
    fn an_all_zero_series_is_flat() {
        let days = [day("2026-11-01", 0, 0), day("2026-11-02", 0, 0)];
        let svg = revenue_chart_svg(&days, Currency::GBP);
        assert!(bar_heights(&svg).iter().all(|h| *h == 0.0));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert!(svg.contains(">£0.00</text>"));
        assert_well_formed(&svg);
    }

    #[test]
    fn a_refund_heavy_day_does_not_dip_below_the_axis() {
        let days = [day("2026-11-01", 1, 2000), day("2026-11-02", 0, -500)];
        let svg = revenue_chart_svg(&days, Currency::USD);
        assert_eq!(bar_heights(&svg)[1], 0.0);
        assert!(svg.contains("<title>2026-11-02: -$5.00, 0 orders</title>"));
    }

    #[test]
    fn titles_carry_formatted_money_and_counts() {
        let days = [day("2026-11-03", 2, 1250), day("2026-11-04", 1, 123_456)];
        let svg = revenue_chart_svg(&days, Currency::EUR);
        assert!(svg.contains("<title>2026-11-03: €12.50, 2 orders</title>"));
        assert!(svg.contains("<title>2026-11-04: €1,234.56, 1 order</title>"));
        let yen = revenue_chart_svg(&[day("2026-11-03", 3, 1200)], Currency::JPY);
        assert!(yen.contains("<title>2026-11-03: ¥1,200, 3 orders</title>"));
        assert!(yen.contains(">¥1,200</text>"));
    }

    #[test]
    fn two_days_label_both_ends() {
        let days = [day("2026-11-01", 1, 100), day("2026-11-02", 1, 100)];
        let svg = revenue_chart_svg(&days, Currency::USD);
        let ticks = start_tags(&svg, "<text class=\"x-label\"");
        assert_eq!(ticks.len(), 2);
        assert_eq!(attr(ticks[0], "text-anchor"), Some("start"));
        assert_eq!(attr(ticks[1], "text-anchor"), Some("end"));
    }

    #[test]
    fn a_single_day_is_labelled_once() {
        let svg = revenue_chart_svg(&[day("2026-11-03", 1, 100)], Currency::USD);
        assert_eq!(start_tags(&svg, "<text class=\"x-label\"").len(), 1);
        assert!(!svg.contains("<polyline"));
        assert!(close(bar_heights(&svg)[0], PLOT_H));
        assert_well_formed(&svg);
    }

    #[test]
    fn text_from_the_data_is_escaped() {
        let days = [day("<b>\"x\" & 'y'", 1, 100)];
        let svg = revenue_chart_svg(&days, Currency::USD);
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("data-day=\"&lt;b&gt;&quot;x&quot; &amp; &apos;y&apos;\""));
        assert_well_formed(&svg);
    }

    #[test]
    fn no_days_shows_a_message() {
        let svg = revenue_chart_svg(&[], Currency::EUR);
        assert!(svg.contains(">No orders yet</text>"));
        assert!(svg.contains("role=\"img\" aria-labelledby=\"revenue-title\" class=\"chart\""));
        assert!(svg.contains("<title id=\"revenue-title\">Revenue and orders per day</title>"));
        assert!(!svg.contains("class=\"bar\""));
        assert_well_formed(&svg);
    }

    #[test]
    fn output_is_deterministic() {
        let days = [day("2026-11-01", 3, 999), day("2026-11-02", 1, 12)];
        assert_eq!(
            revenue_chart_svg(&days, Currency::EUR),
            revenue_chart_svg(&days, Currency::EUR)
        );
    }
}
