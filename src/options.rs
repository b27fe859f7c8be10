//! The options objects of the client's methods. Each is one Rust type: tsify writes its
//! TypeScript declaration, and its `read` fills it from what the caller passed. The members
//! JSON can carry are packed by the host and read by the core; an `AbortSignal` and the
//! callbacks are taken from the object itself.

use js_sys::{Function, Reflect};
use truedy_core::config::ClientSettings;
use truedy_core::paging::WalkSettings;
use truedy_core::read::{self, FromJson};
use truedy_core::wait::WaitOptions;
use truedy_core::{Error, Result};
use tsify::Tsify;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

use crate::js::Tape;

/// A caller's options object (`undefined` and `null` count as `{}`).
struct Options<'a>(Option<&'a JsValue>);

impl<'a> Options<'a> {
    fn of(value: &'a JsValue) -> Result<Self> {
        if value.is_undefined() || value.is_null() {
            Ok(Options(None))
        } else if value.is_object() {
            Ok(Options(Some(value)))
        } else {
            Err(read::must_be("options", "an object"))
        }
    }

    /// `options[key]` converted by `cast`, or `None` when absent, `undefined` or `null`.
    fn member<T>(
        &self,
        key: &str,
        what: &str,
        cast: impl FnOnce(JsValue) -> Option<T>,
    ) -> Result<Option<T>> {
        match self.present(key, what)? {
            None => Ok(None),
            Some(value) => cast(value).map(Some).ok_or_else(|| bad_member(key, what)),
        }
    }

    /// `options[key]`, or `None` when absent, `undefined` or `null` (not generic: one copy
    /// for every `member`).
    #[inline(never)]
    fn present(&self, key: &str, what: &str) -> Result<Option<JsValue>> {
        let Some(object) = self.0 else {
            return Ok(None);
        };
        let value =
            Reflect::get(object, &JsValue::from_str(key)).map_err(|_| bad_member(key, what))?;
        Ok((!value.is_undefined() && !value.is_null()).then_some(value))
    }

    fn signal(&self) -> Result<Option<AbortSignal>> {
        self.member("signal", "an AbortSignal", |v| v.dyn_into().ok())
    }

    fn function(&self, key: &str) -> Result<Option<Function>> {
        self.member(key, "a function", |v| v.dyn_into().ok())
    }

    fn string(&self, key: &str) -> Result<Option<String>> {
        self.member(key, "a string", |v| v.as_string())
    }

    /// The members JSON carries, read by the core.
    fn json<T: FromJson>(&self) -> Result<T> {
        core_options(self.0.unwrap_or(&JsValue::NULL), "options")
    }
}

/// Options for `new TruedyClient(options)`. Bad values throw a `TruedyError` of kind
/// `invalid_argument`.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ClientOptions {
    #[serde(flatten)]
    pub settings: ClientSettings,
    /// Called once per distinct unknown status word, unknown direction word or undocumented
    /// top-level call field seen in this client's responses (`{ kind, value, callId }`),
    /// so a dashboard can log API changes. Normalization never fails because of them. Not
    /// awaited; what it throws is ignored.
    #[tsify(optional, type = "(event: DriftEvent) => void")]
    pub on_drift: Option<Function>,
    /// The `fetch` every request goes through (default: the global one): a proxy agent, a
    /// test double, an edge runtime's fetch. Called as `fetch(url, init)`.
    #[tsify(
        optional,
        type = "(input: string, init: RequestInit) => Promise<Response>"
    )]
    pub fetch: Option<Function>,
    /// Where `logLevel` writes (default: `console`). Each line goes to the method of its
    /// level, when the logger has one.
    #[tsify(optional, type = "TruedyLogger")]
    pub logger: Option<JsValue>,
}

impl ClientOptions {
    pub(crate) fn read(value: &JsValue) -> Result<Self> {
        let options = Options::of(value)?;
        Ok(ClientOptions {
            settings: options.json()?,
            on_drift: options.function("onDrift")?,
            fetch: options.function("fetch")?,
            logger: options.member(
                "logger",
                "an object with error, warn, info or debug methods",
                |v| v.is_object().then_some(v),
            )?,
        })
    }
}

