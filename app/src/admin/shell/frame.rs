use crate::admin::insights::api::my_staff_role;
use crate::domain::staff::{Permission, StaffRole};
use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

/// Every admin page renders inside this: it asks the server who is signed
/// in and shows the page only to staff. Anonymous visitors reach the
/// server's redirect to sign in before this renders; this covers
/// navigation inside the app.
#[component]
pub fn AdminFrame() -> impl IntoView {
    let role = Resource::new(|| (), |_| my_staff_role());
    // The pages load their own data beside the navigation rather than
    // inside its suspense, so each page's resources are created once.
    view! {
        <div class="admin">
            <Suspense fallback=|| view! { <nav class="admin-nav" aria-label="Admin"></nav> }>
                {move || Suspend::new(async move {
                    match role.await {
                        Ok(role) => view! { <AdminNav role/> }.into_any(),
                        Err(_) => view! {
                            <section class="admin-refused">
                                <p role="alert">"This part of the store is for its staff."</p>
                                <p><a href="/account/sign-in?next=/admin">"Sign in as staff"</a></p>
                            </section>
                        }
                            .into_any(),
                    }
                })}
            </Suspense>
            <div class="admin__body">
                <Outlet/>
            </div>
        </div>
    }
}

#[component]
fn AdminNav(role: StaffRole) -> impl IntoView {
    let catalog = role.allows(Permission::Catalog);
    let settings = role.allows(Permission::Settings);
    let offers = role.allows(Permission::Offers);
    view! {
        <nav class="admin-nav" aria-label="Admin">
            <A href="/admin" exact=true>"Dashboard"</A>
            <A href="/admin/orders">"Orders"</A>
            <A href="/admin/customers">"Customers"</A>
            {catalog.then(|| view! { <A href="/admin/products">"Products"</A> <A href="/admin/categories">"Categories"</A> })}
            {offers.then(|| view! { <A href="/admin/offers">"Offers"</A> })}
            <A href="/admin/stock">"Stock"</A>
            <A href="/admin/jobs">"Jobs"</A>
            {settings.then(|| view! { <A href="/admin/audit">"Audit log"</A> <A href="/admin/settings">"Settings"</A> })}
            <span class="admin-nav__role">{format!("Signed in as {}", role.code())}</span>
        </nav>
    }
}
