use super::api::get_product;
use super::types::ProductDetail;
use crate::basket::AddToBasketForm;
use crate::layout::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

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
    let summary: String = product.description.chars().take(155).collect();
    view! {
        <Title text=product.title.clone()/>
        <Meta name="description" content=summary/>
        <article class="product">
            <p class="breadcrumb">
                <a href=format!("/category/{}", product.category.slug)>{product.category.name}</a>
            </p>
            <h1>{product.title}</h1>
            <p class="product__price">{product.price.to_string()}</p>
            <p class=product.availability.css_class()>{product.availability.label()}</p>
            <p class="product__description">{product.description}</p>
            <p class="product__sku">"SKU: " {product.sku}</p>
            <AddToBasketForm variant_id=product.variant_id can_buy=product.availability.can_buy()/>
        </article>
    }
}
