use super::types::ProductCard;
use leptos::prelude::*;

#[component]
pub fn ProductCardView(product: ProductCard) -> impl IntoView {
    view! {
        <li class="card">
            <a class="card__link" href=format!("/product/{}", product.slug)>
                <span class="card__title">{product.title}</span>
            </a>
            <span class="card__price">{product.price.to_string()}</span>
            <span class=product.availability.css_class()>{product.availability.label()}</span>
        </li>
    }
}
