use super::product_image::{ImagePlaceholder, Thumbnail};
use super::types::ImageView;
use leptos::prelude::*;

/// The chosen image large, the others as thumbnails that link to their
/// large rendition (and, in the browser, swap it in).
#[component]
pub fn Gallery(images: Signal<Vec<ImageView>>, title: String) -> impl IntoView {
    let chosen = RwSignal::new(0usize);
    // A new set of images (another variant) starts from its primary one.
    Effect::watch(move || images.track(), move |_, _, _| chosen.set(0), false);
    move || {
        let list = images.get();
        if list.is_empty() {
            return view! {
                <div class="gallery gallery--empty"><ImagePlaceholder title=title.clone()/></div>
            }
            .into_any();
        }
        let index = chosen.get().min(list.len() - 1);
        let main = list[index].clone();
        let thumbs = (list.len() > 1).then(|| {
            list.iter()
                .cloned()
                .enumerate()
                .map(|(i, image)| {
                    let href = image.large_url.clone();
                    view! {
                        <li>
                            <a
                                href=href
                                aria-current=(i == index).then_some("true")
                                on:click=move |ev| {
                                    ev.prevent_default();
                                    chosen.set(i);
                                }
                            >
                                <Thumbnail image/>
                            </a>
                        </li>
                    }
                })
                .collect_view()
        });
        view! {
            <div class="gallery">
                // The page's largest picture: fetched first, and phones
                // take the small rendition.
                <img
                    class="gallery__main"
                    src=main.large_url.clone()
                    srcset=format!(
                        "{} {}w, {} {}w",
                        main.small_url,
                        main.small_width,
                        main.large_url,
                        main.large_width,
                    )
                    sizes="(max-width: 40rem) 100vw, 40rem"
                    width=main.large_width
                    height=main.large_height
                    alt=main.alt
                    fetchpriority="high"
                />
                {thumbs.map(|t| view! { <ul class="gallery__thumbs">{t}</ul> })}
            </div>
        }
        .into_any()
    }
}
