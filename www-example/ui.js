// Small DOM and formatting helpers shared by the dashboard modules. No package import here:
// app.js uses this module to report a package that failed to load.

export const $ = (id) => document.getElementById(id);

/** Creates an element. Text children become text nodes: server text never becomes markup. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.flat().filter((child) => child != null));
  return node;
}

export const STATUSES = ["queued", "ringing", "in_progress", "ended", "failed", "cancelled"];
export const statusLabel = (status) => {
  const words = (status ?? "unknown").replace("_", " ");
  return words[0].toUpperCase() + words.slice(1);
};

/** The coloured chip of a canonical status; the word the API sent goes in the tooltip. */
export function statusChip(status, detail) {
  const chip = el("span", { class: `chip status-${STATUSES.includes(status) ? status : "unknown"}`, text: statusLabel(status) });
  if (detail && detail !== status) chip.title = `sent as "${detail}"`;
  return chip;
}

const numberFormat = new Intl.NumberFormat();
export const count = (n) => numberFormat.format(n);
export const money = (usd) => (usd == null ? "—" : `$${usd.toFixed(2)}`);
export const cost = (call) => (call.costUsd != null ? money(call.costUsd) : call.costCredits != null ? `${call.costCredits} cr` : "—");
export function duration(seconds) {
  if (seconds == null) return "—";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mmss = `${Math.floor((s % 3600) / 60)}:${String(s % 60).padStart(2, "0")}`;
  return h ? `${h}:${mmss.padStart(5, "0")}` : mmss;
}
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const shortDateTime = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
export const when = (iso) => (iso ? dateTime.format(new Date(iso)) : "—");
/** A <time> element: the short local time as text, the full one as its tooltip, the ISO instant in `datetime`. */
export const timeEl = (iso) => (iso ? el("time", { datetime: iso, title: when(iso), text: shortDateTime.format(new Date(iso)) }) : "—");

/** True for an error that only says the user (or a newer request) cancelled the work. */
export const isAbort = (error) => error?.kind === "aborted" || error?.name === "AbortError";

/** A readable title and a detail line for any error; TruedyError fields when present. */
export function describeError(error) {
  const parts = [];
  if (error?.name === "TruedyError") {
    if (error.status) parts.push(`HTTP ${error.status}`);
    if (error.code) parts.push(error.code);
    if (!error.status) parts.push(`${error.kind} error`);
    if (error.requestId) parts.push(`request ${error.requestId}`);
    if (error.retryable) parts.push("may succeed if tried again");
  }
  return { message: error?.message || String(error), meta: parts.join(" · ") };
}

/** Shows the dismissible error banner: what failed, the message, status, code, request id. */
export function showError(context, error) {
  const { message, meta } = describeError(error);
  $("error-title").textContent = context;
  $("error-message").textContent = message;
  $("error-meta").textContent = meta;
  $("error-meta").hidden = !meta;
  $("error").hidden = false;
  console.error(context, error);
}

export function hideError() {
  $("error").hidden = true;
}

/** Saves text as a file through a temporary link. */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A string safe in a file name (server ids, filter values). */
export const fileSafe = (text) => String(text).replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 60);
