// CPU cost of the package's data work next to plain JavaScript that gives the same output, in
// one headless Chromium page. Six rows, each timed against its baseline in the same run:
//
//   normalize      10,000 seed-000 list items -> canonical calls. Baseline: normalize000
//                  below (seed 000's fields, the package's rules for them, `raw` = the input).
//                  Client: normalizeCalls(raws) if the package has it, else raws.map(normalizeCall).
//   transcript     formatTranscript of 10,000 turns, style plain. Baseline: `Agent: text` lines.
//   csv            callsToCsv of 10,000 calls, default columns. Baseline: a CSV writer with the
//                  package's quoting, `'` formula prefix, number format and CRLF rows.
//   summary        summarizeCalls of 10,000 calls. Baseline: the same summary object.
//   groups         summarizeCalls(calls, { groupBy: "hour", timeZone: "America/New_York" }).
//                  Baseline: the same groups, the offsets from Intl as the package's host
//                  finds them (a day at a time, by quarter hour on a day with a change),
//                  and the summary above per group.
//   listAllCalls   10,000 seed-000 calls, 100 pages of 100, no added latency, concurrency 6.
//                  Baseline: fetch page 1, then the other 99 with 6 requests in flight,
//                  JSON.parse each body, normalize000 each call, concatenate in order.
//
// Data: two truedy-mock servers with 10,000 calls each. `--shape 000` feeds rows 1 and 5;
// `--shape mixed` (every dialect, so summaries, sentiments, credits, `to` numbers and text
// transcripts all occur) feeds rows 2-4 through one listAllCalls outside the timing.
// Before timing, each row checks once that baseline and client give the same output (deep
// equality, `raw` included; string equality for text). Medians of REPS runs after a warm-up,
// baseline and client interleaved (which goes first alternates); a run of the transcript and
// summary rows is the mean of several calls in a row (see `rows`). Target: client / baseline at
// most the row's bar. Not a test: it prints figures and never fails on them.
import { startMock, openPage } from "./harness.mjs";

