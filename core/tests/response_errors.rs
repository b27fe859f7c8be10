//! Error bodies, small payloads, retry policy and client options.

use serde_json::json;
use truedy_core::config::ClientSettings;
use truedy_core::response::{
    bulk_delete_result, excerpt, http_error, recording_url, retry_after_hint_ms, retry_delay_ms,
    undecodable_body,
};
use truedy_core::tree::Tree;
use truedy_core::Error;

#[test]
fn seed_003_error_response_keeps_code_message_details_and_request_id() {
    let body = json!({
        "error": { "code": "not_found", "message": "The requested resource does not exist",
                   "details": { "resource": "agent", "id": "agt_invalid" } },
        "meta": { "request_id": "req_32e7531c", "ts": "2026-04-05T10:22:00Z" }
    });
    let error = http_error(
        404,
        Some(Tree::from_value(&body).root()),
        "",
        Some("req_header".into()),
        None,
    );
    assert_eq!(
        error,
        Error::Http {
            status: 404,
            code: Some("not_found".into()),
            message: "The requested resource does not exist".into(),
            request_id: Some("req_32e7531c".into()),
            details: Some(Box::new(
                json!({ "resource": "agent", "id": "agt_invalid" })
            )),
            retryable: false,
            headers: None,
            retry_after_ms: None,
        }
    );
    assert_eq!(error.kind(), "http");
}

#[test]
fn seed_001_error_codes_come_through() {
    for (status, code, retryable) in [
        (422, "validation_error", false),
        (402, "payment_required", false),
        (502, "provider_error", true),
        (429, "rate_limited", true),
    ] {
        let body = json!({ "error": { "code": code, "message": "m" } });
        let e = http_error(status, Some(Tree::from_value(&body).root()), "", None, None);
        assert!(matches!(&e, Error::Http { code: Some(c), .. } if c == code));
        assert_eq!(e.is_retryable(), retryable, "{status}");
    }
}

#[test]
fn non_json_error_bodies_give_a_readable_message() {
    let html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>\n<hr>nginx</body></html>";
    let e = http_error(502, None, html, Some("req_h".into()), None);
    let Error::Http {
        message,
        request_id,
        retryable,
        ..
    } = &e
    else {
        panic!("{e:?}")
    };
    assert_eq!(
        message,
        "HTTP 502 Bad Gateway: 502 Bad Gateway502 Bad Gateway nginx"
    );
    assert_eq!(request_id.as_deref(), Some("req_h"));
    assert!(retryable);
    let e = http_error(503, None, "", None, None);
    assert_eq!(e.to_string(), "HTTP 503 Service Unavailable");
    let e = http_error(
        400,
        Some(Tree::from_value(&json!({"detail": "bad filter"})).root()),
        "",
        None,
        None,
    );
    assert_eq!(e.to_string(), "bad filter");
}

#[test]
fn the_server_can_say_whether_to_retry() {
    assert!(!http_error(409, None, "", None, Some(false)).is_retryable());
    assert!(http_error(409, None, "", None, None).is_retryable());
    assert!(http_error(400, None, "", None, Some(true)).is_retryable());
}

#[test]
fn undecodable_2xx_bodies_are_decode_errors_with_an_excerpt() {
    let e = undecodable_body(200, "{\"data\": [{\"id\": \"call_1\", \"sta", None);
    assert_eq!(e.kind(), "decode");
    assert!(e.to_string().contains("not valid JSON"), "{e}");
    assert!(e.to_string().contains("call_1"), "{e}");
    assert!(undecodable_body(200, "  ", None)
        .to_string()
        .contains("empty body"));
}

#[test]
fn excerpts_are_short_and_never_split_a_character() {
    let long = "é".repeat(500);
    let e = excerpt(&long);
    assert_eq!(e.chars().count(), 121);
    assert!(e.ends_with('…'));
}

