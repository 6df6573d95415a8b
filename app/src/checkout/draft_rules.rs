//! The rules a checkout form must meet before an order is placed. Pure, so
//! the browser and the server agree on them.

use super::types::{CheckoutDraft, MethodOffer, PaymentOption};
use crate::domain::FieldError;
use crate::domain::address::{MAX_FIELD, valid_email};

/// What the basket and address allow, as the server computed it.
pub struct Choices<'a> {
    pub needs_shipping: bool,
    pub methods: &'a [MethodOffer],
    pub payments: &'a [PaymentOption],
    pub organisations: &'a [(i64, String)],
}

pub fn problems(draft: &CheckoutDraft, choices: &Choices<'_>) -> Vec<FieldError> {
    let mut problems = Vec::new();
    if !valid_email(&draft.email) {
        problems.push(FieldError::new(
            "email",
            "Please enter an email address like name@example.com.",
        ));
    }
    if choices.needs_shipping {
        problems.extend(draft.shipping.problems("shipping"));
        if !draft.billing_same {
            problems.extend(draft.billing.problems("billing"));
        }
        if !choices
            .methods
            .iter()
            .any(|m| m.code == draft.shipping_method)
        {
            problems.push(FieldError::new(
                "shipping_method",
                if choices.methods.is_empty() {
                    "We cannot ship this basket to the chosen country."
                } else {
                    "Please choose a shipping method."
                },
            ));
        }
    } else {
        problems.extend(draft.billing.problems("billing"));
    }
    if draft.vat_id.chars().count() > 20 {
        problems.push(FieldError::new(
            "vat_id",
            "A VAT id has at most 20 characters.",
        ));
    }
    if !choices
        .payments
        .iter()
        .any(|p| p.code == draft.payment_method)
    {
        problems.push(FieldError::new(
            "payment_method",
            "Please choose how you want to pay.",
        ));
    }
    if !draft.order_for.is_empty()
        && !choices
            .organisations
            .iter()
            .any(|(id, _)| id.to_string() == draft.order_for)
    {
        problems.push(FieldError::new(
            "order_for",
            "You can only order for organisations you belong to.",
        ));
    }
    debug_assert!(problems.iter().all(|p| p.message.len() < MAX_FIELD));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Address, Currency, Money};

    fn draft() -> CheckoutDraft {
        CheckoutDraft {
            email: "erika@example.de".into(),
            shipping: Address {
                name: "Erika Mustermann".into(),
                line1: "Heidestraße 17".into(),
                city: "Köln".into(),
                postcode: "51147".into(),
                country: "DE".into(),
                ..Address::default()
            },
            billing_same: true,
            shipping_method: "standard".into(),
            payment_method: "bank_transfer".into(),
            ..CheckoutDraft::default()
        }
    }

    fn methods() -> Vec<MethodOffer> {
        vec![MethodOffer {
            code: "standard".into(),
            name: "Standard".into(),
            price: Money::from_minor(490, Currency::EUR),
        }]
    }

    fn payments() -> Vec<PaymentOption> {
        vec![PaymentOption {
            code: "bank_transfer".into(),
            name: "Invoice".into(),
            description: String::new(),
        }]
    }

    fn fields(draft: &CheckoutDraft, needs_shipping: bool) -> Vec<String> {
        let (methods, payments) = (methods(), payments());
        let choices = Choices {
            needs_shipping,
            methods: &methods,
            payments: &payments,
            organisations: &[(7, "Acme".into())],
        };
        problems(draft, &choices)
            .into_iter()
            .map(|p| p.field)
            .collect()
    }

    #[test]
    fn a_complete_form_passes() {
        assert!(fields(&draft(), true).is_empty());
    }

    #[test]
    fn separate_billing_is_checked_only_when_asked_for() {
        let mut d = draft();
        d.billing_same = false;
        assert!(fields(&d, true).contains(&"billing_name".to_owned()));
        d.billing = d.shipping.clone();
        assert!(fields(&d, true).is_empty());
    }

    #[test]
    fn digital_baskets_need_a_billing_address_but_no_shipping() {
        let mut d = draft();
        d.shipping = Address::default();
        d.shipping_method.clear();
        assert_eq!(fields(&d, false)[0], "billing_name");
        d.billing = draft().shipping;
        assert!(fields(&d, false).is_empty());
    }

    #[test]
    fn unknown_choices_are_refused() {
        let mut d = draft();
        d.email = "erika".into();
        d.shipping_method = "teleport".into();
        d.payment_method = "iou".into();
        d.order_for = "8".into();
        assert_eq!(
            fields(&d, true),
            ["email", "shipping_method", "payment_method", "order_for"]
        );
        d.order_for = "7".into();
        assert!(!fields(&d, true).contains(&"order_for".to_owned()));
    }
}
