//! `onDrift`: tells the caller, once each, about status words, direction words and call
//! fields the client does not model, so a dashboard can log API changes. The core decides
//! what it knows (it maps unknown words to `unknown`; `ops::host_schema` lists the fields the
//! docs define); the host's `reportDrift` finds the rest in the calls it built.

use js_sys::{Function, Set};
use tsify::Tsify;
use wasm_bindgen::JsValue;

use crate::js::report_drift;

/// What `onDrift` is told. Declared for TypeScript; the host builds it.
#[allow(dead_code)]
#[derive(Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DriftEvent {
    /// `status` or `direction`: a word the client does not know (normalized to
    /// `unknown`); `field`: a top-level field of a call object that no page of the docs
    /// defines (kept in `raw`).
    #[tsify(type = "\"status\" | \"direction\" | \"field\"")]
    pub kind: String,
    /// The word or the field's name, as sent.
    pub value: String,
    /// The id of the call it was first seen in.
    pub call_id: String,
}

/// An `onDrift` callback and what it has been told.
#[derive(Clone)]
pub(crate) struct Drift {
    on_drift: Function,
    seen: Set,
}

impl Drift {
    pub fn new(on_drift: Function) -> Self {
        Drift {
            on_drift,
            seen: Set::new(&JsValue::UNDEFINED),
        }
    }

    /// Reports what `result` (a call, a page or an array of calls) holds that is new.
    pub fn report(&self, result: &JsValue) {
        report_drift(&self.on_drift, &self.seen, result);
    }
}

/// Reports drift in `result` when there is a callback.
pub(crate) fn report(drift: Option<&Drift>, result: &JsValue) {
    if let Some(drift) = drift {
        drift.report(result);
    }
}
