// `watchCalls`: a live set of the calls matching a listing, kept with one listing per
// watched status a tick (all its pages), not one request per call. Plain JavaScript over the
// client's own methods: every request still goes through the wasm transport (retries,
// timeouts, redaction), and the calls it diffs are the objects listAllCalls built.
import { TruedyError, callQuietly } from "__RUNTIME__";
import { normalizeStatus } from "./truedy_client.js";

const ACTIVE = ["queued", "ringing", "in_progress"];
const GROWTH = 1.5;
const MAX_DELAY_MS = 2147483647;
const MAX_SERVER_HINT_MS = 60000;
/** Where each status is in a call's life: of two sightings of one call, the later one wins. */
const LIFE = ["queued", "ringing", "in_progress", "unknown", "ended", "failed", "cancelled"];

const invalid = (message) => new TruedyError({ kind: "invalid_argument", message, retryable: false });

/** Checks a number of milliseconds as waitForCall does. */
function ms(options, name) {
  const value = options[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !(value > 0) || value > MAX_DELAY_MS) {
    throw invalid(`options.${name} must be a positive, finite number of milliseconds, at most 2147483647`);
  }
  return value;
}

/** The options of watchCalls, checked, with waitForCall's defaults (and no deadline). */
function readOptions(options) {
  options ??= {};
  if (typeof options !== "object") throw invalid("options must be an object");
  let interval = ms(options, "intervalMs");
  let max = ms(options, "maxIntervalMs");
  const timeoutMs = ms(options, "timeoutMs");
  if (interval !== undefined && max !== undefined && interval > max) {
    throw invalid("options.intervalMs must not be greater than options.maxIntervalMs");
  }
  max ??= Math.max(interval ?? 0, 10000);
  interval ??= Math.min(max, 1000);
  const { signal, onChange, waitForTranscript = false } = options;
  if (signal != null && !(signal instanceof AbortSignal)) throw invalid("options.signal must be an AbortSignal");
  if (onChange != null && typeof onChange !== "function") throw invalid("options.onChange must be a function");
  if (typeof waitForTranscript !== "boolean") throw invalid("options.waitForTranscript must be a boolean");
  return { interval, max, timeoutMs, signal: signal ?? undefined, waitForTranscript };
}

/** The params of watchCalls: the listing's, with `status` one word or several (default: active). */
function readParams(params) {
  params ??= {};
  if (typeof params !== "object" || Array.isArray(params)) throw invalid("params must be an object");
  const given = params.status ?? ACTIVE;
  const statuses = Array.isArray(given) ? [...new Set(given)] : [given];
  if (statuses.length === 0 || statuses.length > 8) throw invalid("params.status must be a status or 1 to 8 of them");
  for (const word of statuses) {
    if (typeof word !== "string" || word.trim() === "") throw invalid("params.status must be non-empty strings");
    if (normalizeStatus(word).isTerminal) {
      throw invalid(`params.status "${word}" is terminal: watchCalls watches calls that can still change`);
    }
  }
  return { listing: { ...params }, statuses };
}

/** Whether a call is one the watch lists: its canonical status or its word is a watched one. */
const watched = (statuses, call) => statuses.includes(call.status) || statuses.includes(call.statusDetail);

/** Whether a terminal call may still get a transcript (waitForCall knows the finer rules). */
const transcriptToCome = (call) =>
  !(call.transcript?.length > 0) && (call.status === "ended" || call.startedAt !== null);

/**
 * The changes of the live set, one object per tick that changed it (and one for the first
 * tick), as an async generator. The caller's `signal`, the deadline and the generator's
 * return() all stop it; no request is sent afterwards.
 */
