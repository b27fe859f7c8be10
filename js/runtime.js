// The JavaScript the wasm module imports: the TruedyError class, an abortable timer, and the
// helpers that let data cross the boundary in one piece (a packed tape or packed columns in,
// codes or JSON text out)
// instead of field by field. Imported by src/js.rs; TruedyError is re-exported from the
// package entry (pkg-template/index.js).

/** The error every truedy-client operation rejects (or throws) with. */
export class TruedyError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = "TruedyError";
    this.kind = fields.kind;
    this.status = fields.status;
    this.code = fields.code;
    this.requestId = fields.requestId;
    this.details = fields.details;
    // The headers cross from the core as JSON text (see TruedyErrorFields).
    this.headers = typeof fields.headers === "string" ? JSON.parse(fields.headers) : fields.headers;
    this.retryAfterMs = fields.retryAfterMs;
    this.retryable = fields.retryable === true;
  }
}

/**
 * What the generated bindings use as the module until `init()` has run: any use throws a
 * TruedyError that says what to do, instead of a TypeError about `undefined`.
 */
export const NOT_READY = new Proxy({}, {
  get() {
    throw new TruedyError({ kind: "invalid_argument", message: "truedy-client: `await init()` before using it" });
  },
});

/** A TruedyError from the JSON text of its fields. */
export function errorFromJson(text) {
  return new TruedyError(JSON.parse(text));
}

// ---- Packing what the core reads, in one crossing (see core/src/tree.rs) ----

const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

// The core's key table (installSchema): names, how each is packed, the keys of a call, a
// turn and a page (as Maps from name to index), the members of a Call and of a latency.
let schema;

/** Installs the core's key table (its `ops::host_schema()`), once per module instance. */
export function installSchema(text) {
  const [names, packs, call, turn, page, context, callFields, latencyFields, unread] = text.split("|");
  const keys = names.split(",");
  const table = (list) => new Map(list.split(",").map((i) => [keys[i], Number(i)]));
  schema = {
    keys, packs, call: table(call), turn: table(turn), page: table(page), context: table(context),
    callFields: callFields.split(","), latencyFields: latencyFields.split(","),
    documented: new Set([...table(call).keys(), ...unread.split(",")]),
  };
}

// ---- onDrift ----

/**
 * Tells `onDrift` about what built calls hold that the client does not model: a `status`
 * the core mapped to `unknown`, a `direction` it mapped to `unknown`, a top-level field the
 * docs do not define. Each (kind, value) once per `seen` set; the callback's errors are
 * ignored. `result` is a call, a page (`data`) or an array of calls.
 */
