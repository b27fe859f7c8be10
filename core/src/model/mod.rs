//! The canonical model handed to JavaScript: plain Rust types, typed for TypeScript by tsify.

mod call;
mod page;
mod status;
mod transcript;

pub use call::{Call, CallDirection, LatencyBreakdown};
pub use page::CallPage;
pub use status::{CallStatus, StatusInfo};
pub use transcript::{Transcript, TranscriptTurn};
