//! Accounts over HTTP: registration, sign-in with a fresh session id,
//! throttling, sign-out, and merging the anonymous basket on sign-in.

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("store_session="))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

both_backends!(
    signing_in_starts_a_new_session_and_signing_out_ends_it,
    |store| {
        let client = store.shopper();
        assert_eq!(store.register(&client, "Ada@Example.com").await.status, 200);
        let me = store.api(&client, "account/me", &[]).await;
        assert_eq!(me.json["email"], "ada@example.com");
        let hash = server::with_db!(store.db(), |pool| sqlx::query_scalar::<_, String>(
            "SELECT password_hash FROM users"
        )
        .fetch_one(pool)
        .await)
        .unwrap();
        assert!(hash.starts_with("$argon2id$"));

        let again = store.register(&store.shopper(), "ada@example.com").await;
        assert_eq!(again.status, 409);
        let weak = store
            .api(
                &store.shopper(),
                "account/register",
                &[("email", "b@example.com"), ("password", "short")],
            )
            .await;
        assert_eq!(weak.status, 400);

        // A raw client: the session cookie before and after signing in differ.
        let raw = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let variant = store.variant_id("TEST-0005").await.to_string();
        let first = raw
            .post(store.url("/api/basket/add"))
            .header("origin", &store.base)
            .header("accept", "application/json")
            .form(&[("variant_id", variant.as_str()), ("quantity", "1")])
            .send()
            .await
            .unwrap();
        let before = session_cookie(&first).expect("a session starts with the basket");
        let signed_in = raw
            .post(store.url("/api/account/sign-in"))
            .header("origin", &store.base)
            .header("accept", "application/json")
            .header("cookie", &before)
            .form(&[
                ("email", "ada@example.com"),
                ("password", "correct horse battery"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(signed_in.status(), 200);
        let after = session_cookie(&signed_in).expect("signing in sets a new session cookie");
        assert_ne!(before, after);
        let cookie = signed_in
            .headers()
            .get_all("set-cookie")
            .iter()
            .find_map(|v| v.to_str().ok().filter(|v| v.starts_with("store_session=")))
            .unwrap()
            .to_owned();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        // The old id no longer carries the account.
        let stale = raw
            .post(store.url("/api/account/me"))
            .header("origin", &store.base)
            .header("accept", "application/json")
            .header("cookie", &before)
            .send()
            .await
            .unwrap();
        assert_eq!(stale.text().await.unwrap(), "null");

        assert_eq!(
            store.api(&client, "account/sign-out", &[]).await.status,
            200
        );
        assert_eq!(
            store.api(&client, "account/me", &[]).await.json,
            serde_json::Value::Null
        );
        let (_, page) = store.page(&client, "/account").await;
        assert!(page.contains("Please sign in"));
    }
);

both_backends!(
    failed_sign_ins_are_throttled_per_account_and_per_client,
    |store| {
        let client = store.shopper();
        store.register(&client, "ada@example.com").await;
        for _ in 0..5 {
            let wrong = store
                .sign_in(&client, "ada@example.com", "wrong password")
                .await;
            assert_eq!(wrong.status, 401);
            assert_eq!(
                wrong.error_message(),
                "The email or password is not correct."
            );
        }
        let locked = store
            .sign_in(&client, "ada@example.com", "correct horse battery")
            .await;
        assert_eq!(locked.status, 429, "{:?}", locked.json);
        assert!(
            locked
                .error_message()
                .contains("Too many failed sign-in attempts")
        );

        // Guessing across many accounts from one address is stopped too:
        // every attempt so far (six) counts against it, and thirty are allowed.
        for i in 0..24 {
            let email = format!("nobody{i}@example.com");
            assert_eq!(store.sign_in(&client, &email, "guess").await.status, 401);
        }
        let blocked = store.sign_in(&client, "someone@example.com", "guess").await;
        assert_eq!(blocked.status, 429);
    }
);

both_backends!(
    the_anonymous_basket_merges_into_the_users_on_sign_in,
    |store| {
        let five = store.variant_id("TEST-0005").await;
        let six = store.variant_id("TEST-0006").await;
        // Ada's own basket, from an earlier visit: one of item 5.
        let earlier = store.shopper();
        store.register(&earlier, "ada@example.com").await;
        store.add(&earlier, &five.to_string(), "1").await;

        // Anonymous now: two of item 5 and one of item 6.
        let client = store.shopper();
        store.add(&client, &five.to_string(), "2").await;
        store.add(&client, &six.to_string(), "1").await;
        let anonymous = store.number("SELECT MAX(id) FROM baskets").await;
        assert_eq!(
            store
                .sign_in(&client, "ada@example.com", "correct horse battery")
                .await
                .status,
            200
        );

        let basket = store.api(&client, "basket/view", &[]).await;
        let quantities: Vec<(i64, u64)> = basket.json["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["variant_id"].as_i64().unwrap(),
                    l["quantity"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(quantities, [(five, 3), (six, 1)]);
        assert!(
            basket.json["lines"]
                .as_array()
                .unwrap()
                .iter()
                .all(|l| l["reserved"] == true)
        );
        // Reservations moved with the lines: nothing held twice, nothing lost.
        assert_eq!(store.stock(five).await.1, 3);
        assert_eq!(store.stock(six).await.1, 1);
        assert_eq!(
            store
                .number(&format!(
                    "SELECT COUNT(*) FROM baskets WHERE id = {anonymous} AND status = 'merged'"
                ))
                .await,
            1,
            "the anonymous basket is kept, marked merged"
        );
        let (_, page) = store.page(&client, "/basket").await;
        assert!(page.contains("3 items from your earlier visit were added to your basket."));
    }
);

both_backends!(merging_is_bounded_by_stock, |store| {
    let two = store.variant_id("TEST-0002").await; // three in stock
    let earlier = store.shopper();
    store.register(&earlier, "ada@example.com").await;
    store.add(&earlier, &two.to_string(), "2").await;
    // Ada's line lapses and someone else takes two of the three.
    store
        .execute("UPDATE basket_lines SET reserved_quantity = 0")
        .await;
    store
        .execute(&format!(
            "UPDATE variants SET reserved = 0 WHERE id = {two}"
        ))
        .await;
    let other = store.shopper();
    assert_eq!(store.add(&other, &two.to_string(), "2").await.status, 200);
    let client = store.shopper();
    assert_eq!(store.add(&client, &two.to_string(), "1").await.status, 200);
    store
        .sign_in(&client, "ada@example.com", "correct horse battery")
        .await;
    // All three are spoken for: Ada keeps her two lines' worth of quantity,
    // but only the one unit reserved by the anonymous visit is held.
    let (on_hand, reserved) = store.stock(two).await;
    assert!(reserved <= on_hand);
    assert_eq!(reserved, 3);
    let held = store.held_by_lines(two).await;
    assert_eq!(held, 3);
});

both_backends!(parallel_guesses_cannot_slip_past_the_limit, |store| {
    let client = store.shopper();
    store.register(&client, "ada@example.com").await;
    let store = &store;
    let replies = futures::future::join_all((0..20).map(|_| async move {
        store
            .sign_in(&store.shopper(), "ada@example.com", "wrong password")
            .await
            .status
    }))
    .await;
    let checked = replies.iter().filter(|s| **s == 401).count();
    let refused = replies.iter().filter(|s| **s == 429).count();
    assert_eq!((checked, refused), (5, 15), "{replies:?}");
});
