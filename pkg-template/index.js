// Package entry: the generated bindings plus the TruedyError class they throw.
export * from "./truedy_client.js";
export { default } from "./truedy_client.js";
export { TruedyError } from "__RUNTIME__";

import { TruedyClient as GeneratedClient } from "./truedy_client.js";
import { TruedyError } from "__RUNTIME__";
import { watchCalls, watchWithCallback } from "./watch.js";

const invalid = (message) => new TruedyError({ kind: "invalid_argument", message, retryable: false });

// A subclass, not a patch of the generated prototype: the package is `sideEffects: false`,
// and a bundler may skip this module when only re-exported names are imported.
/** A client for the Truedy Calls API, with `iterCalls` and `watchCalls` (plain JavaScript) added. */
export class TruedyClient extends GeneratedClient {
  constructor(options) {
    // A path base URL resolves against the page's or the worker's location; Node has none.
    const base = options?.baseUrl;
    if (typeof base === "string" && base.trim().startsWith("/") && typeof location === "undefined") {
      throw invalid("baseUrl must be a full URL here: a path needs a page or a worker to resolve it");
    }
    super(options);
  }

  /**
   * Every call matching `params`, page by page (one `listCalls` at a time, only when the
   * loop asks for more), in order, each id once. Stops on `hasMore: false` or a page that
   * brings no new call.
   */
  async *iterCalls(params, options) {
    params ??= {};
    if (typeof params !== "object") throw invalid("params must be an object");
    const limit = params.limit ?? 100;
    const seen = new Set();
    let offset = params.offset ?? 0;
    for (;;) {
      const page = await this.listCalls({ ...params, limit, offset }, options);
      let fresh = 0;
      for (const call of page.data) {
        if (call.id) {
          if (seen.has(call.id)) continue;
          seen.add(call.id);
        }
        fresh++;
        yield call;
      }
      if (!page.hasMore || fresh === 0) return;
      // The server's page size, not data.length: items that are not objects were dropped.
      offset += Math.min(limit, page.limit || limit);
    }
  }

  /**
   * A live set of the calls matching `params` (by default the queued, ringing and in
   * progress ones), one listing per watched status a tick: with `onChange`, a promise that
   * only settles when the watch stops; without, an async iterator of the changes.
   */
  watchCalls(params, options) {
    return options?.onChange != null ? watchWithCallback(this, params, options) : watchCalls(this, params, options);
  }
}

/** Calls as NDJSON: one JSON object per line, each line ending in "\n". */
export function callsToNdjson(calls) {
  if (!Array.isArray(calls)) throw invalid("calls must be an array");
  return calls.map((call) => {
    if (call === null || typeof call !== "object") throw invalid("calls must be an array of call objects");
    return JSON.stringify(call) + "\n";
  }).join("");
}
