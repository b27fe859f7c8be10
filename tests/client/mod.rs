//! Tests of `TruedyClient` through its JavaScript facade, against truedy-mock.

mod support;

mod basics;
