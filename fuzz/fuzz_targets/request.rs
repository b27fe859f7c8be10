//! Any id and list parameters: a request path that stays one segment under /calls, or an
//! invalid_argument error; never a panic.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use truedy_core::endpoint;
use truedy_core::request::{
    is_e164, is_iso_datetime, CreateCallRequest, ListCallsParams, StatusVocabulary,
};

#[derive(Arbitrary, Debug)]
struct Input {
    id: String,
    status: Option<String>,
    direction: Option<String>,
    agent_id: Option<String>,
    created_after: Option<String>,
    created_before: Option<String>,
    limit: Option<f64>,
    offset: Option<f64>,
    phone: String,
    key: String,
}

fuzz_target!(|input: Input| {
    if let Ok(request) = endpoint::get_call(&input.id) {
        let segment = request.path.strip_prefix("/calls/").expect("under /calls/");
        assert!(
            !segment.contains('/') && segment != "." && segment != "..",
            "{}",
            request.path
        );
    }
    let params = ListCallsParams {
        status: input.status,
        direction: input.direction,
        agent_id: input.agent_id,
        created_after: input.created_after.clone(),
        created_before: input.created_before,
        limit: input.limit,
        offset: input.offset,
    };
    for vocabulary in [StatusVocabulary::OpenApi, StatusVocabulary::Hyphenated] {
        if let Ok(request) = endpoint::list_calls(params.clone(), vocabulary) {
            assert!(
                !request.query.contains(['#', '/', ' ']),
                "{}",
                request.query
            );
        }
    }
    let _ = is_iso_datetime(input.created_after.as_deref().unwrap_or(""));
    let _ = is_e164(&input.phone);
    let create = CreateCallRequest {
        agent_id: input.id,
        phone_number: input.phone,
        ..Default::default()
    };
    let _ = endpoint::create_call(create, input.key);
});
