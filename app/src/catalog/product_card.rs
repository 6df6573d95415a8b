use super::offer_tags::OfferTags;
use super::product_image::{ImagePlaceholder, Thumbnail};
use super::types::ProductCard;
use leptos::prelude::*;

#[component]
pub fn ProductCardView(
    product: ProductCard,
    /// On screen without scrolling: the picture loads at once.
    #[prop(optional)]
    first_row: bool,
) -> impl IntoView {
    let picture = match product.image {
        Some(image) => view! { <Thumbnail image eager=first_row/> }.into_any(),
        None => view! { <ImagePlaceholder title=product.title.clone()/> }.into_any(),
    };
    let price = match product.price {
        Some(price) if product.price_varies => format!("from {price}"),
        Some(price) => price.to_string(),
        None => "Not available".to_owned(),
    };
    view! {
        <li class="card">
            <div class="card__picture" aria-hidden="true">{picture}</div>
            <a class="card__link" href=format!("/product/{}", product.slug)>
                <span class="card__title">{product.title}</span>
            </a>
            <span class="card__price">{price}</span>
            <OfferTags offers=product.offers/>
            <span class=product.availability.css_class()>{product.availability.label()}</span>
        </li>
    }
}
