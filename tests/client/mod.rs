//! Tests of `TruedyClient` through its JavaScript facade, against truedy-mock.

mod support;

mod basics;
mod endpoints;
mod pages;
mod transport;
mod wait;
