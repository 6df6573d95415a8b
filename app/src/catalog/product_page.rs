use super::api::get_product;
use super::breadcrumbs::Breadcrumbs;
use super::gallery::Gallery;
use super::offer_tags::OfferTags;
use super::types::ProductDetail;
use super::variant_picker::VariantPicker;
use crate::basket::AddToBasketForm;
use crate::layout::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn ProductPage() -> impl IntoView {
    let params = use_params_map();
    let product = Resource::new(
        move || params.read().get("slug").unwrap_or_default(),
        get_product,
    );
    let contents = move || {
        Suspend::new(async move {
            match product.await {
                Ok(product) => view! { <ProductView product/> }.into_any(),
                Err(error) => view! { <ErrorNotice error/> }.into_any(),
            }
        })
    };
    view! { <Transition fallback=|| view! { <p>"Loading product…"</p> }>{contents}</Transition> }
}

#[component]
fn ProductView(product: ProductDetail) -> impl IntoView {
    let wanted = use_query_map().with_untracked(|q| q.get("variant"));
    if product.variants.is_empty() {
        return view! { <p role="alert">"This product cannot be bought at the moment."</p> }
            .into_any();
    }
    let summary: String = product.description.chars().take(155).collect();
    view! {
        <Title text=product.title.clone()/>
        <Meta name="description" content=summary/>
        <article class="product">
            <Breadcrumbs trail=product.breadcrumbs.clone() current_is_last=false/>
            <BuyBox wanted product=product.clone()/>
            <p class="product__description">{product.description}</p>
        </article>
    }
    .into_any()
}

/// The pictures, price, options and basket form of a product. Choosing
/// another option swaps price, pictures and availability in place (and
/// keeps the address in step, so a reload shows the same option).
#[island(lazy)]
fn BuyBox(product: ProductDetail, wanted: Option<String>) -> impl IntoView {
    let wanted = RwSignal::new(wanted);
    let product_images = product.images.clone();
    let variant = Memo::new({
        let product = product.clone();
        move |_| wanted.with(|w| product.pick_variant(w.as_deref()).cloned())
    });
    let first = product.variants[0].clone();
    let variant = Signal::derive(move || variant.get().unwrap_or_else(|| first.clone()));
    let images = Signal::derive(move || {
        let mut shown = variant.with(|v| v.images.clone());
        shown.extend(product_images.iter().cloned());
        shown
    });
    let selected_sku = Signal::derive(move || variant.with(|v| v.sku.clone()));
    let pick = Callback::new(move |sku: String| wanted.set(Some(sku)));
    let kind = match product.product_type {
        crate::domain::ProductType::Physical => None,
        crate::domain::ProductType::Digital => Some("Digital product: nothing is shipped."),
        crate::domain::ProductType::Service => Some("Service: nothing is shipped."),
    };
    let variants = product.variants;
    view! {
        <Gallery images title=product.title.clone()/>
        <div class="product__buy">
            <h1>{product.title}</h1>
            <p class="product__price">{move || variant.with(|v| v.price.to_string())}</p>
            <OfferTags offers=product.offers/>
            <p class=move || variant.with(|v| v.availability.css_class())>
                {move || variant.with(|v| v.availability.label())}
            </p>
            {(variants.len() > 1).then(|| view! { <VariantPicker variants selected=selected_sku pick/> })}
            <AddToBasketForm variant/>
            <p class="product__sku">"SKU: " {move || variant.with(|v| v.sku.clone())}</p>
            {kind.map(|k| view! { <p class="product__kind">{k}</p> })}
        </div>
    }
}
