//! CSV export of calls (RFC 4180, formula-injection safe).
