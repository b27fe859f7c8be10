/// <reference lib="esnext.disposable" />
// wasm-bindgen's class types use Symbol.dispose: the reference above makes them compile
// under any `lib` setting (TypeScript 5.2 or newer).
export * from "./truedy_client.js";
export { default } from "./truedy_client.js";

import type { TruedyErrorFields } from "./truedy_client.js";

/** Where a failure came from. */
export type TruedyErrorKind = TruedyErrorFields["kind"];

/**
 * The error every truedy-client operation rejects (or throws) with: a real `Error` with the
 * fields of `TruedyErrorFields`. Never carries the API key.
 *
 * @example
 * ```ts
 * try { await client.getCall(id); }
 * catch (e) { if (e instanceof TruedyError && e.status === 404) showNotFound(); else throw e; }
 * ```
 */
export declare class TruedyError extends Error {
  constructor(fields: TruedyErrorFields);
  readonly name: "TruedyError";
}
export interface TruedyError extends Readonly<Omit<TruedyErrorFields, "message">> {}

import { TruedyClient as GeneratedClient } from "./truedy_client.js";
import type { Call, ListCallsParams, RequestOptions } from "./truedy_client.js";

/**
 * A client for the Truedy Calls API.
 *
 * @example
 * ```ts
 * const client = new TruedyClient({ apiKey: process.env.TRUEDY_API_KEY });
 * const page = await client.listCalls({ status: "ended", limit: 20 });
 * ```
 */
export declare class TruedyClient extends GeneratedClient {
  /**
   * Every call matching `params`, in order (newest first), for `for await`. One page at a
   * time, fetched only when the loop needs it (`limit` calls a page, default 100): breaking
   * out of the loop sends no further request. Each id is yielded once (a call created during
   * the walk shifts the listing). Stops on `hasMore: false` or a page that brings no new call.
   * A failing page rejects the loop's next step with a `TruedyError`.
   *
   * @example
   * ```ts
   * for await (const call of client.iterCalls({ status: "failed" }, { signal })) {
   *   if (call.failureReason === "busy") retryLater(call);
   * }
   * ```
   */
  iterCalls(params?: ListCallsParams | null, options?: RequestOptions): AsyncIterableIterator<Call>;
}

/**
 * Writes calls as NDJSON (newline-delimited JSON): one `Call` object per line (every field,
 * `raw` included), each line ending in `"\n"`; `""` for no calls. Throws a `TruedyError`
 * (kind `invalid_argument`) when `calls` is not an array of objects.
 *
 * @example
 * ```ts
 * const ndjson = callsToNdjson(await client.listAllCalls({ createdAfter: "2024-04-01" }));
 * const back: Call[] = ndjson.trimEnd().split("\n").map((line) => JSON.parse(line));
 * ```
 */
export declare function callsToNdjson(calls: readonly Call[]): string;
