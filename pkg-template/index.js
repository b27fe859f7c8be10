// Package entry: the generated bindings plus the TruedyError class they throw.
export * from "./truedy_client.js";
export { default } from "./truedy_client.js";
export { TruedyError } from "__RUNTIME__";
