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
import type {
  Call, CallGroup, CallSummary, GroupBy, ListCallsParams, RequestOptions, SummaryOptions,
} from "./truedy_client.js";

/** What `watchCalls` lists each tick: `listCalls`' params, with one status or several. */
export interface WatchCallsParams extends Omit<ListCallsParams, "status"> {
  /**
   * The statuses to watch, each listed once a tick (default: `queued`, `ringing` and
   * `in_progress`). A terminal status (`ended`, `completed`, `failed`, ...) is refused:
   * those calls never change.
   */
  status?: ListCallsParams["status"] | readonly NonNullable<ListCallsParams["status"]>[] | undefined;
}

/** What changed in a `watchCalls` set since the last report. */
export interface CallChanges {
  /** Calls that joined the set; on the first report, every call in it. */
  added: Call[];
  /** Calls still in the set whose `status` or `statusDetail` changed. */
  changed: Call[];
  /**
   * Calls that left the set because they ended (`isTerminal`), each as `getCall` returned
   * it once it left (with its transcript, under `waitForTranscript`).
   */
  ended: Call[];
  /**
   * Calls that left the set without ending (a watch of `ringing` calls sees them answered),
   * as `getCall` returned them.
   */
  left: Call[];
  /** The whole set after these changes, newest first. */
  calls: Call[];
}

/** Options of `watchCalls`: `waitForCall`'s timing, abort and transcript rules. */
export interface WatchCallsOptions {
  /** First wait between ticks in ms (default 1000); it grows ×1.5 per quiet tick and starts over after each change. */
  intervalMs?: number | undefined;
  /** Longest wait between ticks in ms (default 10000). A 429's `Retry-After` may ask for more, up to 60 s. */
  maxIntervalMs?: number | undefined;
  /** Overall deadline in ms (default: none; at most 2147483647) -> kind `timeout`. */
  timeoutMs?: number | undefined;
  /** Stops the watch at once -> kind `aborted`; no request is sent afterwards. */
  signal?: AbortSignal | undefined;
  /** Report an ended call only once its transcript is there (polled as `waitForCall` does). */
  waitForTranscript?: boolean | undefined;
  /** Called with each change (the first report included); not awaited, its errors ignored. */
  onChange?: ((changes: CallChanges) => void) | undefined;
}

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

  /**
   * Keeps a live set of the calls matching `params` (by default every queued, ringing and
   * in-progress call) with one listing per watched status a tick, all its pages, instead of
   * one request per call. A call that leaves the set is fetched once with `getCall` to
   * report how it ended. The first report comes after the first tick; then one per tick
   * that changed something. Ticks follow `waitForCall`'s backoff (from `intervalMs`, ×1.5
   * per quiet tick, up to `maxIntervalMs`, back to `intervalMs` after a change); a 429 the
   * retries could not get past waits as the server asked and goes on; any other error ends
   * the watch with that `TruedyError`, as do `signal` (`aborted`) and `timeoutMs` (`timeout`).
   *
   * With `onChange`, runs at once and returns a promise that settles only when the watch
   * stops (it rejects then: abort, deadline or error). Without, returns an async iterator
   * of the changes: ticks run while the loop consumes them, and `break` stops the watch.
   *
   * @example
   * ```ts
   * const controller = new AbortController();
   * client.watchCalls({ agentId }, {
   *   signal: controller.signal,
   *   onChange: ({ added, changed, ended, calls }) => render(calls),
   * }).catch((e) => { if (e.kind !== "aborted") showError(e); });
   *
   * for await (const { ended } of client.watchCalls({ status: "in_progress" })) {
   *   for (const call of ended) console.log(call.id, call.status, call.durationSeconds);
   * }
   * ```
   */
  watchCalls(
    params: WatchCallsParams | null | undefined,
    options: WatchCallsOptions & { onChange: (changes: CallChanges) => void },
  ): Promise<void>;
  watchCalls(
    params?: WatchCallsParams | null,
    options?: WatchCallsOptions & { onChange?: undefined | null },
  ): AsyncIterableIterator<CallChanges>;
}

/**
 * What a dashboard header shows: counts by status, outcome and direction, total and mean
 * cost (USD), total and mean duration, and p50/p90 duration (nearest rank), in one pass.
 * With `groupBy` (`"agent" | "day" | "hour" | "status" | "direction" | "outcome"`), the same
 * summary for each group, as an ordered list of `{ key, summary }`: days and hours oldest
 * first (in UTC, or in the IANA `timeZone`), statuses and directions in their canonical
 * order, agents and outcomes with the most calls first; the calls without a key come last,
 * under `key: null`. Throws a `TruedyError` (`invalid_argument`) for anything but an array
 * of calls, an unknown `groupBy` or a time zone the runtime does not know.
 *
 * @example
 * ```ts
 * const { count, byStatus, totalCostUsd } = summarizeCalls(calls);
 * for (const { key, summary } of summarizeCalls(calls, { groupBy: "day", timeZone: "Europe/Paris" })) {
 *   chart.bar(key ?? "no date", summary.byStatus);
 * }
 * ```
 */
export declare function summarizeCalls(
  calls: readonly Call[],
  options?: SummaryOptions & { groupBy?: undefined | null },
): CallSummary;
export declare function summarizeCalls(
  calls: readonly Call[],
  options: SummaryOptions & { groupBy: GroupBy },
): CallGroup[];
export declare function summarizeCalls(calls: readonly Call[], options?: SummaryOptions): CallSummary | CallGroup[];

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
