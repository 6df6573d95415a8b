use super::BasketState;
use super::api::{RemoveBasketLine, StartNewBasket, UpdateBasketLine};
use super::feedback::ActionFeedback;
use super::line_row::LineRow;
use super::types::BasketView;
use crate::checkout::types::PendingOrder;
use crate::layout::ErrorNotice;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn BasketPage() -> impl IntoView {
    let state = BasketState::expect();
    let contents = move || {
        Suspend::new(async move {
            match state.resource.await {
                Ok(basket) => view! { <BasketContents basket/> }.into_any(),
                Err(error) => view! { <ErrorNotice error/> }.into_any(),
            }
        })
    };
    view! {
        <Title text="Your basket"/>
        <h1>"Your basket"</h1>
        <Suspense fallback=|| view! { <p>"Loading your basket…"</p> }>{contents}</Suspense>
    }
}

/// The basket's lines and totals, as server HTML: each change is a plain
/// form post that comes back to this page, so the page downloads no code
/// and reads the same with or without JavaScript.
#[component]
fn BasketContents(basket: BasketView) -> impl IntoView {
    let update = ServerAction::<UpdateBasketLine>::new();
    let remove = ServerAction::<RemoveBasketLine>::new();
    let contents = if basket.is_empty() && basket.pending.is_none() {
        view! { <EmptyBasket/> }.into_any()
    } else {
        view! { <BasketTable basket update remove/> }.into_any()
    };
    view! {
        <ActionFeedback value=update.value()/>
        <ActionFeedback value=remove.value()/>
        {contents}
    }
}

#[component]
fn EmptyBasket() -> impl IntoView {
    view! {
        <section class="empty-basket">
            <p>"Your basket is empty."</p>
            <p><a href="/">"Continue shopping"</a></p>
        </section>
    }
}

#[component]
fn BasketTable(
    basket: BasketView,
    update: ServerAction<UpdateBasketLine>,
    remove: ServerAction<RemoveBasketLine>,
) -> impl IntoView {
    let pending = basket
        .pending
        .clone()
        .map(|order| view! { <Frozen order/> });
    let checkout = basket.can_check_out().then(|| {
        view! {
            <p class="basket-actions">
                <a class="button button--primary" href="/checkout">"Go to checkout"</a>
            </p>
        }
    });
    let item_count = basket.totals.item_count;
    let subtotal = basket.totals.subtotal.to_string();
    let after_offers = (!basket.offers.is_empty()).then(|| basket.after_offers().to_string());
    let offers = basket
        .offers
        .iter()
        .map(|o| {
            view! {
                <tr class="offer-row">
                    <th scope="row" colspan="3">{o.name.clone()}</th>
                    <td class="num">{format!("-{}", o.amount)}</td>
                    <td></td>
                </tr>
            }
        })
        .collect_view();
    let rows = basket
        .lines
        .into_iter()
        .map(|line| view! { <LineRow line update remove/> })
        .collect_view();
    view! {
        {pending}
        <table class="basket">
            <caption class="visually-hidden">"Items in your basket"</caption>
            <thead>
                <tr>
                    <th scope="col">"Product"</th>
                    <th scope="col" class="num">"Unit price"</th>
                    <th scope="col">"Quantity"</th>
                    <th scope="col" class="num">"Total"</th>
                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr>
                    <th scope="row" colspan="3">
                        {format!("Subtotal ({item_count} {})", if item_count == 1 { "item" } else { "items" })}
                    </th>
                    <td class="num subtotal">{subtotal}</td>
                    <td></td>
                </tr>
                {offers}
                {after_offers.map(|total| view! {
                    <tr>
                        <th scope="row" colspan="3">"After offers (before shipping and tax)"</th>
                        <td class="num">{total}</td>
                        <td></td>
                    </tr>
                })}
            </tfoot>
        </table>
        {checkout}
    }
}

/// A basket waiting on an order's payment cannot change; say so, and
/// offer the ways forward.
#[component]
fn Frozen(order: PendingOrder) -> impl IntoView {
    // Answered with a redirect to a fresh basket page.
    let start = ServerAction::<StartNewBasket>::new();
    view! {
        <section class="notice" role="status">
            <p>
                {format!("This basket is waiting for payment of order {}, so it cannot be changed. ", order.number)}
                <a href=order.url>"View, pay or cancel the order"</a>
            </p>
            <ActionForm action=start>
                <button type="submit" class="button">"Start a new basket"</button>
            </ActionForm>
        </section>
    }
}
