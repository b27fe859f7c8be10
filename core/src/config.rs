//! Client options: what `new TruedyClient(options)` accepts, checked once up front.

use std::fmt;

use crate::error::{Error, Result};
use crate::read::{FromJson, Members};
use crate::request::{input_excerpt, StatusVocabulary};
use crate::tree::Node;

/// The production API base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.truedy.ai/api/public/v1";

/// The settings of `new TruedyClient(options)`: every option but the `onDrift` callback.
#[derive(Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase", default)
)]
pub struct ClientSettings {
    /// Sent as `Authorization: Bearer <apiKey>`. Omit it when a backend proxy adds the key.
    pub api_key: Option<String>,
    /// API root, default `https://api.truedy.ai/api/public/v1`. May be a path such as
    /// `/api/truedy` on your own origin.
    pub base_url: Option<String>,
    /// Retries on 408, 409, 429, 5xx and network errors. Default 2, at most 10.
    pub max_retries: Option<f64>,
    /// Time limit of each attempt in milliseconds. Default 30000.
    pub timeout_ms: Option<f64>,
    /// Extra headers sent with every request, e.g. for a same-origin proxy.
    #[cfg_attr(feature = "ts", tsify(type = "Record<string, string>"))]
    pub headers: Option<Vec<(String, String)>>,
    /// How the server spells a status filter: `"openapi"` (default; `in_progress`,
    /// `completed`, `failed`, as in the OpenAPI pages) or `"hyphenated"` (`in-progress`,
    /// `ended`, `cancelled`).
    #[cfg_attr(feature = "ts", tsify(type = "\"openapi\" | \"hyphenated\""))]
    pub status_vocabulary: Option<String>,
    /// What the client logs (through `logger`, else `console`): `"off"`, `"error"` (requests
    /// that failed for good), `"warn"` (default: also each retry), `"info"` (also each
    /// request done), `"debug"` (also each attempt sent). Method, path, status, attempt and
    /// time only: never the key, a header or a body.
    #[cfg_attr(
        feature = "ts",
        tsify(type = "\"off\" | \"error\" | \"warn\" | \"info\" | \"debug\"")
    )]
    pub log_level: Option<String>,
}

impl FromJson for ClientSettings {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        let m = Members::of(value, name)?;
        Ok(ClientSettings {
            api_key: m.get("apiKey")?,
            base_url: m.get("baseUrl")?,
            max_retries: m.get("maxRetries")?,
            timeout_ms: m.get("timeoutMs")?,
            headers: m.get("headers")?,
            status_vocabulary: m.get("statusVocabulary")?,
            log_level: m.get("logLevel")?,
        })
    }
}

// Written by hand so that the API key can never reach a log through `{:?}`.
impl fmt::Debug for ClientSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSettings")
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .field("max_retries", &self.max_retries)
            .field("timeout_ms", &self.timeout_ms)
            .field("headers", &self.headers.as_ref().map(Vec::len))
            .field("status_vocabulary", &self.status_vocabulary)
            .field("log_level", &self.log_level)
            .finish()
    }
}

/// How much a client logs; each level includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LogLevel {
    /// Nothing.
    Off,
    /// Requests that failed for good.
    Error,
    /// Also each retry.
    Warn,
    /// Also each request done.
    Info,
    /// Also each attempt sent.
    Debug,
}

/// Checked client settings.
#[derive(Clone, PartialEq)]
pub struct Config {
    /// Base URL without a trailing slash.
    pub base_url: String,
    /// Every header sent with every request, `Authorization` included.
    pub headers: Vec<(String, String)>,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Per-attempt time limit in milliseconds.
    pub timeout_ms: u32,
    /// How the server spells a status filter.
    pub status_vocabulary: StatusVocabulary,
    /// What the client logs.
    pub log_level: LogLevel,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("header_names", &names)
            .field("max_retries", &self.max_retries)
            .field("timeout_ms", &self.timeout_ms)
            .field("status_vocabulary", &self.status_vocabulary)
            .field("log_level", &self.log_level)
            .finish()
    }
}

