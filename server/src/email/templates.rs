//! The words of every order email, in each language the store speaks,
//! rendered as plain text and as HTML from the same facts.

use crate::html::escape;
use crate::jobs::EmailKind;
use app::domain::Locale;

/// What an email says about its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub number: String,
    /// The order page, as an absolute URL.
    pub order_url: String,
    /// "2 × Pencil 30-pack (yellow)" per line.
    pub lines: Vec<String>,
    pub total: String,
    pub tracking_number: Option<String>,
    pub downloads: Vec<DownloadFact>,
    /// Refunded so far, for the refund email.
    pub refunded: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadFact {
    pub name: String,
    /// The masked link, as an absolute URL.
    pub url: String,
    pub attempts: u32,
    pub until: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One paragraph: plain words, or a link.
enum Part {
    Para(String),
    Items(Vec<String>),
    Links(Vec<(String, String, String)>),
}

pub fn render(kind: EmailKind, locale: Locale, facts: &Facts) -> Rendered {
    let de = locale == Locale::De;
    let n = &facts.number;
    let (subject, mut parts) = match kind {
        EmailKind::Confirmation => (
            if de {
                format!("Ihre Bestellung {n}")
            } else {
                format!("Your order {n}")
            },
            vec![
                Part::Para(if de {
                    format!("Vielen Dank für Ihre Bestellung {n}. Wir haben sie erhalten.")
                } else {
                    format!("Thank you for your order {n}. We have received it.")
                }),
                Part::Items(facts.lines.clone()),
                Part::Para(if de {
                    format!("Gesamtbetrag: {}", facts.total)
                } else {
                    format!("Total: {}", facts.total)
                }),
            ],
        ),
        EmailKind::PaymentReceived => (
            if de {
                format!("Zahlung für Bestellung {n} erhalten")
            } else {
                format!("Payment received for order {n}")
            },
            vec![Part::Para(if de {
                format!(
                    "Wir haben Ihre Zahlung von {} erhalten. Wir bereiten Ihre Bestellung jetzt vor.",
                    facts.total
                )
            } else {
                format!(
                    "We have received your payment of {}. We are now preparing your order.",
                    facts.total
                )
            })],
        ),
        EmailKind::Shipped => {
            let tracking = facts.tracking_number.clone().unwrap_or_default();
            let mut parts = vec![Part::Para(if de {
                format!("Ihre Bestellung {n} ist unterwegs.")
            } else {
                format!("Your order {n} is on its way.")
            })];
            if !tracking.is_empty() {
                parts.push(Part::Para(if de {
                    format!("Sendungsnummer: {tracking}")
                } else {
                    format!("Tracking number: {tracking}")
                }));
            }
            (
                if de {
                    format!("Bestellung {n} wurde versandt")
                } else {
                    format!("Order {n} has shipped")
                },
                parts,
            )
        }
        EmailKind::DownloadsReady => (
            if de {
                format!("Ihre Downloads für Bestellung {n}")
            } else {
                format!("Your downloads for order {n}")
            },
            vec![
                Part::Para(if de {
                    "Ihre Downloads sind bereit:".to_owned()
                } else {
                    "Your downloads are ready:".to_owned()
                }),
                Part::Links(
                    facts
                        .downloads
                        .iter()
                        .map(|d| {
                            let note = if de {
                                format!("{} Versuche, bis {}", d.attempts, d.until)
                            } else {
                                format!("{} attempts, until {}", d.attempts, d.until)
                            };
                            (d.name.clone(), d.url.clone(), note)
                        })
                        .collect(),
                ),
            ],
        ),
        EmailKind::Refund => (
            if de {
                format!("Erstattung für Bestellung {n}")
            } else {
                format!("Refund for order {n}")
            },
            vec![Part::Para(if de {
                format!(
                    "Wir haben Ihnen für Bestellung {n} insgesamt {} erstattet.",
                    facts.refunded
                )
            } else {
                format!(
                    "We have refunded {} in total for order {n}.",
                    facts.refunded
                )
            })],
        ),
    };
    parts.push(Part::Para(if de {
        format!("Ihre Bestellung ansehen: {}", facts.order_url)
    } else {
        format!("See your order: {}", facts.order_url)
    }));
    Rendered {
        text: text_of(&parts),
        html: html_of(&subject, &parts, &facts.order_url, locale),
        subject,
    }
}

fn text_of(parts: &[Part]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Para(p) => out.push_str(p),
            Part::Items(items) => {
                for item in items {
                    out.push_str(&format!("- {item}\n"));
                }
                out.pop();
            }
            Part::Links(links) => {
                for (name, url, note) in links {
                    out.push_str(&format!("- {name} ({note}):\n  {url}\n"));
                }
                out.pop();
            }
        }
        out.push_str("\n\n");
    }
    out.trim_end().to_owned() + "\n"
}

