//! Dashboard summaries of a list of calls.
