//! One page of a call listing, whatever envelope the server used.

use serde::{Deserialize, Serialize};

use super::Call;

/// One page of calls, as returned by `listCalls`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct CallPage {
    /// The calls on this page, normalized.
    pub data: Vec<Call>,
    /// Total number of calls matching the filters, when the server says.
    pub total: Option<u32>,
    /// The page size the server applied, when it says.
    pub limit: Option<u32>,
    /// How many calls were skipped before this page, when the server says.
    pub offset: Option<u32>,
    /// Whether another page follows.
    pub has_more: bool,
    /// The server's `meta.request_id`, for support tickets.
    pub request_id: Option<String>,
}