#[test]
fn small_payloads_of_seed_001() {
    let rec = json!({ "data": { "recording_url": "https://recordings.truedy.ai/x.mp3" }, "meta": { "request_id": "r" } });
    assert_eq!(
        recording_url(Tree::from_value(&rec).root())
            .unwrap()
            .as_deref(),
        Some("https://recordings.truedy.ai/x.mp3")
    );
    assert!(recording_url(Tree::from_value(&json!([1])).root()).is_err());
    let bulk = json!({ "data": { "deleted_count": 1, "failed_count": 1,
        "deleted_ids": ["44ec8f61-6d9a-4553-a6ca-777f5f5ef95b"], "failed_ids": ["f89052b2-3467-4a34-b4e3-e5d1571cbb36"] }, "meta": {} });
    let r = bulk_delete_result(Tree::from_value(&bulk).root()).unwrap();
    assert_eq!((r.deleted_count, r.failed_count), (1, 1));
    assert_eq!(r.failed_ids, vec!["f89052b2-3467-4a34-b4e3-e5d1571cbb36"]);
    let counts_missing = bulk_delete_result(
        Tree::from_value(&json!({ "data": { "deleted_ids": ["a", "b"] } })).root(),
    )
    .unwrap();
    assert_eq!(counts_missing.deleted_count, 2);
}

#[test]
fn retry_policy_honours_server_hints_and_backs_off_exponentially() {
    assert_eq!(retry_delay_ms(1, Some(1500.0), 0.5), 1500.0);
    assert_eq!(retry_delay_ms(1, None, 0.0), 500.0);
    assert_eq!(retry_delay_ms(2, None, 0.0), 1000.0);
    assert_eq!(retry_delay_ms(3, None, 1.0), 1500.0);
    assert_eq!(retry_delay_ms(30, None, 0.0), 8000.0);
    assert_eq!(
        retry_delay_ms(1, Some(120_000.0), 0.0),
        500.0,
        "absurd hints are ignored"
    );
    assert_eq!(retry_after_hint_ms(Some("250"), Some("9")), Some(250.0));
    assert_eq!(retry_after_hint_ms(None, Some("2")), Some(2000.0));
    assert_eq!(
        retry_after_hint_ms(None, Some("Wed, 21 Oct 2015 07:28:00 GMT")),
        None
    );
}

#[test]
fn client_options_are_checked_and_the_key_never_shows() {
    let options = |v: serde_json::Value| {
        truedy_core::read::from_value::<ClientSettings>(&v, "options").unwrap()
    };
    let config = options(json!({ "apiKey": "sk_secret_1", "headers": { "X-Team": "ops" } }))
        .into_config()
        .unwrap();
    assert_eq!(config.base_url, "https://api.truedy.ai/api/public/v1");
    assert_eq!((config.max_retries, config.timeout_ms), (2, 30_000));
    assert!(config
        .headers
        .contains(&("Authorization".into(), "Bearer sk_secret_1".into())));
    assert!(!format!("{config:?}").contains("sk_secret_1"));
    assert!(!format!("{:?}", options(json!({ "apiKey": "sk_secret_1" }))).contains("sk_secret_1"));
    assert_eq!(
        options(json!({ "baseUrl": "/api/truedy/" }))
            .into_config()
            .unwrap()
            .base_url,
        "/api/truedy"
    );
    for bad in [
        json!({ "baseUrl": "ftp://x" }),
        json!({ "baseUrl": "https://x/?a=1" }),
        json!({ "maxRetries": -1 }),
        json!({ "timeoutMs": 0 }),
        json!({ "headers": { "Bad Name": "x" } }),
        json!({ "headers": { "X-Ok": "line\nbreak" } }),
        json!({ "apiKey": "sk_secret\nX" }),
        json!({ "apiKey": "sk_secrét" }),
        json!({ "apiKey": "k", "headers": { "authorization": "Bearer other" } }),
    ] {
        match options(bad.clone()).into_config() {
            Err(Error::InvalidArgument(m)) => assert!(!m.contains("sk_secret"), "{m}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}
