//! callsToCsv: RFC 4180 quoting, CRLF rows, formula-injection guard, columns.

use serde_json::{json, Map, Value};
use truedy_core::export::{calls_to_csv, CsvOptions};
use truedy_core::model::{Call, CallDirection, CallStatus, TranscriptTurn};
use truedy_core::normalize::normalize_call;
use truedy_core::Error;

const DEFAULT_HEADER: &str = "id,status,statusDetail,direction,agentId,phoneNumber,fromNumber,toNumber,\
createdAt,startedAt,endedAt,durationSeconds,costUsd,costCredits,outcome,sentiment,failureReason,summary\r\n";

/// A call with only an id: every other field null, as the normalizer leaves what is not sent.
fn call(id: &str) -> Call {
    normalize_call(json!({ "id": id })).expect("a call object")
}

fn columns(names: &[&str]) -> CsvOptions {
    CsvOptions {
        columns: Some(names.iter().map(|s| (*s).to_owned()).collect()),
    }
}

fn csv(calls: &[Call], names: &[&str]) -> String {
    calls_to_csv(calls, &columns(names)).expect("known columns")
}

fn object(value: Value) -> Option<Map<String, Value>> {
    match value {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// Seed 000's completed call, normalized by hand.
fn seed_000_call() -> Call {
    Call {
        status: CallStatus::Ended,
        status_detail: Some("ended".into()),
        is_terminal: true,
        direction: Some(CallDirection::Outbound),
        agent_id: Some("agent_01hx2a7b3cd4ef5gh6ij7kl8mn".into()),
        phone_number: Some("+14155551234".into()),
        from_number: Some("+18005559876".into()),
        created_at: Some("2024-04-05T14:21:58Z".into()),
        started_at: Some("2024-04-05T14:22:01Z".into()),
        ended_at: Some("2024-04-05T14:25:04Z".into()),
        duration_seconds: Some(183.0),
        cost_usd: Some(92.0 / 100.0),
        outcome: Some("interested".into()),
        ..call("call_01hx3k9p2qw7v8n4m6j5r0y1tz")
    }
}

#[test]
fn empty_list_is_header_only() {
    assert_eq!(
        calls_to_csv(&[], &CsvOptions::default()).expect("csv"),
        DEFAULT_HEADER
    );
    assert_eq!(csv(&[], &["id", "costUsd"]), "id,costUsd\r\n");
}

#[test]
fn default_columns_for_seed_000_call() {
    let out = calls_to_csv(&[seed_000_call()], &CsvOptions::default()).expect("csv");
    assert_eq!(
        out,
        format!(
            "{DEFAULT_HEADER}call_01hx3k9p2qw7v8n4m6j5r0y1tz,ended,ended,outbound,agent_01hx2a7b3cd4ef5gh6ij7kl8mn,\
             +14155551234,+18005559876,,2024-04-05T14:21:58Z,2024-04-05T14:22:01Z,2024-04-05T14:25:04Z,\
             183,0.92,,interested,,,\r\n"
        )
    );
}

#[test]
fn every_status_and_direction_word() {
    let statuses = [
        CallStatus::Queued,
        CallStatus::Ringing,
        CallStatus::InProgress,
        CallStatus::Ended,
        CallStatus::Failed,
        CallStatus::Cancelled,
        CallStatus::Unknown,
    ];
    let directions = [
        CallDirection::Outbound,
        CallDirection::Inbound,
        CallDirection::Webrtc,
        CallDirection::Unknown,
    ];
    for status in statuses {
        for direction in directions {
            let c = Call {
                status,
                direction: Some(direction),
                is_terminal: true,
                ..call("c")
            };
            let want = format!(
                "status,direction,isTerminal\r\n{},{},true\r\n",
                serde_json::to_value(status)
                    .expect("status")
                    .as_str()
                    .expect("word"),
                serde_json::to_value(direction)
                    .expect("direction")
                    .as_str()
                    .expect("word"),
            );
            assert_eq!(csv(&[c], &["status", "direction", "isTerminal"]), want);
        }
    }
}

#[test]
fn rfc_4180_quoting_and_crlf() {
    let calls = [
        Call {
            summary: Some("plain".into()),
            ..call("a")
        },
        Call {
            summary: Some("one, two".into()),
            ..call("b")
        },
        Call {
            summary: Some("she said \"hi\"".into()),
            ..call("c")
        },
        Call {
            summary: Some("line one\nline two\r\nthree\rfour".into()),
            ..call("d")
        },
        Call {
            summary: Some(String::new()),
            ..call("e")
        },
        Call {
            summary: Some("naïve café 日本 😀".into()),
            ..call("f")
        },
    ];
    assert_eq!(
        csv(&calls, &["id", "summary"]),
        "id,summary\r\n\
         a,plain\r\n\
         b,\"one, two\"\r\n\
         c,\"she said \"\"hi\"\"\"\r\n\
         d,\"line one\nline two\r\nthree\rfour\"\r\n\
         e,\r\n\
         f,naïve café 日本 😀\r\n"
    );
}

#[test]
fn formula_injection_is_neutralized() {
    let cells = [
        (
            "=HYPERLINK(\"http://evil\",\"x\")",
            "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"",
        ),
        ("+1+1", "'+1+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("\r=1", "\"'\r=1\""),
        ("=1,2", "\"'=1,2\""),
        ("a=1", "a=1"),
        (" =1", " =1"),
        ("'quoted", "'quoted"),
        // A sign and digits only (E.164 numbers) is a number to a spreadsheet, not a formula.
        ("+14155551234", "+14155551234"),
        ("-1.5", "-1.5"),
        ("+", "'+"),
        ("-", "'-"),
        ("+1.2.3", "'+1.2.3"),
        ("+1 555", "'+1 555"),
        ("-1e5", "'-1e5"),
        ("+٣", "'+٣"),
    ];
    for (text, cell) in cells {
        let c = Call {
            outcome: Some(text.into()),
            ..call("x")
        };
        assert_eq!(
            csv(&[c], &["outcome"]),
            format!("outcome\r\n{cell}\r\n"),
            "{text:?}"
        );
    }
    // The id, numbers and every other text column go through the same guard.
    let c = Call {
        status_detail: Some("-x".into()),
        phone_number: Some("+15550001111".into()),
        ..call("=id")
    };
    assert_eq!(
        csv(&[c], &["id", "statusDetail", "phoneNumber"]),
        "id,statusDetail,phoneNumber\r\n'=id,'-x,+15550001111\r\n"
    );
}

#[test]
fn number_columns_are_plain_numbers() {
    let calls = [
        Call {
            duration_seconds: Some(183.0),
            cost_usd: Some(0.92),
            cost_credits: Some(12.5),
            ..call("a")
        },
        Call {
            duration_seconds: Some(0.1 + 0.2),
            cost_usd: Some(1e-7),
            cost_credits: Some(100.0),
            ..call("b")
        },
        Call {
            duration_seconds: Some(-3.5),
            cost_usd: Some(f64::NAN),
            cost_credits: Some(1234567.891),
            ..call("c")
        },
        Call {
            duration_seconds: Some(65.432),
            cost_usd: Some(0.0),
            cost_credits: None,
            ..call("d")
        },
    ];
    // Typical values match JavaScript's String(x): 183, 0.92, 12.5, 100, 1234567.891, 65.432.
    // Up to 9 decimals: 0.1 + 0.2 -> 0.3, 1e-7 -> 0.0000001. Negative numbers are not prefixed.
    assert_eq!(
        csv(&calls, &["id", "durationSeconds", "costUsd", "costCredits"]),
        "id,durationSeconds,costUsd,costCredits\r\n\
         a,183,0.92,12.5\r\n\
         b,0.3,0.0000001,100\r\n\
         c,-3.5,,1234567.891\r\n\
         d,65.432,0,\r\n"
    );
}

#[test]
fn transcript_and_maps() {
    let c = Call {
        transcript: Some(vec![
            TranscriptTurn {
                speaker: "agent".into(),
                text: "Hi, Sarah".into(),
                timestamp: Some(1.2),
            },
            TranscriptTurn {
                speaker: "contact".into(),
                text: "Say \"hi\"".into(),
                timestamp: Some(5.8),
            },
        ]),
        variables: object(json!({"first_name": "Sarah", "appointment_date": "April 10th"})),
        extracted_variables: object(
            json!({"n": 3, "neg": -2, "f": 0.5, "ok": true, "none": null, "o": {"a": 1}, "l": [1]}),
        ),
        context: object(json!({"formula": "=1"})),
        ..call("a")
    };
    let other = Call {
        context: object(json!({})),
        ..call("b")
    };
    assert_eq!(
        csv(&[c, other], &["transcript", "variables", "extractedVariables", "context"]),
        "transcript,variables,extractedVariables,context\r\n\
         \"Agent: Hi, Sarah\nContact: Say \"\"hi\"\"\",first_name=Sarah; appointment_date=April 10th,\
         n=3; neg=-2; f=0.5; ok=true; none=; o=[object]; l=[array],formula==1\r\n\
         ,,,\r\n"
    );
    let c = Call {
        context: object(json!({"=x": 1})),
        ..call("c")
    };
    assert_eq!(csv(&[c], &["context"]), "context\r\n'=x=1\r\n");
}

#[test]
fn all_columns_are_accepted() {
    let all = [
        "id",
        "status",
        "statusDetail",
        "isTerminal",
        "direction",
        "callType",
        "agentId",
        "phoneNumber",
        "fromNumber",
        "toNumber",
        "createdAt",
        "startedAt",
        "endedAt",
        "updatedAt",
        "durationSeconds",
        "costUsd",
        "costCredits",
        "outcome",
        "sentiment",
        "failureReason",
        "summary",
        "shortSummary",
        "failureMessage",
        "recordingUrl",
        "recordingExpiresAt",
        "transcriptUrl",
        "transcript",
        "variables",
        "extractedVariables",
        "context",
    ];
    let out = csv(&[call("a"), seed_000_call()], &all);
    let mut rows = out.split("\r\n");
    assert_eq!(rows.next(), Some(all.join(",").as_str()));
    assert_eq!(
        rows.next().map(|r| r.matches(',').count()),
        Some(all.len() - 1)
    );
    assert_eq!(out.matches("\r\n").count(), 3);
}

#[test]
fn unknown_or_empty_columns_are_an_invalid_argument() {
    let err =
        calls_to_csv(&[call("a")], &columns(&["id", "cost_usd"])).expect_err("unknown column");
    assert_eq!(err.kind(), "invalid_argument");
    let Error::InvalidArgument(message) = err else {
        panic!("wrong variant")
    };
    assert!(
        message
            .starts_with("unknown column \"cost_usd\"; known columns: id, status, statusDetail,"),
        "{message}"
    );
    assert!(
        message.ends_with("variables, extractedVariables, context"),
        "{message}"
    );
    assert!(matches!(
        calls_to_csv(&[], &columns(&["raw"])),
        Err(Error::InvalidArgument(_))
    ));
    assert!(matches!(
        calls_to_csv(&[], &columns(&[])),
        Err(Error::InvalidArgument(_))
    ));
}

#[test]
fn options_from_javascript_objects() {
    let read = |v: Value| truedy_core::read::from_value::<CsvOptions>(&v, "options");
    assert_eq!(
        read(json!({})).expect("empty options"),
        CsvOptions::default()
    );
    assert_eq!(
        read(Value::Null).expect("no options"),
        CsvOptions::default()
    );
    assert_eq!(
        read(json!({ "columns": ["id", "costUsd"] })).expect("options"),
        columns(&["id", "costUsd"])
    );
    let e = read(json!({ "columns": "id" })).unwrap_err();
    assert_eq!(e.message(), "options.columns must be an array of strings");
}

#[test]
fn many_calls() {
    let calls: Vec<Call> = (0..5000)
        .map(|i| Call {
            summary: Some(format!("call {i}, ok")),
            ..seed_000_call()
        })
        .collect();
    let out = calls_to_csv(&calls, &CsvOptions::default()).expect("csv");
    assert_eq!(out.matches("\r\n").count(), 5001);
    assert!(out.ends_with(",\"call 4999, ok\"\r\n"));
}

#[test]
fn the_columns_are_every_call_field_but_latency_and_raw() {
    // The TypeScript type of `columns` says so: `Exclude<keyof Call, "latency" | "raw">`.
    let columns: Vec<&str> = truedy_core::export::COLUMNS
        .iter()
        .map(|(name, _)| *name)
        .collect();
    let mut fields: Vec<&str> = truedy_core::ops::CALL_FIELDS
        .iter()
        .copied()
        .filter(|name| *name != "latency")
        .collect();
    let mut sorted = columns.clone();
    sorted.sort_unstable();
    fields.sort_unstable();
    assert_eq!(sorted, fields);
}