fn html_of(subject: &str, parts: &[Part], order_url: &str, locale: Locale) -> String {
    let mut body = String::new();
    for part in parts {
        match part {
            Part::Para(p) => {
                // The order link is the last paragraph; make it a link.
                if p.ends_with(order_url) {
                    let label = p.trim_end_matches(order_url).trim_end_matches(": ");
                    body.push_str(&format!(
                        "<p><a href=\"{}\">{}</a></p>",
                        escape(order_url),
                        escape(label)
                    ));
                } else {
                    body.push_str(&format!("<p>{}</p>", escape(p)));
                }
            }
            Part::Items(items) => {
                body.push_str("<ul>");
                for item in items {
                    body.push_str(&format!("<li>{}</li>", escape(item)));
                }
                body.push_str("</ul>");
            }
            Part::Links(links) => {
                body.push_str("<ul>");
                for (name, url, note) in links {
                    body.push_str(&format!(
                        "<li><a href=\"{}\">{}</a> ({})</li>",
                        escape(url),
                        escape(name),
                        escape(note)
                    ));
                }
                body.push_str("</ul>");
            }
        }
    }
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family: sans-serif; line-height: 1.5\">{body}</body></html>",
        locale.code(),
        escape(subject)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            number: "2026-00042".into(),
            order_url: "https://shop.test/orders/abc".into(),
            lines: vec!["1 × Rust <Shop> book".into()],
            total: "$12.00".into(),
            tracking_number: Some("1Z999".into()),
            downloads: vec![DownloadFact {
                name: "Rust <Shop> book".into(),
                url: "https://shop.test/download/tok".into(),
                attempts: 3,
                until: "2026-12-01 10:00 UTC".into(),
            }],
            refunded: "$5.00".into(),
        }
    }

    #[test]
    fn every_email_has_text_and_escaped_html_in_both_languages() {
        for kind in [
            EmailKind::Confirmation,
            EmailKind::PaymentReceived,
            EmailKind::Shipped,
            EmailKind::DownloadsReady,
            EmailKind::Refund,
        ] {
            for locale in Locale::ALL {
                let mail = render(kind, locale, &facts());
                assert!(mail.subject.contains("2026-00042"), "{kind:?} {locale:?}");
                assert!(mail.text.contains("https://shop.test/orders/abc"));
                assert!(mail.html.contains("href=\"https://shop.test/orders/abc\""));
                assert!(!mail.html.contains("<Shop>"), "{kind:?}: unescaped");
                if matches!(kind, EmailKind::Confirmation | EmailKind::DownloadsReady) {
                    assert!(mail.html.contains("Rust &lt;Shop&gt; book"), "{kind:?}");
                }
                assert!(mail.html.contains(&format!("lang=\"{}\"", locale.code())));
            }
        }
    }

    #[test]
    fn the_downloads_email_carries_each_link() {
        let mail = render(EmailKind::DownloadsReady, Locale::En, &facts());
        assert!(mail.text.contains("https://shop.test/download/tok"));
        assert!(mail.text.contains("3 attempts"));
        assert!(
            mail.html
                .contains("href=\"https://shop.test/download/tok\"")
        );
    }

    #[test]
    fn german_mails_speak_german() {
        let shipped = render(EmailKind::Shipped, Locale::De, &facts());
        assert_eq!(shipped.subject, "Bestellung 2026-00042 wurde versandt");
        assert!(shipped.text.contains("Sendungsnummer: 1Z999"));
        let refund = render(EmailKind::Refund, Locale::En, &facts());
        assert!(refund.text.contains("We have refunded $5.00"));
    }
}
