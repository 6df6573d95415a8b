//! A product's pictures in the editor: upload (a plain multipart form, so
//! it works without JavaScript), alt text, order and removal.

use super::api::{DeleteImage, MoveImageUp, SetImageAlt};
use super::types::AdminImage;
use crate::admin::shell::widgets::ActionError;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ImageActions {
    alt: ServerAction<SetImageAlt>,
    up: ServerAction<MoveImageUp>,
    delete: ServerAction<DeleteImage>,
}

impl ImageActions {
    pub fn new() -> Self {
        ImageActions {
            alt: ServerAction::new(),
            up: ServerAction::new(),
            delete: ServerAction::new(),
        }
    }

    pub fn versions(&self) -> [usize; 3] {
        [
            self.alt.version().get(),
            self.up.version().get(),
            self.delete.version().get(),
        ]
    }
}

impl Default for ImageActions {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn ImagesPanel(product: i64, images: Vec<AdminImage>, actions: ImageActions) -> impl IntoView {
    let count = images.len();
    let items = images
        .into_iter()
        .enumerate()
        .map(|(position, image)| {
            let id = image.id.to_string();
            let delete_id = id.clone();
            let alt_id = format!("image-{}-alt", image.id);
            let n = position + 1;
            let up = (position > 0).then(|| {
                let id = id.clone();
                view! {
                    <ActionForm action=actions.up attr:class="inline-form">
                        <input type="hidden" name="image" value=id/>
                        <button type="submit" class="button">{format!("Move picture {n} up")}</button>
                    </ActionForm>
                }
            });
            view! {
                <li class="admin-image">
                    <img src=image.url alt=image.alt.clone() width=image.width height=image.height/>
                    {(position == 0).then(|| view! { <p class="hint">"Primary picture"</p> })}
                    <ActionForm action=actions.alt attr:class="inline-form">
                        <input type="hidden" name="image" value=id/>
                        <label for=alt_id.clone()>{format!("Picture {n} alt text")}</label>
                        <input id=alt_id name="alt" value=image.alt maxlength="300"/>
                        <button type="submit" class="button">"Save alt text"</button>
                    </ActionForm>
                    {up}
                    <ActionForm action=actions.delete attr:class="inline-form">
                        <input type="hidden" name="image" value=delete_id/>
                        <button type="submit" class="button">{format!("Delete picture {n}")}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="images-heading" class="admin-panel">
            <h2 id="images-heading">"Pictures"</h2>
            <ActionError value=actions.alt.value()/>
            <ActionError value=actions.up.value()/>
            <ActionError value=actions.delete.value()/>
            {(count == 0).then(|| view! { <p>"No pictures yet."</p> })}
            <ol class="admin-images">{items}</ol>
            <form method="post" enctype="multipart/form-data" action=format!("/admin/products/{product}/images") class="stacked-form">
                <label for="image-file">"Picture (PNG or JPEG, up to 10 MB)"</label>
                <input id="image-file" type="file" name="image" accept="image/png,image/jpeg" required/>
                <label for="image-alt">"Alt text"</label>
                <input id="image-alt" name="alt" maxlength="300"/>
                <button type="submit" class="button">"Upload picture"</button>
            </form>
        </section>
    }
}
