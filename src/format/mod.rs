//! Transcript formatting: plain, timestamped, markdown, SRT, WebVTT and HTML.