impl Config {
    /// What must never appear in an error: the `Authorization` header's value and its token
    /// (the API key), longest first.
    pub fn secrets(&self) -> Vec<&str> {
        let mut secrets = Vec::new();
        for (name, value) in &self.headers {
            if name.eq_ignore_ascii_case("authorization") {
                secrets.push(value.as_str());
                if let Some(token) = value.strip_prefix("Bearer ") {
                    secrets.push(token);
                }
            }
        }
        secrets
    }
}

impl ClientSettings {
    /// Checks the options and fills in defaults.
    pub fn into_config(self) -> Result<Config> {
        let base_url = self.base_url.unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
        let base_url = base_url.trim().trim_end_matches('/').to_owned();
        let scheme_ok = base_url.starts_with("https://")
            || base_url.starts_with("http://")
            || base_url.starts_with('/');
        if !scheme_ok || base_url.contains(['?', '#']) || base_url.chars().any(char::is_whitespace)
        {
            return Err(Error::InvalidArgument(
                "baseUrl must be an http(s) URL or an absolute path, without query or fragment"
                    .into(),
            ));
        }
        let max_retries = match self.max_retries {
            None => 2,
            Some(n) if n.fract() == 0.0 && (0.0..=10.0).contains(&n) => n as u32,
            Some(_) => {
                return Err(Error::InvalidArgument(
                    "maxRetries must be a whole number from 0 to 10".into(),
                ))
            }
        };
        let timeout_ms = match self.timeout_ms {
            None => 30_000,
            Some(n) if n.fract() == 0.0 && (1.0..=600_000.0).contains(&n) => n as u32,
            Some(_) => {
                return Err(Error::InvalidArgument(
                    "timeoutMs must be a whole number from 1 to 600000".into(),
                ))
            }
        };
        let status_vocabulary = match self.status_vocabulary.as_deref() {
            None | Some("openapi") => StatusVocabulary::OpenApi,
            Some("hyphenated") => StatusVocabulary::Hyphenated,
            Some(_) => {
                return Err(Error::InvalidArgument(
                    "statusVocabulary must be \"openapi\" or \"hyphenated\"".into(),
                ))
            }
        };
        let log_level = match self.log_level.as_deref() {
            Some("off") => LogLevel::Off,
            Some("error") => LogLevel::Error,
            None | Some("warn") => LogLevel::Warn,
            Some("info") => LogLevel::Info,
            Some("debug") => LogLevel::Debug,
            Some(_) => {
                return Err(Error::invalid(
                    "logLevel must be one of off, error, warn, info, debug",
                ))
            }
        };
        let mut headers = Vec::new();
        for (name, value) in self.headers.unwrap_or_default() {
            check_header(&name, &value)?;
            if name.eq_ignore_ascii_case("authorization") && self.api_key.is_some() {
                return Err(Error::InvalidArgument(
                    "give either apiKey or an Authorization header, not both".into(),
                ));
            }
            headers.push((name, value));
        }
        if let Some(key) = self.api_key {
            let key = key.trim();
            // Never echo the key: the message names the problem only.
            if key.is_empty() || !is_header_value(key) || key.contains(' ') {
                return Err(Error::InvalidArgument(
                    "apiKey must be a non-empty string of printable ASCII without spaces".into(),
                ));
            }
            headers.push(("Authorization".to_owned(), ["Bearer ", key].concat()));
        }
        Ok(Config {
            base_url,
            headers,
            max_retries,
            timeout_ms,
            status_vocabulary,
            log_level,
        })
    }
}

/// Checks a header the way `fetch` would, so that a bad one fails at construction with a
/// clear message instead of inside a request.
fn check_header(name: &str, value: &str) -> Result<()> {
    let token = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
    if name.is_empty() || !name.bytes().all(token) {
        return Err(Error::invalid(
            [
                "header name \"",
                &input_excerpt(name),
                "\" is not a valid HTTP token",
            ]
            .concat(),
        ));
    }
    if !is_header_value(value) {
        return Err(Error::invalid(
            [
                "the value of header \"",
                name,
                "\" has control or non-ASCII characters",
            ]
            .concat(),
        ));
    }
    Ok(())
}

fn is_header_value(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
}
