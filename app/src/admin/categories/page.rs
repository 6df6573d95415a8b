use super::api::{SaveCatalog, SaveCategory, load_taxonomy};
use super::types::{CategoryRow, Taxonomy};
use crate::admin::shell::widgets::ActionError;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CategoriesPage() -> impl IntoView {
    let category = ServerAction::<SaveCategory>::new();
    let catalog = ServerAction::<SaveCatalog>::new();
    let data = Resource::new(
        move || (category.version().get(), catalog.version().get()),
        |_| load_taxonomy(),
    );
    view! {
        <Title text="Categories and catalogs"/>
        <h1>"Categories and catalogs"</h1>
        <ActionError value=category.value()/>
        <ActionError value=catalog.value()/>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(taxonomy) => view! { <Tables taxonomy category catalog/> }.into_any(),
                    Err(error) => view! { <p role="alert" class="notice notice--error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The parent choices for a category: every other category that is not
/// below it (the server checks again).
fn parent_options(all: &[CategoryRow], editing: Option<&CategoryRow>) -> impl IntoView + use<> {
    let chosen = editing.and_then(|c| c.parent);
    let own = editing.map(|c| c.id);
    let options = all
        .iter()
        .filter(|c| Some(c.id) != own)
        .map(|c| {
            let label = format!("{}{}", "— ".repeat(c.depth as usize), c.name);
            view! { <option value=c.id.to_string() selected=chosen == Some(c.id)>{label}</option> }
        })
        .collect_view();
    view! { <option value="">"(top level)"</option>{options} }
}

fn category_form(
    action: ServerAction<SaveCategory>,
    all: &[CategoryRow],
    row: Option<&CategoryRow>,
) -> impl IntoView + use<> {
    let prefix = row.map_or("new".to_owned(), |r| r.id.to_string());
    let field = move |name: &str| format!("category-{prefix}-{name}");
    let who = row.map_or("new category".to_owned(), |r| r.name.clone());
    let value = |get: fn(&CategoryRow) -> String| row.map(get).unwrap_or_default();
    let id = value(|r| r.id.to_string());
    let (name, name_de, slug) = (
        value(|r| r.name.clone()),
        value(|r| r.name_de.clone()),
        value(|r| r.slug.clone()),
    );
    let position = value(|r| r.position.to_string());
    let parents = parent_options(all, row);
    let labels = [
        format!("Name of {who}"),
        format!("German name of {who}"),
        format!("Web address of {who}"),
        format!("Parent of {who}"),
        format!("Position of {who}"),
    ];
    let [
        name_label,
        de_label,
        slug_label,
        parent_label,
        position_label,
    ] = labels;
    let button = if row.is_some() {
        format!("Save {who}")
    } else {
        "Add category".to_owned()
    };
    let ids = [
        field("name"),
        field("name-de"),
        field("slug"),
        field("parent"),
        field("position"),
    ];
    let [name_id, de_id, slug_id, parent_id, position_id] = ids;
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="id" value=id/>
            <label for=name_id.clone()>{name_label}</label>
            <input id=name_id name="name" required maxlength="100" value=name/>
            <label for=de_id.clone()>{de_label}</label>
            <input id=de_id name="name_de" maxlength="100" value=name_de/>
            <label for=slug_id.clone()>{slug_label}</label>
            <input id=slug_id name="slug" required maxlength="80" value=slug/>
            <label for=parent_id.clone()>{parent_label}</label>
            <select id=parent_id name="parent">{parents}</select>
            <label for=position_id.clone()>{position_label}</label>
            <input id=position_id name="position" inputmode="numeric" size="4" value=position/>
            <button type="submit" class="button">{button}</button>
        </ActionForm>
    }
}

#[component]
fn Tables(
    taxonomy: Taxonomy,
    category: ServerAction<SaveCategory>,
    catalog: ServerAction<SaveCatalog>,
) -> impl IntoView {
    let all = taxonomy.categories;
    let rows = all
        .iter()
        .map(|row| {
            view! {
                <li class=format!("category-row depth-{}", row.depth.min(6))>
                    <p>
                        <strong>{row.name.clone()}</strong>
                        {format!(" · /category/{} · {} products", row.slug, row.products)}
                    </p>
                    {category_form(category, &all, Some(row))}
                </li>
            }
        })
        .collect_view();
    let catalogs = taxonomy
        .catalogs
        .into_iter()
        .map(|c| {
            let id = c.id.to_string();
            let name_id = format!("catalog-{id}-name");
            view! {
                <li>
                    <ActionForm action=catalog attr:class="inline-form">
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="key" value=c.key.clone()/>
                        <label for=name_id.clone()>{format!("Name of catalog {}", c.key)}</label>
                        <input id=name_id name="name" required maxlength="100" value=c.name.clone()/>
                        <span>{format!("{} products", c.products)}</span>
                        <button type="submit" class="button">{format!("Rename {}", c.key)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="new-category" class="admin-panel">
            <h2 id="new-category">"New category"</h2>
            {category_form(category, &all, None)}
        </section>
        <section aria-labelledby="category-tree">
            <h2 id="category-tree">"Categories"</h2>
            <ul class="plain-list">{rows}</ul>
        </section>
        <section aria-labelledby="catalog-list" class="admin-panel">
            <h2 id="catalog-list">"Catalogs"</h2>
            <ul class="plain-list">{catalogs}</ul>
            <ActionForm action=catalog attr:class="inline-form">
                <label for="catalog-new-key">"Key of new catalog"</label>
                <input id="catalog-new-key" name="key" required maxlength="60"/>
                <label for="catalog-new-name">"Name of new catalog"</label>
                <input id="catalog-new-name" name="name" required maxlength="100"/>
                <button type="submit" class="button">"Add catalog"</button>
            </ActionForm>
        </section>
    }
}