/// Where a client's log lines go: any of the four methods, each given one line of text.
/// `console` is one.
#[derive(Tsify)]
#[allow(dead_code)] // Declared for TypeScript; the host calls it.
pub struct TruedyLogger {
    #[tsify(optional, type = "(message: string) => void")]
    pub error: Option<Function>,
    #[tsify(optional, type = "(message: string) => void")]
    pub warn: Option<Function>,
    #[tsify(optional, type = "(message: string) => void")]
    pub info: Option<Function>,
    #[tsify(optional, type = "(message: string) => void")]
    pub debug: Option<Function>,
}

/// Options of `normalizeCall` and `normalizeCalls`.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct NormalizeOptions {
    /// As the client's `onDrift`: called once per distinct unknown word or undocumented
    /// field among the calls of this one call of the function.
    #[tsify(optional, type = "(event: DriftEvent) => void")]
    pub on_drift: Option<Function>,
}

impl NormalizeOptions {
    pub(crate) fn read(value: &JsValue) -> Result<Self> {
        Ok(NormalizeOptions {
            on_drift: Options::of(value)?.function("onDrift")?,
        })
    }
}

/// Options every request method takes as its last argument.
#[derive(Tsify)]
pub struct RequestOptions {
    /// Cancels the request, including any wait between retries.
    #[tsify(optional, type = "AbortSignal")]
    pub signal: Option<AbortSignal>,
}

impl RequestOptions {
    pub(crate) fn read(value: &JsValue) -> Result<Self> {
        Ok(RequestOptions {
            signal: Options::of(value)?.signal()?,
        })
    }
}

/// Options of `createCall`.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CreateCallOptions {
    /// Sent as `X-Idempotency-Key` on every attempt; generated when omitted.
    #[tsify(optional)]
    pub idempotency_key: Option<String>,
    #[serde(flatten)]
    pub request: RequestOptions,
}

impl CreateCallOptions {
    pub(crate) fn read(value: &JsValue) -> Result<Self> {
        let options = Options::of(value)?;
        Ok(CreateCallOptions {
            idempotency_key: options.string("idempotencyKey")?,
            request: RequestOptions {
                signal: options.signal()?,
            },
        })
    }
}

/// Options of `waitForCall`. Bad values reject with a `TruedyError` of kind `invalid_argument`.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct WaitForCallOptions {
    #[serde(flatten)]
    pub timing: WaitOptions,
    /// Called with the call on the first observation, then once per change of `status` or
    /// `statusDetail` (not per request), including the terminal one. Not awaited; if it
    /// throws, the error is ignored and the wait goes on.
    #[tsify(optional, type = "(call: Call) => void")]
    pub on_update: Option<Function>,
    #[serde(flatten)]
    pub request: RequestOptions,
}

impl WaitForCallOptions {
    pub(crate) fn read(value: &JsValue) -> Result<Self> {
        let options = Options::of(value)?;
        Ok(WaitForCallOptions {
            timing: options.json()?,
            on_update: options.function("onUpdate")?,
            request: RequestOptions {
                signal: options.signal()?,
            },
        })
    }
}

/// Options of `listAllCalls`.
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ListAllCallsOptions {
    #[serde(flatten)]
    pub walk: WalkSettings,
    /// Called after each page, in the order pages complete: `loaded` distinct calls so far
    /// (at most `max`), and `total` the calls the walk expects (the server's total minus the
    /// starting offset, at most `max`), or `null` while the server gives no total. Not
    /// awaited; if it throws, the error is ignored and the walk goes on (as for
    /// `waitForCall`'s `onUpdate`).
    #[tsify(optional, type = "(loaded: number, total: number | null) => void")]
    pub on_progress: Option<Function>,
    #[serde(flatten)]
    pub request: RequestOptions,
}

impl ListAllCallsOptions {
    pub(crate) fn read(value: &JsValue) -> Result<Self> {
        let options = Options::of(value)?;
        Ok(ListAllCallsOptions {
            walk: options.json()?,
            on_progress: options.function("onProgress")?,
            request: RequestOptions {
                signal: options.signal()?,
            },
        })
    }
}

#[inline(never)]
fn bad_member(key: &str, what: &str) -> Error {
    read::must_be(&["options.", key].concat(), what)
}

/// A core options type read from a caller's argument (`undefined` and `null` are `{}`).
pub(crate) fn core_options<T: FromJson>(value: &JsValue, name: &str) -> Result<T, Error> {
    let tape = Tape::of_value(value, name)?;
    T::from_json(tape.tree()?.root(), name)
}
