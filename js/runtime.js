// The few lines of JavaScript the wasm module imports: an Error subclass and an
// abortable timer, which wasm-bindgen cannot express. Imported by src/transport.rs
// and src/wasm/; re-exported from the package entry (pkg-template/index.js).

/** The error every truedy-client operation rejects with. */
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

export function makeError(kind, message, status, code, requestId, details, retryable) {
  return new TruedyError({ kind, message, status, code, requestId, details, retryable });
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
