/// <reference lib="esnext.disposable" />
// wasm-bindgen's class types use Symbol.dispose: the reference above makes them compile
// under any `lib` setting (TypeScript 5.2 or newer).
export * from "./truedy_client.js";
export { default } from "./truedy_client.js";

/** Where a failure came from. */
export type TruedyErrorKind = "http" | "network" | "timeout" | "aborted" | "decode" | "invalid_argument";

/**
 * The error every truedy-client operation rejects (or throws) with. Never carries the API key.
 *
 * @example
 * ```ts
 * try { await client.getCall(id); }
 * catch (e) { if (e instanceof TruedyError && e.status === 404) showNotFound(); else throw e; }
 * ```
 */
export declare class TruedyError extends Error {
  readonly name: "TruedyError";
  /** Where the failure came from. */
  readonly kind: TruedyErrorKind;
  /** HTTP status, for `http` errors (and `decode` errors of a received response). */
  readonly status?: number;
  /** The API's `error.code`, e.g. `validation_error`, `not_found`, `rate_limited`. */
  readonly code?: string;
  /** The API's request id (`meta.request_id` or `X-Request-Id`), for support. */
  readonly requestId?: string;
  /** The API's `error.details`. */
  readonly details?: unknown;
  /** Whether the same request may succeed if sent again. */
  readonly retryable: boolean;
}
