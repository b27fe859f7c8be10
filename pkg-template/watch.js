// `watchCalls`: a live set of the calls matching a listing, kept with one listing per
// watched status a tick (all its pages), not one request per call. Plain JavaScript over the
// client's own methods: every request still goes through the wasm transport (retries,
// timeouts, redaction), and the calls it compares are the objects listAllCalls built.
import { TruedyError, callQuietly, sleep } from "__RUNTIME__";
import { normalizeStatus } from "./truedy_client.js";

/** Where each status is in a call's life: of two sightings of one call in a tick, the later wins. */
const LIFE = ["queued", "ringing", "in_progress", "unknown", "ended", "failed", "cancelled"];

const error = (kind, message) => new TruedyError({ kind, message, retryable: kind === "timeout" });
const invalid = (message) => error("invalid_argument", message);

/** Checks a number of milliseconds as waitForCall does. */
function ms(options, name) {
  const value = options[name];
  if (value != null && !(typeof value === "number" && value > 0 && value <= 2147483647)) {
    throw invalid(`options.${name} must be a positive, finite number of milliseconds, at most 2147483647`);
  }
  return value ?? undefined;
}

/** The options, checked, with waitForCall's defaults (1 s .. 10 s) and no deadline. */
function readOptions(options) {
  options ??= {};
  if (typeof options !== "object") throw invalid("options must be an object");
  let [interval, max, timeoutMs] = ["intervalMs", "maxIntervalMs", "timeoutMs"].map((name) => ms(options, name));
  if (interval > max) throw invalid("options.intervalMs must not be greater than options.maxIntervalMs");
  max ??= Math.max(interval ?? 0, 10000);
  interval ??= Math.min(max, 1000);
  const { signal, onChange, waitForTranscript = false } = options;
  if (signal != null && !(signal instanceof AbortSignal)) throw invalid("options.signal must be an AbortSignal");
  if (onChange != null && typeof onChange !== "function") throw invalid("options.onChange must be a function");
  if (typeof waitForTranscript !== "boolean") throw invalid("options.waitForTranscript must be a boolean");
  return { interval, max, timeoutMs, signal, waitForTranscript };
}

/** The listing's params, and the statuses to list: one or several, by default the active ones. */
function readParams(params) {
  params ??= {};
  if (typeof params !== "object" || Array.isArray(params)) throw invalid("params must be an object");
  const given = params.status ?? ["queued", "ringing", "in_progress"];
  const statuses = [...new Set(Array.isArray(given) ? given : [given])];
  if (statuses.length === 0 || statuses.length > 8) throw invalid("params.status must be a status or 1 to 8 of them");
  for (const word of statuses) {
    if (typeof word !== "string" || !word.trim()) throw invalid("params.status must be non-empty strings");
    if (normalizeStatus(word).isTerminal) {
      throw invalid(`params.status "${word}" is terminal: watchCalls watches calls that can still change`);
    }
  }
  return { params, statuses };
}

const sameState = (a, b) => a.status === b.status && a.statusDetail === b.statusDetail;

/**
 * The changes of the live set as an async generator: one report for the first tick, then
 * one per tick that changed the set. The caller's `signal`, the deadline and the
 * generator's return() stop it; no request is sent afterwards.
 */
