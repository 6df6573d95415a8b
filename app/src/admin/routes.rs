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
use leptos_router::{Lazy, ParamSegment, SsrMode, StaticSegment};

lazy_pages! {
    AdminFrameRoute => AdminFrame,
    AdminOrderPageRoute => AdminOrderPage,
    AuditPageRoute => AuditPage,
    CategoriesPageRoute => CategoriesPage,
    CustomerListPageRoute => CustomerListPage,
    CustomerPageRoute => CustomerPage,
    DashboardPageRoute => DashboardPage,
    DeliveryNotePageRoute => DeliveryNotePage,
    InvoicePageRoute => InvoicePage,
    JobsPageRoute => JobsPage,
    LowStockPageRoute => LowStockPage,
    OfferEditPageRoute => OfferEditPage,
    OfferListPageRoute => OfferListPage,
    OrderListPageRoute => OrderListPage,
    ProductEditPageRoute => ProductEditPage,
    ProductListPageRoute => ProductListPage,
    SettingsPageRoute => SettingsPage,
    ShippingPageRoute => ShippingPage,
    StockPageRoute => StockPage,
    TaxRatesPageRoute => TaxRatesPage,
}

#[component(transparent)]
pub fn AdminRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=StaticSegment("admin") view={Lazy::<AdminFrameRoute>::new()} ssr=SsrMode::Async>
            <Route path=StaticSegment("") view={Lazy::<DashboardPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=StaticSegment("orders") view={Lazy::<OrderListPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=(StaticSegment("orders"), ParamSegment("number")) view={Lazy::<AdminOrderPageRoute>::new()} ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("orders"), ParamSegment("number"), StaticSegment("invoice"))
                view={Lazy::<InvoicePageRoute>::new()}
                ssr=SsrMode::Async
            />
            <Route
                path=(StaticSegment("orders"), ParamSegment("number"), StaticSegment("delivery-note"))
                view={Lazy::<DeliveryNotePageRoute>::new()}
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("products") view={Lazy::<ProductListPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=(StaticSegment("products"), StaticSegment("new")) view={Lazy::<ProductEditPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=(StaticSegment("products"), ParamSegment("id")) view={Lazy::<ProductEditPageRoute>::new()} ssr=SsrMode::Async/>
            <Route
                path=(StaticSegment("products"), ParamSegment("id"), StaticSegment("stock"))
                view={Lazy::<StockPageRoute>::new()}
                ssr=SsrMode::Async
            />
            <Route path=StaticSegment("stock") view={Lazy::<LowStockPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=StaticSegment("categories") view={Lazy::<CategoriesPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=StaticSegment("offers") view={Lazy::<OfferListPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=(StaticSegment("offers"), StaticSegment("new")) view={Lazy::<OfferEditPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=(StaticSegment("offers"), ParamSegment("id")) view={Lazy::<OfferEditPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=StaticSegment("customers") view={Lazy::<CustomerListPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=(StaticSegment("customers"), ParamSegment("id")) view={Lazy::<CustomerPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=StaticSegment("jobs") view={Lazy::<JobsPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=StaticSegment("audit") view={Lazy::<AuditPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=StaticSegment("settings") view={Lazy::<SettingsPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=(StaticSegment("settings"), StaticSegment("tax")) view={Lazy::<TaxRatesPageRoute>::new()} ssr=SsrMode::Async/>
            <Route path=(StaticSegment("settings"), StaticSegment("shipping")) view={Lazy::<ShippingPageRoute>::new()} ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