export function reportDrift(onDrift, seen, result) {
  const calls = Array.isArray(result) ? result : Array.isArray(result?.data) ? result.data : [result];
  const tell = (kind, value, call) => {
    const key = `${kind}:${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    callQuietly(onDrift, { kind, value, callId: call.id });
  };
  for (const call of calls) {
    if (!isObject(call)) continue;
    const raw = call.raw;
    if (call.status === "unknown" && typeof call.statusDetail === "string") tell("status", call.statusDetail, call);
    if (call.direction === "unknown" && typeof raw?.direction === "string") tell("direction", raw.direction, call);
    if (isObject(raw)) for (const key of Object.keys(raw)) if (!schema.documented.has(key)) tell("field", key, call);
  }
}

const TAG = { NULL: 0, TRUE: 1, FALSE: 2, NUMBER: 3, STRING: 4, ARRAY: 5, OBJECT: 6, KNOWN: 7, OPAQUE_OBJECT: 8, OPAQUE_ARRAY: 9 };
const MAX_DEPTH = 128;

/** Writes values as the core's tape: one tag per node, counts, numbers and one text. */
class Tape {
  tags = [];
  counts = [];
  numbers = [];
  text = "";

  string(s) {
    this.tags.push(TAG.STRING);
    this.counts.push(s.length);
    this.text += s;
  }

  /** Any value, as JSON.stringify sees it (toJSON, no undefined or functions in objects). */
  value(v, depth) {
    if (depth > MAX_DEPTH) throw "is nested too deeply";
    switch (typeof v) {
      case "string": return this.string(v);
      case "number": this.tags.push(TAG.NUMBER); this.numbers.push(v); return;
      case "boolean": this.tags.push(v ? TAG.TRUE : TAG.FALSE); return;
      case "bigint": throw "holds a BigInt, which JSON cannot";
      case "object": break;
      default: this.tags.push(TAG.NULL); return; // undefined, a function or a symbol in an array
    }
    if (v === null) return void this.tags.push(TAG.NULL);
    if (typeof v.toJSON === "function") return this.value(v.toJSON(), depth);
    if (Array.isArray(v)) {
      this.tags.push(TAG.ARRAY);
      this.counts.push(v.length);
      for (const item of v) this.value(item, depth + 1);
      return;
    }
    this.tags.push(TAG.OBJECT);
    const at = this.counts.push(0) - 1;
    let n = 0;
    for (const key of Object.keys(v)) {
      const member = v[key];
      if (member === undefined || typeof member === "function" || typeof member === "symbol") continue;
      this.string(key);
      this.value(member, depth + 1);
      n++;
    }
    this.counts[at] = n;
  }

  /** An object of which only the keys of `table` are read. */
  known(object, table, depth) {
    if (depth > MAX_DEPTH) throw "is nested too deeply";
    this.tags.push(TAG.KNOWN);
    const at = this.counts.push(0) - 1;
    let n = 0;
    for (const key of Object.keys(object)) {
      const index = table.get(key);
      const member = object[key];
      if (index === undefined || member === undefined || typeof member === "function") continue;
      this.counts.push(index);
      this.member(member, schema.packs[index], depth + 1);
      n++;
    }
    this.counts[at] = n;
  }

  member(v, pack, depth) {
    const object = typeof v === "object" && v !== null;
    if (object && (pack === "o" || (pack === "x" && Array.isArray(v)))) {
      this.tags.push(Array.isArray(v) ? TAG.OPAQUE_ARRAY : TAG.OPAQUE_OBJECT);
    } else if (pack === "x" && isObject(v)) this.known(v, schema.context, depth);
    else if (pack === "c" && isObject(v)) this.known(v, schema.call, depth);
    else if (pack === "c" && Array.isArray(v)) this.list(v, schema.call, depth);
    else if (pack === "t" && Array.isArray(v)) this.list(v, schema.turn, depth);
    else this.value(v, depth);
  }

  /** An array whose objects are read with `table`. */
  list(items, table, depth) {
    this.tags.push(TAG.ARRAY);
    this.counts.push(items.length);
    for (const item of items) {
      if (isObject(item)) this.known(item, table, depth + 1);
      else this.value(item, depth + 1);
    }
  }

  done(bases) {
    return {
      tags: Uint8Array.from(this.tags), counts: Uint32Array.from(this.counts),
      numbers: Float64Array.from(this.numbers), text: this.text, bases,
    };
  }
}

/** Packs payloads to normalize: an array whose objects are read as calls. */
export function packCalls(raws) {
  const tape = new Tape();
  try {
    tape.list(raws, schema.call, 0);
  } catch (e) {
    throw typeof e === "string" ? e : `could not be read (${e instanceof Error ? e.message : e})`;
  }
  return tape.done(raws);
}

const PACK_VALUE = 1, PACK_CALL = 2, PACK_PAGE = 3;

/**
 * Parses a reply body and packs it for the core: the whole value, a call, or a page (its
 * envelope and its calls). `bases` are the objects whose members results point at: the
 * call, or the page's calls. `undefined` when the body is not JSON.
 */
export function packBody(text, packing) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const tape = new Tape();
  let bases = [];
  if (packing === PACK_CALL && isObject(body)) {
    tape.known(body, schema.call, 0);
    bases = [body];
  } else if (packing === PACK_PAGE && (Array.isArray(body) || isObject(body))) {
    const items = Array.isArray(body) ? body : body.data;
    if (Array.isArray(items)) bases = items.filter(isObject);
    if (Array.isArray(body)) tape.list(body, schema.call, 0);
    else tape.known(body, schema.page, 0);
  } else tape.value(body, 0);
  return tape.done(bases);
}

/** Packs an argument (options, a request body) as a whole value. */
export function packValue(value) {
  const tape = new Tape();
  try {
    tape.value(value ?? null, 0);
  } catch (e) {
    throw typeof e === "string" ? e : `could not be read (${e instanceof Error ? e.message : e})`;
  }
  return tape.done([]);
}

// ---- Building results from the core's codes (see core/src/ops.rs) ----

const OP = { NULL: 0, TRUE: 1, FALSE: 2, NUMBER: 3, TEXT: 4, SENT: 5, CONTEXT: 6, TURNS: 7, PLAIN: 8, LATENCY: 9, CALL: 10, PAGE: 11 };
const NONE = 0xffffffff;

/**
 * Builds calls or a page from the core's codes: a string or object the caller sent is taken
 * from `bases` (the objects packed), never copied. `single` gives the one call of a reply.
 */
export function assemble(codes, numbers, text, bases, single) {
  const { keys, callFields, latencyFields } = schema;
  let c = 0, n = 0, t = 0, calls = 0;
  const value = (base) => {
    switch (codes[c++]) {
      case OP.NULL: return null;
      case OP.TRUE: return true;
      case OP.FALSE: return false;
      case OP.NUMBER: return numbers[n++];
      case OP.TEXT: {
        const end = t + codes[c++];
        const s = text.slice(t, end);
        t = end;
        return s;
      }
      case OP.SENT: return base[keys[codes[c++]]];
      case OP.CONTEXT: {
        const context = codes[c++], metadata = codes[c++];
        return Object.assign({}, metadata === NONE ? null : base[keys[metadata]], context === NONE ? null : base[keys[context]]);
      }
      case OP.TURNS: {
        const items = base[keys[codes[c++]]];
        const turns = new Array(codes[c++]);
        for (let i = 0; i < turns.length; i++) {
          const item = items[codes[c++]];
          turns[i] = { speaker: value(item), text: value(item), timestamp: value(item) };
        }
        return turns;
      }
      case OP.PLAIN: {
        const turns = new Array(codes[c++]);
        for (let i = 0; i < turns.length; i++) turns[i] = { speaker: value(base), text: value(base), timestamp: value(base) };
        return turns;
      }
      case OP.LATENCY: {
        const latency = {};
        for (const field of latencyFields) latency[field] = value(base);
        return latency;
      }
      default: throw new Error("truedy-client: unreadable result codes");
    }
  };
  const call = () => {
    c++; // OP.CALL
    const raw = codes[c++] ? bases[calls].data : bases[calls];
    calls++;
    const out = {};
    for (const field of callFields) out[field] = value(raw);
    out.raw = raw;
    return out;
  };
  if (codes[0] === OP.PAGE) {
    c = 1;
    const page = { data: null, total: value(), limit: value(), offset: value(), hasMore: value(), requestId: value() };
    const data = new Array(codes[c++]);
    for (let i = 0; i < data.length; i++) data[i] = call();
    page.data = data;
    return page;
  }
  const out = [];
  while (c < codes.length) out.push(call());
  return single ? out[0] : out;
}

/** The calls of a walk in order: `pages[picks[2k]][picks[2k + 1]]` for each k. */
export function pickCalls(pages, picks) {
  const calls = new Array(picks.length / 2);
  for (let k = 0; k < calls.length; k++) calls[k] = pages[picks[2 * k]][picks[2 * k + 1]];
  return calls;
}

/**
 * Packs fields of each object of `items` for one crossing into wasm: the strings of the
 * `texts` fields one after the other in `text`, with their lengths in UTF-16 units in
 * `lengths` (0xFFFFFFFF: missing or not a string), and the `numbers` fields in `values`
 * (NaN: missing or not a number; booleans as 1 and 0). Field lists are comma-separated.
 * Throws a message when `items` is not an array of objects.
 */
export function packFields(items, texts, numbers) {
  if (!Array.isArray(items)) throw "must be an array";
  const textKeys = texts ? texts.split(",") : [];
  const numberKeys = numbers ? numbers.split(",") : [];
  const n = items.length;
  const lengths = new Uint32Array(n * textKeys.length);
  const values = new Float64Array(n * numberKeys.length);
  let text = "";
  let l = 0, v = 0;
  for (let i = 0; i < n; i++) {
    const item = items[i];
    if (typeof item !== "object" || item === null) throw `[${i}] must be an object`;
    for (const key of textKeys) {
      const s = item[key];
      if (typeof s === "string") {
        text += s;
        lengths[l++] = s.length;
      } else lengths[l++] = 0xffffffff;
    }
    for (const key of numberKeys) {
      const x = item[key];
      values[v++] = typeof x === "number" ? x : typeof x === "boolean" ? +x : NaN;
    }
  }
  return { text, lengths, values };
}

/** Packs the `keys` fields of each object of `items` as whole values: one row per item. */
export function packCells(items, keys) {
  const list = keys.split(",");
  return packValue(items.map((item) => list.map((key) => item[key] ?? null)));
}

/**
 * The offset from UTC, in minutes, of `timeZone` (an IANA name) at each of `instants` (unix
 * ms; NaN stays NaN): what summarizeCalls needs to put calls on that zone's calendar. Intl
 * is slow (microseconds a lookup), so a UTC day whose first and last quarter hours have the
 * same offset is taken to have it throughout (offsets change a few times a year); only a
 * day with a change is looked up by quarter hour (offsets only change on quarter hours).
 * Throws (a string) for a zone the runtime does not know.
 */
export function zoneOffsets(instants, timeZone) {
  let format;
  try {
    format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
  } catch {
    throw `must be an IANA time zone this runtime knows, such as "Europe/Paris" (got ${JSON.stringify(timeZone)})`;
  }
  const DAY = 86400000, QUARTER = 900000;
  const offsetAt = (ms) => {
    // "GMT", "GMT+05:30", "GMT-08:00"
    const name = format.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value;
    const [, sign, hours, minutes] = /([+-])(\d\d):?(\d\d)?/.exec(name) ?? [];
    return sign ? (sign === "-" ? -1 : 1) * (hours * 60 + (+minutes || 0)) : 0;
  };
  const days = new Map(); // day -> its offset, or null when it changes that day
  const quarters = new Map();
  const cached = (map, key, compute) => {
    let value = map.get(key);
    if (value === undefined) map.set(key, (value = compute()));
    return value;
  };
  return Float64Array.from(instants, (ms) => {
    if (!Number.isFinite(ms)) return NaN;
    const day = Math.floor(ms / DAY);
    const whole = cached(days, day, () => {
      const first = offsetAt(day * DAY);
      return first === offsetAt((day + 1) * DAY - QUARTER) ? first : null;
    });
    return whole ?? cached(quarters, Math.floor(ms / QUARTER), () => offsetAt(Math.floor(ms / QUARTER) * QUARTER));
  });
}

/**
 * Calls a caller's callback (onUpdate, onProgress) without letting it affect the work: what
 * it throws is dropped, and so is the rejection of a promise it returns (which would
 * otherwise be an unhandled rejection, fatal in Node's default mode).
 */
export function callQuietly(callback, a, b) {
  try {
    const result = callback(a, b);
    if (result !== null && typeof result === "object" && typeof result.then === "function") {
      result.then(undefined, () => {});
    }
  } catch {
    // Ignored, as documented.
  }
}

// ---- HTTP ----

/**
 * One HTTP attempt through the client's `fetch` (the global one when none was given).
 * Resolves with what the transport reads of the response, in this order: status, body text,
 * all headers as the JSON text of an object (names in lowercase; only for a non-2xx), and
 * the values of x-request-id, x-should-retry, retry-after and retry-after-ms (null when
 * absent); rejects as fetch does. `headers` is the client's own, never changed.
 */
export async function send(fetchFn, method, url, headers, idempotencyKey, body, signal) {
  const init = { method, headers: { ...headers }, signal };
  if (idempotencyKey !== undefined) init.headers["X-Idempotency-Key"] = idempotencyKey;
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = body;
  }
  const response = await (fetchFn ?? fetch)(url, init);
  const text = await response.text();
  const h = response.headers;
  const ok = response.status >= 200 && response.status < 300;
  const all = ok || typeof h[Symbol.iterator] !== "function" ? null : JSON.stringify(Object.fromEntries(h));
  return [response.status, text, all, ...["x-request-id", "x-should-retry", "retry-after", "retry-after-ms"].map((n) => h.get(n))];
}

const LOG_METHODS = ["", "error", "warn", "info", "debug"];

/**
 * Logs one step of a request at `level` (1 error: failed for good, 2 warn: retrying,
 * 3 info: done, 4 debug: sent) through `logger` (console by default). Only the method, the
 * path and query, the status, the error's code, the attempt and the time: never the key,
 * a header or a body.
 */
export function logRequest(logger, level, method, path, status, code, ms, attempt, retryInMs) {
  const what = level === 4 ? "sent" : [level === 1 && "failed:", status, code, `in ${Math.round(ms)} ms`].filter(Boolean).join(" ");
  const retry = level === 2 ? `; retrying in ${Math.round(retryInMs)} ms` : "";
  const sink = logger ?? console;
  const line = `truedy-client: ${method} ${path} ${what} (attempt ${attempt})${retry}`;
  callQuietly((text) => sink[LOG_METHODS[level]]?.(text), line);
}

/** Gives a terminal call its transcript endpoint's turns, and its summary when it had none. */
export function attachTranscript(call, transcript) {
  call.transcript = transcript.turns;
  if (call.summary === null) call.summary = transcript.summary;
  return call;
}

/** Resolves after `ms`, or rejects at once (and clears the timer) when `signal` aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(new Error("aborted"));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** A random UUID v4, also outside secure contexts (where crypto.randomUUID is missing). */
export function uuid() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === "function") c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