export async function* watchCalls(client, givenParams, options) {
  const { params, statuses } = readParams(givenParams);
  const opts = readOptions(options);
  const started = Date.now();
  const stop = new AbortController();
  const signal = stop.signal;
  let why; // the TruedyError that ends the watch
  const end = (reason) => {
    why ??= reason;
    stop.abort();
  };
  const onAbort = () => end(error("aborted", "request aborted"));
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const deadline = opts.timeoutMs && setTimeout(() => end(error("timeout", `request timed out after ${Math.ceil(opts.timeoutMs)} ms`)), opts.timeoutMs);
  const live = new Map(); // id -> the call as last seen
  const transcribed = []; // ended calls whose transcript wait is over, for the next report
  const watch = { client, params, statuses, opts, signal, live, started, transcribed };
  try {
    let delay = opts.interval;
    for (let first = true; ; first = false) {
      if (signal.aborted) throw why;
      const change = { added: [], changed: [], ended: transcribed.splice(0), left: [], calls: [] };
      let hint = 0;
      try {
        await tick(watch, change);
      } catch (e) {
        if (signal.aborted) throw why;
        // Rate limited beyond the client's retries: not the end; wait as the server asked.
        if (e?.status !== 429) throw e;
        hint = Math.min(e.retryAfterMs ?? 0, 60000);
      }
      if (signal.aborted) throw why; // no report after the watch stopped
      if (first || change.added.length || change.changed.length || change.ended.length || change.left.length) {
        delay = opts.interval;
        change.calls = [...live.values()].sort((a, b) => {
          const [x, y] = [a.createdAt ?? "", b.createdAt ?? ""];
          return x < y ? 1 : x > y ? -1 : 0;
        });
        yield change;
      }
      await sleep(Math.max(delay, hint), signal).catch(() => {});
      delay = Math.min(delay * 1.5, opts.max);
    }
  } finally {
    clearTimeout(deadline);
    opts.signal?.removeEventListener("abort", onAbort);
    // return() (a `break` out of `for await`) or an error: stop what is still in flight.
    stop.abort();
  }
}

/** One tick: the listings, then one getCall per call that left; fills `change`, updates `live`. */
async function tick({ client, params, statuses, opts, signal, live, started, transcribed }, change) {
  const lists = await Promise.all(statuses.map((status) => client.listAllCalls({ ...params, status }, { signal })));
  const listed = new Map();
  for (const call of lists.flat()) {
    const seen = listed.get(call.id);
    if (!seen || LIFE.indexOf(call.status) > LIFE.indexOf(seen.status)) listed.set(call.id, call);
  }
  const gone = [...live.keys()].filter((id) => !listed.has(id));
  const fetched = await Promise.all(gone.map((id) => client.getCall(id, { signal }).catch((e) => {
    if (signal.aborted) throw e;
    // Deleted since it was listed: reported as last seen. Rate limited: asked again next tick.
    if (e?.status === 404) return live.get(id);
    if (e?.status === 429) return null;
    throw e;
  })));
  for (const [id, call] of listed) {
    const before = live.get(id);
    if (!before) change.added.push(call);
    else if (!sameState(before, call)) change.changed.push(call);
    live.set(id, call);
  }
  gone.forEach((id, i) => {
    const call = fetched[i];
    if (!call) return;
    if (!call.isTerminal && (statuses.includes(call.status) || statuses.includes(call.statusDetail))) {
      // Still in the set: it moved between two listings of this tick.
      if (!sameState(live.get(id), call)) change.changed.push(call);
      live.set(id, call);
      return;
    }
    live.delete(id);
    if (!call.isTerminal) change.left.push(call);
    else if (!opts.waitForTranscript || call.transcript?.length || (call.status !== "ended" && call.startedAt === null)) {
      change.ended.push(call);
    } else {
      // Reported once the transcript is there (waitForCall's rules, what is left of the
      // deadline), or as it is if that wait fails for another reason than the watch stopping.
      const remaining = opts.timeoutMs && Math.max(1, opts.timeoutMs - (Date.now() - started));
      client.waitForCall(id, { intervalMs: opts.interval, maxIntervalMs: opts.max, timeoutMs: remaining || undefined, signal, waitForTranscript: true })
        .catch(() => call)
        .then((done) => signal.aborted || transcribed.push(done));
    }
  });
}

/**
 * The callback form: runs the watch, calling `onChange` with each change (not awaited; what
 * it throws or rejects with is ignored), until it stops with an error.
 */
export async function watchWithCallback(client, params, options) {
  for await (const change of watchCalls(client, params, options)) callQuietly(options.onChange, change);
}
