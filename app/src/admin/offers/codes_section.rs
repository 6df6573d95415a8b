//! A voucher offer's codes: add one, generate a batch, download them all,
//! and switch single codes off.

use super::api::{AddVoucherCodes, SetVoucherActive};
use super::types::VoucherRow;
use crate::admin::shell::widgets::ActionError;
use leptos::form::ActionForm;
use leptos::prelude::*;

fn limit(value: Option<i64>) -> String {
    value.map_or_else(|| "None".to_owned(), |v| v.to_string())
}

#[component]
pub fn CodesSection(
    offer: i64,
    vouchers: Vec<VoucherRow>,
    count: i64,
    codes: ServerAction<AddVoucherCodes>,
    switch: ServerAction<SetVoucherActive>,
) -> impl IntoView {
    let offer = offer.to_string();
    let rows = vouchers
        .into_iter()
        .map(|v| {
            let label = if v.active {
                format!("Disable {}", v.code)
            } else {
                format!("Enable {}", v.code)
            };
            view! {
                <tr>
                    <td><code>{v.code.clone()}</code></td>
                    <td>{v.batch}</td>
                    <td class="num">{v.uses}</td>
                    <td class="num">{limit(v.max_uses)}</td>
                    <td class="num">{limit(v.max_per_customer)}</td>
                    <td>{if v.active { "Usable" } else { "Disabled" }}</td>
                    <td>
                        <ActionForm action=switch attr:class="inline-form">
                            <input type="hidden" name="id" value=v.id.to_string()/>
                            <input type="hidden" name="active" value=(!v.active).to_string()/>
                            <button type="submit" class="button">{label}</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let (one, batch) = (offer.clone(), offer.clone());
    let shown = if count > 100 {
        " The first 100 are listed."
    } else {
        ""
    };
    view! {
        <section aria-labelledby="codes-heading" class="admin-panel">
            <h2 id="codes-heading">"Voucher codes"</h2>
            <p>
                {format!("{count} codes.{shown} ")}
                <a href=format!("/admin/offers/{offer}/codes.csv") download="">"Download all codes (CSV)"</a>
            </p>
            <ActionError value=codes.value()/>
            <ActionError value=switch.value()/>
            <ActionForm action=codes attr:class="inline-form">
                <input type="hidden" name="form[offer]" value=one.clone()/>
                <label for="code-one">"Code"</label>
                <input id="code-one" name="form[code]" maxlength="40" required/>
                <label for="code-one-uses">"Uses in total"</label>
                <input id="code-one-uses" name="form[max_uses]" inputmode="numeric" size="6"/>
                <label for="code-one-customer">"Uses per customer"</label>
                <input id="code-one-customer" name="form[max_per_customer]" inputmode="numeric" size="6"/>
                <button type="submit" class="button">"Add code"</button>
            </ActionForm>
            <ActionForm action=codes attr:class="inline-form">
                <input type="hidden" name="form[offer]" value=batch.clone()/>
                <label for="code-count">"Number of codes"</label>
                <input id="code-count" name="form[count]" inputmode="numeric" size="6" required/>
                <label for="code-prefix">"Prefix"</label>
                <input id="code-prefix" name="form[prefix]" maxlength="12" size="10"/>
                <label for="code-batch-uses">"Uses per generated code"</label>
                <input id="code-batch-uses" name="form[max_uses]" inputmode="numeric" size="6" value="1"/>
                <button type="submit" class="button">"Generate codes"</button>
            </ActionForm>
            <table class="admin-table">
                <caption>"Codes"</caption>
                <thead><tr>
                    <th scope="col">"Code"</th>
                    <th scope="col">"Batch"</th>
                    <th scope="col" class="num">"Uses"</th>
                    <th scope="col" class="num">"Limit"</th>
                    <th scope="col" class="num">"Per customer"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col"><span class="visually-hidden">"Action"</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