const CALLS = 10000;
const TURNS = 10000;
const REPS = 7;
const [callCount, turnCount] = [CALLS, TURNS].map((n) => n.toLocaleString("en"));
const ROWS = [ // [key, title, target ratio client / baseline]
  ["normalize", `normalize ${callCount} seed-000 calls`, 8],
  ["transcript", `formatTranscript, ${turnCount} turns, plain`, 5],
  ["csv", `callsToCsv, ${callCount} calls, default columns`, 2.5],
  ["summary", `summarizeCalls, ${callCount} calls`, 2],
  ["groups", `summarizeCalls by hour in a time zone, ${callCount} calls`, 2],
  ["listAll", `listAllCalls, ${callCount} calls, latency 0, concurrency 6`, 1.25],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs in the page: defines the plain-JavaScript baselines as `window.baseline`. */
function installBaselines() {
  // Status and direction words, compared after trimming, lower-casing and `-`/space -> `_`.
  const words = (table) => new Map(Object.entries(table).flatMap(([to, ws]) => ws.split(" ").map((w) => [w, to])));
  const STATUS = words({ queued: "queued initiated", ringing: "ringing", in_progress: "in_progress ongoing",
    ended: "ended completed user_hangup agent_hangup inactivity error_inactivity voicemail",
    failed: "failed busy no_answer error", cancelled: "cancelled canceled" });
  const DIRECTION = words({ outbound: "outbound outgoing", inbound: "inbound incoming", webrtc: "webrtc web_call web" });
  const AGENT = new Set(["agent", "assistant", "bot", "ai"]);
  const CONTACT = new Set(["contact", "user", "customer", "caller", "human"]);
  const fold = (w) => w.trim().toLowerCase().replace(/[- ]/g, "_");
  const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

  // A non-blank string as sent; a finite number (or decimal string), non-negative, -0 as 0.
  const text = (v) => (typeof v === "string" && v.trim() !== "" ? v : null);
  const nonNegative = (v) => {
    const n = typeof v === "number" ? v : typeof v === "string" && /^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(v) ? Number(v) : NaN;
    return Number.isFinite(n) && n >= 0 ? n + 0 : null;
  };

  // Times: unix milliseconds (numbers, digit strings) or ISO 8601 -> ISO UTC; `...SS[.fff]Z`
  // comes back unchanged, other ISO forms are shifted to UTC with their digits of seconds kept.
  const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:([Tt ])(\d\d):(\d\d)(?::(\d\d)([.,]\d+)?)?(Z|z|[+-]\d\d(?::?(?:\d\d)?)?)?)?$/;
  const pad = (n, w = 2) => String(n).padStart(w, "0");
  const fromMs = (ms) => ((ms = Math.floor(ms)) >= -62167219200000 && ms <= 253402300799999 ? new Date(ms).toISOString() : null);
  function time(v) {
    if (typeof v === "number") return Number.isFinite(v) ? fromMs(v) : null;
    if (typeof v !== "string") return null;
    const s = v.trim();
    if (/^\d+$/.test(s)) return s.length > 15 ? null : fromMs(Number(s));
    const m = ISO.exec(s);
    if (!m) return null;
    const [, y, mo, d, sep, h = "00", mi = "00", sec, frac = "", zone] = m;
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const days = +mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(+mo) ? 30 : 31;
    if (+mo < 1 || +mo > 12 || +d < 1 || +d > days || +h > 23 || +mi > 59 || +(sec ?? 0) > 60) return null;
    if (sec !== undefined && sep === "T" && zone === "Z" && frac[0] !== ",") return s;
    const [oh, om] = zone && zone.length > 1 ? [+zone.slice(1, 3), +(zone.slice(3).replace(":", "") || 0)] : [0, 0];
    if (oh > 23 || om > 59) return null;
    const t = new Date(0);
    t.setUTCFullYear(+y, +mo - 1, +d);
    t.setUTCHours(+h, +mi - (zone?.[0] === "-" ? -1 : 1) * (oh * 60 + om));
    const year = t.getUTCFullYear();
    if (year < 0 || year > 9999) return null;
    return `${pad(year, 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${sec ?? "00"}${frac.replace(",", ".")}Z`;
  }

  // Seed 000's turns {speaker, text, timestamp}: known speaker words -> agent/contact.
  function turns(v) {
    if (!Array.isArray(v)) return null;
    const out = [];
    for (const t of v) {
      if (!isObject(t) || typeof t.text !== "string") continue;
      const who = text(t.speaker);
      const word = who?.trim().toLowerCase();
      const speaker = who === null ? "unknown" : AGENT.has(word) ? "agent" : CONTACT.has(word) ? "contact" : who;
      out.push({ speaker, text: t.text, timestamp: nonNegative(t.timestamp) });
    }
    return out;
  }

  // Seed 000's hyphenated failure words -> snake_case; others as sent.
  const REASONS = new Set(["no_answer", "busy", "invalid_number", "agent_error", "voicemail", "error"]);
  const reason = (r) => (r !== null && REASONS.has(fold(r)) ? fold(r) : r);
  // A signed URL's `expires=` (unix seconds) -> ISO UTC.
  const expiry = (url) => {
    const m = url === null ? null : /[?&]expires=(\d{1,11})(?:[&#]|$)/i.exec(url);
    return m === null ? null : new Date(Number(m[1]) * 1000).toISOString();
  };

  // A seed-000 list item -> the canonical Call, fields in the package's order. Fields seed 000
  // never sends (to_number, type, updated_at, summary, cost_credits, context, ...) are null.
  function normalize000(raw) {
    const statusDetail = text(raw.status);
    const status = statusDetail === null ? "unknown" : STATUS.get(statusDetail) ?? STATUS.get(fold(statusDetail)) ?? "unknown";
    const dir = text(raw.direction);
    const direction = dir === null ? null : DIRECTION.get(dir) ?? DIRECTION.get(fold(dir)) ?? "unknown";
    const fromNumber = text(raw.from_number);
    const duration = nonNegative(raw.duration_seconds);
    const cents = nonNegative(raw.cost_cents);
    const id = typeof raw.id === "string" ? raw.id : Number.isSafeInteger(raw.id) ? String(raw.id) : "";
    return {
      id, status, statusDetail, isTerminal: status === "ended" || status === "failed" || status === "cancelled",
      direction, callType: null, agentId: text(raw.agent_id),
      phoneNumber: text(raw.phone_number) ?? (direction === "inbound" ? fromNumber : null),
      fromNumber, toNumber: null,
      createdAt: time(raw.created_at), startedAt: time(raw.started_at), endedAt: time(raw.ended_at), updatedAt: null,
      durationSeconds: duration, costUsd: cents === null ? null : cents / 100, costCredits: null,
      outcome: text(raw.outcome), summary: null, shortSummary: null, sentiment: null,
      failureReason: reason(text(raw.failure_reason)), failureMessage: null,
      recordingUrl: text(raw.recording_url), recordingExpiresAt: expiry(text(raw.recording_url)), transcriptUrl: null,
      transcript: turns(raw.transcript), variables: isObject(raw.variables) ? { ...raw.variables } : null,
      extractedVariables: null, context: null, latency: null, raw,
    };
  }

  // Plain transcript: `Agent: text` lines joined by "\n" (other speakers capitalized).
  const label = (s) => {
    const w = s.trim();
    const l = w.toLowerCase();
    if (l === "agent" || l === "contact") return l === "agent" ? "Agent" : "Contact";
    const first = w === "" ? "" : String.fromCodePoint(w.codePointAt(0));
    return w === "" ? "Unknown" : (first.toUpperCase() + w.slice(first.length)).replace(/\p{Cc}/gu, " ");
  };
  const formatPlain = (ts) => ts.map((t) => `${label(t.speaker)}: ${t.text}`).join("\n");

  // CSV: the package's default columns; text cells get a `'` when they could start a formula
  // (unless a signed number such as +14155551234) and quotes when they hold , " CR or LF.
  const COLUMNS = ["id", "status", "statusDetail", "direction", "agentId", "phoneNumber", "fromNumber", "toNumber",
    "createdAt", "startedAt", "endedAt", "durationSeconds", "costUsd", "costCredits", "outcome", "sentiment",
    "failureReason", "summary"];
  const NUMBERS = new Set(["durationSeconds", "costUsd", "costCredits"]);
  const cell = (s) => {
    const c = s.charCodeAt(0);
    const formula = (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) && !/^[+-](?=.*\d)\d*\.?\d*$/s.test(s);
    const t = formula ? "'" + s : s;
    return /[,"\r\n]/.test(s) ? `"${t.replaceAll('"', '""')}"` : t;
  };
  // Up to 9 decimals, trailing zeros dropped, never "-0".
  const num = (x) => {
    if (x === null || !Number.isFinite(x)) return "";
    if (Number.isInteger(x) && Math.abs(x) < 1e21) return String(x);
    const s = x.toFixed(9).replace(/\.?0+$/, "");
    return s === "-0" ? "0" : s;
  };
  function toCsv(calls) {
    const rows = [COLUMNS.map(cell).join(",")];
    for (const call of calls) rows.push(COLUMNS.map((k) => (NUMBERS.has(k) ? num(call[k]) : call[k] == null ? "" : cell(call[k]))).join(","));
    return rows.join("\r\n") + "\r\n";
  }

  // Summary: counts (keys sorted), sums in call order, means, nearest-rank p50/p90.
  function summarize(calls) {
    const byStatus = {}, byOutcome = {}, byDirection = {}, durations = [];
    let totalCostUsd = 0, costs = 0, totalDurationSeconds = 0, costCreditsTotal = 0;
    for (const c of calls) {
      byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
      const d = c.direction ?? "unknown";
      byDirection[d] = (byDirection[d] ?? 0) + 1;
      const o = c.outcome?.trim();
      if (o) byOutcome[o] = (byOutcome[o] ?? 0) + 1;
      if (Number.isFinite(c.costUsd)) {
        totalCostUsd += c.costUsd;
        costs++;
      }
      if (Number.isFinite(c.costCredits)) costCreditsTotal += c.costCredits;
      if (Number.isFinite(c.durationSeconds) && c.durationSeconds >= 0) {
        totalDurationSeconds += c.durationSeconds;
        durations.push(c.durationSeconds);
      }
    }
    durations.sort((a, b) => a - b);
    const n = durations.length;
    const rank = (p) => (n ? durations[Math.max(1, Math.floor((p * n + 99) / 100)) - 1] : null);
    const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { count: calls.length, byStatus: sorted(byStatus), byOutcome: sorted(byOutcome), byDirection: sorted(byDirection),
      totalCostUsd, meanCostUsd: costs ? totalCostUsd / costs : null, totalDurationSeconds,
      meanDurationSeconds: n ? totalDurationSeconds / n : null, p50DurationSeconds: rank(50), p90DurationSeconds: rank(90),
      costCreditsTotal };
  }

  // Groups by local hour: "YYYY-MM-DDTHH:00:00" + offset, oldest first, keyless last.
  function groupByHour(calls, timeZone) {
    const format = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    const lookup = (ms) => {
      const p = Object.fromEntries(format.formatToParts(ms).map((x) => [x.type, x.value]));
      return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000) / 60000);
    };
    const days = new Map(), quarters = new Map();
    const offsetAt = (ms) => {
      const day = Math.floor(ms / 86400000);
      if (!days.has(day)) {
        const first = lookup(day * 86400000);
        days.set(day, first === lookup((day + 1) * 86400000 - 900000) ? first : null);
      }
      const whole = days.get(day);
      if (whole !== null) return whole;
      const q = Math.floor(ms / 900000);
      if (!quarters.has(q)) quarters.set(q, lookup(q * 900000));
      return quarters.get(q);
    };
    const pad = (n) => String(n).padStart(2, "0");
    const groups = new Map();
    const keyless = [];
    for (const c of calls) {
      const utc = c.createdAt ? Date.parse(c.createdAt) : NaN;
      if (Number.isNaN(utc)) { keyless.push(c); continue; }
      const offset = offsetAt(utc);
      const local = utc + offset * 60000;
      const start = local - (((local % 3600000) + 3600000) % 3600000);
      const zone = offset === 0 ? "Z" : `${offset < 0 ? "-" : "+"}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
      const key = new Date(start).toISOString().slice(0, 19) + zone;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { rank: start - offset * 60000, calls: [] }));
      g.calls.push(c);
    }
    const out = [...groups].sort((a, b) => a[1].rank - b[1].rank).map(([key, g]) => ({ key, summary: summarize(g.calls) }));
    if (keyless.length) out.push({ key: null, summary: summarize(keyless) });
    return out;
  }

  // Every call of a seed-000 listing: page 1 alone (it tells meta.total), then the other pages
  // with `concurrency` requests in flight; JSON.parse, normalize000, concatenated in order.
  async function listAll(apiUrl, concurrency) {
    const page = async (offset) => {
      const res = await fetch(`${apiUrl}/calls?limit=100&offset=${offset}`, { headers: { Accept: "application/json" } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return JSON.parse(await res.text());
    };
    const first = await page(0);
    const pages = [first.data.map(normalize000)];
    const offsets = [];
    for (let o = 100; o < first.meta.total; o += 100) offsets.push(o);
    let next = 0;
    const worker = async () => {
      while (next < offsets.length) {
        const i = next++;
        pages[i + 1] = (await page(offsets[i])).data.map(normalize000);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return pages.flat();
  }

  // The first difference between two values (deep; key order ignored), or null.
  function difference(a, b, path = "") {
    if (a === b) return null;
    if (typeof a === "string" && typeof b === "string") {
      let i = 0;
      while (a[i] === b[i]) i++;
      return `${path || "text"} differs at index ${i}: baseline ${JSON.stringify(a.slice(i, i + 40))}, client ${JSON.stringify(b.slice(i, i + 40))}`;
    }
    if (!isObject(a) && !Array.isArray(a) || !isObject(b) && !Array.isArray(b) || Array.isArray(a) !== Array.isArray(b))
      return `${path || "value"}: baseline ${JSON.stringify(a)?.slice(0, 80)}, client ${JSON.stringify(b)?.slice(0, 80)}`;
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const p = Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`;
      if (!(k in a) || !(k in b)) return `${p}: only in the ${k in a ? "baseline" : "client"}`;
      const d = difference(a[k], b[k], p);
      if (d) return d;
    }
    return null;
  }

  window.baseline = { normalize000, formatPlain, toCsv, summarize, groupByHour, listAll, difference };
}

const [mock000, mockMixed] = await Promise.all([
  startMock(["--calls", String(CALLS), "--shape", "000"]),
  startMock(["--calls", String(CALLS), "--shape", "mixed"]),
]);
const { page, close } = await openPage();
try {
  const browser = `Chromium ${page.context().browser().version()} headless`;
  await page.evaluate(installBaselines);
  const result = await page.evaluate(
    async ({ api000, apiMixed, reps, turnCount }) => {
      const t = window.truedy;
      const b = window.baseline;
      const client000 = new t.TruedyClient({ baseUrl: api000 });
      const clientMixed = new t.TruedyClient({ baseUrl: apiMixed });

      // Inputs, outside the timing: seed-000 list items as JSON.parse makes them, and the
      // client's canonical calls of the mixed listing with the first 10,000 of their turns.
      const raws = [];
      for (let offset = 0; ; offset += 100) {
        const body = JSON.parse(await (await fetch(`${api000}/calls?limit=100&offset=${offset}`)).text());
        raws.push(...body.data);
        if (offset + 100 >= body.meta.total) break;
      }
      const calls = await clientMixed.listAllCalls({}, { concurrency: 6 });
      const turns = calls.flatMap((c) => c.transcript ?? []).slice(0, turnCount);
      const normalizeAll = t.normalizeCalls ?? ((xs) => xs.map((x) => t.normalizeCall(x)));

      // [baseline, client, calls per sample]: the rows that take a few milliseconds are timed
      // over several calls in a row, so that the timer's resolution (0.1 ms in a page that is
      // not cross-origin isolated) does not decide their ratio.
      const rows = {
        normalize: [() => raws.map(b.normalize000), () => normalizeAll(raws), 1],
        transcript: [() => b.formatPlain(turns), () => t.formatTranscript(turns), 20],
        csv: [() => b.toCsv(calls), () => t.callsToCsv(calls), 1],
        summary: [() => b.summarize(calls), () => t.summarizeCalls(calls), 10],
        groups: [() => b.groupByHour(calls, "America/New_York"), () => t.summarizeCalls(calls, { groupBy: "hour", timeZone: "America/New_York" }), 5],
        listAll: [() => b.listAll(api000, 6), () => client000.listAllCalls({}, { concurrency: 6 }), 1],
      };
      const out = { inputs: { raws: raws.length, calls: calls.length, turns: turns.length }, same: {}, runs: {} };
      for (const [name, [base, client, inner]] of Object.entries(rows)) {
        // The check doubles as the warm-up.
        const diff = b.difference(await base(), await client());
        out.same[name] = diff === null ? "yes" : `NO, ${diff}`;
        const runs = { baseline: [], client: [] };
        for (let rep = 0; rep < reps; rep++) {
          const order = rep % 2 ? ["client", "baseline"] : ["baseline", "client"];
          for (const who of order) {
            const work = who === "baseline" ? base : client;
            const start = performance.now();
            for (let i = 0; i < inner; i++) await work();
            runs[who].push((performance.now() - start) / inner);
          }
        }
        out.runs[name] = runs;
      }
      return out;
    },
    { api000: mock000.apiUrl, apiMixed: mockMixed.apiUrl, reps: REPS, turnCount: TURNS },
  );

  const inputs = result.inputs;
  console.log(`cpu: ${browser}, one page; ${inputs.raws} seed-000 items, ${inputs.calls} mixed-dialect calls, ${inputs.turns} turns; ` +
    `median of ${REPS} runs after a warm-up, baseline and client interleaved`);
  const width = Math.max(...ROWS.map(([, title]) => title.length));
  for (const [name, title, target] of ROWS) {
    const base = median(result.runs[name].baseline);
    const client = median(result.runs[name].client);
    const ratio = client / base;
    console.log(
      `  ${title.padEnd(width)}  baseline ${base.toFixed(1).padStart(7)} ms  client ${client.toFixed(1).padStart(7)} ms  ` +
        `${ratio.toFixed(2).padStart(6)}x  target <= ${target}x: ${ratio <= target ? "meets " : "MISSES"}  same output: ${result.same[name]}`,
    );
  }
  const rounded = Object.fromEntries(Object.entries(result.runs).map(([k, v]) =>
    [k, { baseline: v.baseline.map((x) => +x.toFixed(1)), client: v.client.map((x) => +x.toFixed(1)) }]));
  console.log(`  runs (ms): ${JSON.stringify(rounded)}`);
} finally {
  await close();
  mock000.stop();
  mockMixed.stop();
}
