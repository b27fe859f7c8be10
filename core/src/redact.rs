//! Keeping the API key out of errors: a server or proxy that echoes the `Authorization`
//! header must not put the key into anything an error carries.

use serde_json::Value;

use crate::error::Error;
use crate::json::to_json;

impl Error {
    /// The error with every occurrence of each of `secrets` replaced by `[redacted]`, in
    /// everything a response could have put there (message, code, request id, details): a
    /// server or proxy that echoes the `Authorization` header must not put the key into an
    /// error.
    pub fn redacted(mut self, secrets: &[&str]) -> Self {
        let clean = |text: &mut String| {
            for secret in secrets {
                if let Some(clean) = replace_all(text, secret, "[redacted]") {
                    *text = clean;
                }
            }
        };
        match &mut self {
            Error::Http {
                message,
                code,
                request_id,
                details,
                headers,
                ..
            } => {
                clean(message);
                code.iter_mut().chain(request_id.iter_mut()).for_each(clean);
                if let Some(details) = details {
                    redact_details(details, secrets);
                }
                if let Some(headers) = headers {
                    redact_json(headers, secrets);
                }
            }
            Error::Decode {
                message,
                request_id,
                ..
            } => {
                clean(message);
                request_id.iter_mut().for_each(clean);
            }
            Error::Network(message) | Error::InvalidArgument(message) => clean(message),
            Error::Timeout(_) | Error::Aborted => {}
        }
        self
    }
}

/// `text` with every occurrence of `pattern` replaced by `with`; `None` when there is none
/// (or `pattern` is empty). A byte-by-byte search: a UTF-8 pattern can only match at
/// character boundaries, and a general substring searcher would add kilobytes to the wasm.
fn replace_all(text: &str, pattern: &str, with: &str) -> Option<String> {
    let (haystack, needle) = (text.as_bytes(), pattern.as_bytes());
    if needle.is_empty() {
        return None;
    }
    let mut out = String::new();
    let (mut copied, mut at) = (0, 0);
    while let Some(window) = haystack.get(at..at + needle.len()) {
        if window == needle {
            out.push_str(text.get(copied..at)?);
            out.push_str(with);
            at += needle.len();
            copied = at;
        } else {
            at += 1;
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(text.get(copied..)?);
    Some(out)
}

/// Redacts `secrets` from `details` as written in JSON (so that keys, values and escaped
/// forms are all covered): when any was there, `details` becomes that JSON text with them
/// replaced.
fn redact_details(details: &mut Value, secrets: &[&str]) {
    let Ok(mut text) = to_json(&*details) else {
        return;
    };
    if redact_json(&mut text, secrets) {
        *details = Value::String(text);
    }
}

/// Replaces each of `secrets` in JSON `text`, as it is and as JSON escapes it; true when
/// any was there.
fn redact_json(text: &mut String, secrets: &[&str]) -> bool {
    let mut changed = false;
    for secret in secrets {
        let escaped = to_json(secret).unwrap_or_default();
        let escaped = escaped
            .get(1..escaped.len().saturating_sub(1))
            .unwrap_or("");
        for form in [*secret, escaped] {
            if let Some(clean) = replace_all(text, form, "[redacted]") {
                *text = clean;
                changed = true;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use serde_json::json;

    #[test]
    fn an_echoed_key_is_redacted_everywhere_a_response_reaches() {
        let key = "sk_live_secret";
        let error = Error::Http {
            status: 401,
            code: Some(["bad ", key].concat()),
            message: ["invalid key Bearer ", key].concat(),
            request_id: Some(key.to_owned()),
            details: Some(Box::new(
                json!({ "authorization": "Bearer sk_live_secret", "sk_live_secret": [key] }),
            )),
            retryable: false,
            headers: Some(
                r#"{"x-echo":"Bearer sk_live_secret","sk_live_secret":"1","x-ratelimit-remaining":"0"}"#
                    .into(),
            ),
            retry_after_ms: Some(1000.0),
        }
        .redacted(&["Bearer sk_live_secret", key]);
        let text = serde_json::to_string(&error.fields()).expect("fields");
        assert!(!text.contains("secret"), "{text}");
        assert!(
            text.contains(
                r#""details":"{\"authorization\":\"[redacted]\",\"[redacted]\":[\"[redacted]\"]}""#
            ),
            "{text}"
        );
        assert!(text.contains("invalid key [redacted]"), "{text}");
        assert!(
            text.contains(r#""headers":"{\"x-echo\":\"[redacted]\",\"[redacted]\":\"1\",\"x-ratelimit-remaining\":\"0\"}","retryAfterMs":1000.0"#),
            "{text}"
        );
        let decode = Error::Decode {
            message: ["not JSON: ", key].concat(),
            status: Some(200),
            request_id: None,
        }
        .redacted(&[key]);
        assert_eq!(decode.message(), "not JSON: [redacted]");
        assert_eq!(replace_all("aXbXX", "X", "-").as_deref(), Some("a-b--"));
        assert_eq!(
            replace_all("é€ key é", "key", "[k]").as_deref(),
            Some("é€ [k] é")
        );
        assert_eq!(replace_all("none", "key", "[k]"), None);
        assert_eq!(replace_all("anything", "", "[k]"), None);
    }
}