export async function* watchCalls(client, params, options) {
  const { listing, statuses } = readParams(params);
  const opts = readOptions(options);
  const stop = new AbortController();
  const user = opts.signal;
  let why = null; // the TruedyError that ends the watch
  const end = (error) => {
    why ??= error;
    stop.abort();
  };
  const onUserAbort = () => end(new TruedyError({ kind: "aborted", message: "request aborted", retryable: false }));
  if (user?.aborted) onUserAbort();
  user?.addEventListener("abort", onUserAbort, { once: true });
  const deadline = opts.timeoutMs === undefined ? null : setTimeout(() => end(new TruedyError({
    kind: "timeout", message: `request timed out after ${Math.ceil(opts.timeoutMs)} ms`, retryable: true,
  })), opts.timeoutMs);
  const signal = stop.signal;
  const live = new Map(); // id -> the call as last seen
  const transcripts = []; // terminal calls whose transcript wait has finished, to report
  let wake = null; // cuts a sleep short when a transcript wait finishes
  const started = Date.now();
  // A failure of the watch's own stop is the reason it stopped; anything else is its own error.
  const stopped = (error) => {
    if (signal.aborted) throw why ?? error;
    throw error;
  };

  try {
    let delay = opts.interval;
    let first = true;
    for (;;) {
      if (signal.aborted) throw why;
      let hint = 0;
      const change = { added: [], changed: [], ended: [], left: [], calls: [] };
      try {
        const lists = await Promise.all(statuses.map((status) => client.listAllCalls({ ...listing, status }, { signal })));
        const listed = new Map();
        for (const call of lists.flat()) {
          const seen = listed.get(call.id);
          if (!seen || LIFE.indexOf(call.status) > LIFE.indexOf(seen.status)) listed.set(call.id, call);
        }
        const gone = [...live.keys()].filter((id) => !listed.has(id));
        const fetched = await Promise.all(gone.map((id) => client.getCall(id, { signal }).catch((error) => {
          if (signal.aborted) throw error;
          // Deleted since it was listed: report it as last seen. Rate limited: try next tick.
          if (error?.status === 404) return live.get(id);
          if (error?.status === 429) return null;
          throw error;
        })));
        for (const [id, call] of listed) {
          const before = live.get(id);
          if (!before) change.added.push(call);
          else if (before.status !== call.status || before.statusDetail !== call.statusDetail) change.changed.push(call);
          live.set(id, call);
        }
        gone.forEach((id, i) => {
          const call = fetched[i];
          if (!call) return;
          const before = live.get(id);
          if (!call.isTerminal && watched(statuses, call)) {
            // Still live: it moved between two listings of one tick.
            if (before.status !== call.status || before.statusDetail !== call.statusDetail) change.changed.push(call);
            live.set(id, call);
            return;
          }
          live.delete(id);
          if (!call.isTerminal) change.left.push(call);
          else if (opts.waitForTranscript && transcriptToCome(call)) {
            waitForTranscript(client, call, opts, signal, started).then((done) => {
              if (done) {
                transcripts.push(done);
                wake?.();
              }
            });
          } else change.ended.push(call);
        });
      } catch (error) {
        if (signal.aborted || error?.status !== 429) stopped(error);
        // Rate limited beyond the client's retries: not the end; wait as the server asked.
        hint = Math.min(error.retryAfterMs ?? 0, MAX_SERVER_HINT_MS);
      }
      if (first || change.added.length || change.changed.length || change.ended.length || change.left.length) {
        first = false;
        delay = opts.interval;
        change.calls = newestFirst([...live.values()]);
        yield change;
      }
      // Sleep until the next tick; a transcript that arrives meanwhile is reported at once.
      const nextAt = Date.now() + Math.max(delay, hint);
      delay = Math.min(delay * GROWTH, opts.max);
      for (;;) {
        if (transcripts.length) {
          yield { added: [], changed: [], ended: transcripts.splice(0), left: [], calls: newestFirst([...live.values()]) };
        }
        const left = nextAt - Date.now();
        if (left <= 0 || signal.aborted) break;
        await new Promise((resolve) => {
          const timer = setTimeout(done, left);
          function done() {
            clearTimeout(timer);
            signal.removeEventListener("abort", done);
            wake = null;
            resolve();
          }
          wake = done;
          signal.addEventListener("abort", done, { once: true });
        });
      }
    }
  } finally {
    clearTimeout(deadline);
    user?.removeEventListener("abort", onUserAbort);
    // return() (a `break` out of `for await`) or an error: stop what is still in flight.
    stop.abort();
  }
}

/**
 * Waits for a terminal call's transcript with waitForCall's rules (same intervals, what is
 * left of the deadline); gives the call with it, or the call as it was if the wait fails
 * for another reason than the watch stopping (null then).
 */
async function waitForTranscript(client, call, opts, signal, started) {
  const left = opts.timeoutMs === undefined ? undefined : Math.max(1, opts.timeoutMs - (Date.now() - started));
  try {
    return await client.waitForCall(call.id, {
      intervalMs: opts.interval, maxIntervalMs: opts.max, timeoutMs: left, signal, waitForTranscript: true,
    });
  } catch {
    return signal.aborted ? null : call;
  }
}

/** Calls newest first by `createdAt` (those without one last). */
function newestFirst(calls) {
  return calls.sort((a, b) => {
    const [x, y] = [a.createdAt ?? "", b.createdAt ?? ""];
    return x > y ? -1 : x < y ? 1 : 0;
  });
}

/**
 * The callback form: runs the watch, calling `onChange` with each change (not awaited; what
 * it throws or rejects with is ignored), until it stops with an error.
 */
export async function watchWithCallback(client, params, options) {
  for await (const change of watchCalls(client, params, options)) callQuietly(options.onChange, change);
}
