//! The admin's routes, all under `/admin` inside `AdminFrame`.

use super::catalog::{ProductEditPage, ProductListPage};
use super::categories::CategoriesPage;
use super::customers::{CustomerListPage, CustomerPage};
use super::insights::{AuditPage, DashboardPage, JobsPage};
use super::offers::{OfferEditPage, OfferListPage};
use super::orders::{AdminOrderPage, DeliveryNotePage, InvoicePage, OrderListPage};
use super::settings::{SettingsPage, ShippingPage, TaxRatesPage};
use super::shell::AdminFrame;
use super::stock::{LowStockPage, StockPage};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route};
// Named in the return type; builds that erase component types do not
// need it.
#[allow(unused_imports)]
use leptos_router::MatchNestedRoutes;
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

#[component(transparent)]
pub fn AdminRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=StaticSegment("admin") view=AdminFrame ssr=SsrMode::Async>
            <Route path=StaticSegment("") view=DashboardPage ssr=SsrMode::Async/>
            <Route path=StaticSegment("orders") view=OrderListPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("orders"), ParamSegment("number")) view=AdminOrderPage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("orders"), ParamSegment("number"), StaticSegment("invoice"))
                view=InvoicePage
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("orders"), ParamSegment("number"), StaticSegment("delivery-note"))
                view=DeliveryNotePage
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("products") view=ProductListPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("products"), StaticSegment("new")) view=ProductEditPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("products"), ParamSegment("id")) view=ProductEditPage ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("products"), ParamSegment("id"), StaticSegment("stock"))
                view=StockPage
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("stock") view=LowStockPage ssr=SsrMode::Async/>
            <Route path=StaticSegment("categories") view=CategoriesPage ssr=SsrMode::Async/>
            <Route path=StaticSegment("offers") view=OfferListPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("offers"), StaticSegment("new")) view=OfferEditPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("offers"), ParamSegment("id")) view=OfferEditPage ssr=SsrMode::Async/>
            <Route path=StaticSegment("customers") view=CustomerListPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("customers"), ParamSegment("id")) view=CustomerPage ssr=SsrMode::Async/>
            <Route path=StaticSegment("jobs") view=JobsPage ssr=SsrMode::Async/>
            <Route path=StaticSegment("audit") view=AuditPage ssr=SsrMode::Async/>
            <Route path=StaticSegment("settings") view=SettingsPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("settings"), StaticSegment("tax")) view=TaxRatesPage ssr=SsrMode::Async/>
            <Route path=(StaticSegment("settings"), StaticSegment("shipping")) view=ShippingPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
