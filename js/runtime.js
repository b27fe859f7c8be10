// The JavaScript the wasm module imports: the TruedyError class, an abortable timer, and the
// helpers that let data cross the boundary in one piece (JSON text, or packed columns)
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
    this.retryable = fields.retryable === true;
  }
}

/** A TruedyError from the JSON text of its fields. */
export function errorFromJson(text) {
  return new TruedyError(JSON.parse(text));
}

// Numbers JSON cannot hold become strings, so that `limit: NaN` is an error, not absent.
const keepNonFinite = (key, value) =>
  typeof value === "number" && !Number.isFinite(value) ? String(value) : value;

/** JSON text of an argument ("" for undefined); throws a message for a BigInt or a cycle. */
export function argumentJson(value) {
  try {
    return JSON.stringify(value, keepNonFinite) ?? "";
  } catch (e) {
    throw `could not be read (${e instanceof Error ? e.message : e})`;
  }
}

/** JSON text of payloads to normalize, as `JSON.stringify` writes them. */
export function payloadJson(value) {
  try {
    return JSON.stringify(value) ?? "";
  } catch (e) {
    throw `could not be read as JSON (${e instanceof Error ? e.message : e})`;
  }
}

const RAW_NOWHERE = 0, RAW_BODY = 1, RAW_BODY_DATA = 2, RAW_PAGE_ITEMS = 3;
const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The result in `text` with `raw` set on its calls, from the response body (`JSON.parse`d
 * here, once): the body itself, its `data`, or the objects among a page's items.
 */
export function resultFromJson(text, body, rawAt) {
  const result = JSON.parse(text);
  if (rawAt === RAW_NOWHERE) return result;
  const parsed = JSON.parse(body);
  if (rawAt === RAW_BODY) result.raw = parsed;
  else if (rawAt === RAW_BODY_DATA) result.raw = parsed.data;
  else if (rawAt === RAW_PAGE_ITEMS) {
    const items = Array.isArray(parsed) ? parsed : parsed.data;
    let i = 0;
    for (const item of items) if (isObject(item) && i < result.data.length) result.data[i++].raw = item;
  }
  return result;
}

/**
 * The calls in `text` with `raw` set to the caller's own objects: `raws[i]`, or its `data`
 * where `enveloped[i]` is 1. `single` gives the one call instead of an array.
 */
export function callsWithRaw(text, raws, enveloped, single) {
  const calls = JSON.parse(text);
  const items = single ? [raws] : raws;
  for (let i = 0; i < calls.length; i++) calls[i].raw = enveloped[i] ? items[i].data : items[i];
  return single ? calls[0] : calls;
}

/** The calls of a walk in order: `pages[picks[2k]][picks[2k + 1]]` for each k. */
export function pickCalls(pages, picks) {
  const calls = new Array(picks.length / 2);
  for (let k = 0; k < calls.length; k++) calls[k] = pages[picks[2 * k]][picks[2 * k + 1]];
  return calls;
}

/**
 * Packs fields of each object of `items` for one crossing into wasm: the strings of the
 * `texts` fields and the JSON of the `jsons` fields, one after the other in `text`, with their
 * lengths in UTF-16 units in `lengths` (0xFFFFFFFF: missing or not a string), and the
 * `numbers` fields in `values` (NaN: missing or not a number; booleans as 1 and 0).
 * Field lists are comma-separated. Throws a message when `items` is not an array of objects.
 */
export function packFields(items, texts, numbers, jsons) {
  if (!Array.isArray(items)) throw "must be an array";
  const textKeys = texts ? texts.split(",") : [];
  const numberKeys = numbers ? numbers.split(",") : [];
  const jsonKeys = jsons ? jsons.split(",") : [];
  const n = items.length;
  const lengths = new Uint32Array(n * (textKeys.length + jsonKeys.length));
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
    for (const key of jsonKeys) {
      const value = item[key];
      const s = value === undefined || value === null ? undefined : payloadJson(value);
      if (s === undefined) lengths[l++] = 0xffffffff;
      else {
        text += s;
        lengths[l++] = s.length;
      }
    }
    for (const key of numberKeys) {
      const x = item[key];
      values[v++] = typeof x === "number" ? x : typeof x === "boolean" ? +x : NaN;
    }
  }
  return { text, lengths, values };
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
