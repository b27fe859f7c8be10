// Compiled with strict tsc by scripts/test: the package's types must allow what a user
// writes and refuse what is wrong (each @ts-expect-error fails the build if it stops erroring).
import init, {
  TruedyClient,
  TruedyError,
  normalizeCall,
  normalizeCalls,
  normalizeStatus,
  type Call,
  type CallPage,
  type CallStatus,
  type StatusInfo,
  type Transcript,
  type BulkDeleteResult,
  type TruedyErrorKind,
  type CallSummary,
  formatTranscript,
  callsToCsv,
  summarizeCalls,
  callsToNdjson,
  type ListAllCallsOptions,
  type DriftEvent,
} from "../../pkg/index.js";

await init();

const client = new TruedyClient({ apiKey: "sk_test", baseUrl: "/api/truedy", headers: { "X-Team": "ops" } });
const proxied = new TruedyClient({ baseUrl: "https://dashboard.example/api/truedy", maxRetries: 0, timeoutMs: 5000 });
new TruedyClient();

const controller = new AbortController();
const page: CallPage = await client.listCalls({ status: "ended", agentId: "agt_1", limit: 20, offset: 40 }, { signal: controller.signal });
const total: number | null = page.total;
const hasMore: boolean = page.hasMore;
const first: Call | undefined = page.data[0];
if (first) {
  const status: CallStatus = first.status;
  const terminal: boolean = first.isTerminal;
  const seconds: number | null = first.durationSeconds;
  const speaker: string | undefined = first.transcript?.[0]?.speaker;
  const raw: unknown = first.raw;
  void [status, terminal, seconds, speaker, raw];
}

const firstPage: CallPage = await proxied.listCalls();
const call: Call = await proxied.getCall("call_1");
const transcript: Transcript = await client.getTranscript(call.id);
const summary: string | null = transcript.summary;
const url: string | null = await client.getRecordingUrl(call.id, { signal: controller.signal });
const created: Call = await client.createCall(
  { agentId: "agt_1", phoneNumber: "+14155550123", variables: { first_name: "Jane" }, callSettings: { recordingEnabled: true, maxDuration: "600s" } },
  { idempotencyKey: "8b7e6494-3839-49dc-9638-a1944fdd8cda" },
);
const updated: Call = await client.updateCall(created.id, { context: { priority: "high" } });
const nothing: void = await client.deleteCall(updated.id);
const bulk: BulkDeleteResult = await client.bulkDeleteCalls([created.id]);
const deleted: number = bulk.deletedCount;
const info: StatusInfo = normalizeStatus("user_hangup");
const normalized: Call = normalizeCall({ id: "x", status: "completed" });
const batch: readonly unknown[] = [{ id: "x" }, { data: { id: "y" } }];
const normalizedAll: Call[] = normalizeCalls(batch);
// @ts-expect-error: normalizeCalls takes an array
normalizeCalls({ id: "x" });

try {
  await client.getCall("missing");
} catch (e) {
  if (e instanceof TruedyError) {
    const kind: TruedyErrorKind = e.kind;
    const httpStatus: number | undefined = e.status;
    const retryable: boolean = e.retryable;
    const requestId: string | undefined = e.requestId;
    const message: string = e.message;
    void [kind, httpStatus, retryable, requestId, message];
  }
}

const vtt: string = formatTranscript(transcript.turns, { style: "vtt", labels: { agent: "Aria" }, mergeConsecutive: true });
const csv: string = callsToCsv(page.data, { columns: ["id", "status", "costUsd"] });
const stats: CallSummary = summarizeCalls(page.data);
const ended: number | undefined = stats.byStatus["ended"];
const p90: number | null = stats.p90DurationSeconds;
// @ts-expect-error: unknown transcript style
formatTranscript(transcript.turns, { style: "pdf" });

// @ts-expect-error: status is a closed union of canonical words
const wrongStatus: CallStatus = "completed";
// @ts-expect-error: limit is a number
await client.listCalls({ limit: "20" });
// @ts-expect-error: createCall needs a phone number
await client.createCall({ agentId: "agt_1" });
// @ts-expect-error: unknown option
new TruedyClient({ apiKeyy: "typo" });
// @ts-expect-error: the page's data is Call[], not any
const notANumber: number = page.data;
// @ts-expect-error: the error kind is a closed union
const wrongKind: TruedyErrorKind = "oops";

void [firstPage, vtt, csv, ended, p90, total, hasMore, summary, url, nothing, deleted, info, normalized, normalizedAll, wrongStatus, notANumber, wrongKind];

// listAllCalls, iterCalls, callsToNdjson.
const allOptions: ListAllCallsOptions = {
  concurrency: 6,
  max: 500,
  signal: controller.signal,
  onProgress: (loaded: number, of: number | null) => void [loaded, of],
};
const everything: Call[] = await client.listAllCalls({ status: "ended", limit: 100 }, allOptions);
const defaults: Call[] = await client.listAllCalls();
for await (const each of client.iterCalls({ status: "failed" }, { signal: controller.signal })) {
  const id: string = each.id;
  void id;
  break;
}
const iterator: AsyncIterableIterator<Call> = client.iterCalls();
const lines: string = callsToNdjson(everything);
// @ts-expect-error: concurrency is a number
await client.listAllCalls({}, { concurrency: "4" });
// @ts-expect-error: onProgress is given numbers
await client.listAllCalls(null, { onProgress: (loaded: string) => void loaded });
// @ts-expect-error: iterCalls takes list params
client.iterCalls({ limit: "all" });
for await (const each of client.iterCalls()) {
  // @ts-expect-error: iterCalls yields Call objects
  const wrong: number = each;
  void wrong;
}
// @ts-expect-error: callsToNdjson takes calls
callsToNdjson("not calls");

void [defaults, iterator, lines];

// One meaning per field: status vocabulary, drift reports, failure fields, updateCall's limits.
const drifts: DriftEvent[] = [];
const strict = new TruedyClient({
  statusVocabulary: "hyphenated",
  onDrift: (event) => {
    const kind: "status" | "direction" | "field" = event.kind;
    drifts.push(event);
    void [kind, event.value.length, event.callId.length];
  },
});
await strict.listCalls({ status: "in_progress" });
await strict.listCalls({ status: "no_answer" }); // any other word is sent as given
const why: string | null = normalized.failureReason;
const message: string | null = normalized.failureMessage;
const expires: string | null = normalized.recordingExpiresAt;
normalizeCalls(batch, { onDrift: (event: DriftEvent) => drifts.push(event) });
await client.updateCall("c1", { callSettings: { recordingEnabled: false, transcriptionEnabled: true } });
// @ts-expect-error: the vocabularies are "openapi" and "hyphenated"
new TruedyClient({ statusVocabulary: "snake" });
// @ts-expect-error: onDrift is given a DriftEvent
new TruedyClient({ onDrift: (event: string) => void event });
// @ts-expect-error: updateCall cannot change the greeting
await client.updateCall("c1", { callSettings: { greeting: "Hi" } });
// @ts-expect-error: updateCall cannot change the status
await client.updateCall("c1", { status: "ended" });

void [why, message, expires];

// SDK conventions: a custom fetch, logging, and the response on errors.
const logged: string[] = [];
const observed = new TruedyClient({
  fetch: (url, init) => fetch(url, init),
  logLevel: "debug",
  logger: { warn: (line) => logged.push(line), error: (line) => logged.push(line) },
});
try {
  await observed.listCalls({ limit: undefined, status: undefined }, { signal: undefined });
} catch (e) {
  if (e instanceof TruedyError) {
    const remaining: string | undefined = e.headers?.["x-ratelimit-remaining"];
    const wait: number | undefined = e.retryAfterMs;
    void [remaining, wait];
  }
}
// @ts-expect-error: the log levels are a closed union
new TruedyClient({ logLevel: "verbose" });
// @ts-expect-error: a CSV column is a Call field (not latency or raw)
callsToCsv(page.data, { columns: ["id", "latency"] });
// @ts-expect-error: byStatus is keyed by CallStatus
void stats.byStatus["completed"];

// summarizeCalls with groupBy: the overloads give an ordered list of groups.
import type { CallGroup, CallChanges, GroupBy, WatchCallsOptions } from "../../pkg/index.js";
const byDay: CallGroup[] = summarizeCalls(page.data, { groupBy: "day", timeZone: "Europe/Paris" });
const dayKey: string | null = byDay[0]?.summary.count ? byDay[0].key : null;
const flat: CallSummary = summarizeCalls(page.data, { timeZone: "UTC" });
const grouping: GroupBy = "outcome";
const either: CallSummary | CallGroup[] = summarizeCalls(page.data, { groupBy: grouping } as { groupBy?: GroupBy });
// @ts-expect-error: the groupings are a closed union
summarizeCalls(page.data, { groupBy: "week" });
// @ts-expect-error: a grouped summary is a list, not one summary
const notFlat: CallSummary = summarizeCalls(page.data, { groupBy: "agent" });

// watchCalls: a promise with onChange, an async iterator without.
const stopWatching = new AbortController();
const watching: Promise<void> = client.watchCalls(
  { status: ["ringing", "in_progress"], agentId: "agt_1" },
  {
    signal: stopWatching.signal,
    intervalMs: 500,
    waitForTranscript: true,
    onChange: ({ added, changed, ended, left, calls }: CallChanges) => {
      const all: Call[] = [...added, ...changed, ...ended, ...left, ...calls];
      void all;
    },
  },
);
for await (const change of client.watchCalls({ status: "in_progress" }, { timeoutMs: 60_000 })) {
  const ids: string[] = change.ended.map((c) => c.id);
  void ids;
  break;
}
const watchOptions: WatchCallsOptions = { maxIntervalMs: 2000, timeoutMs: undefined };
const iterating: AsyncIterableIterator<CallChanges> = client.watchCalls(null, { maxIntervalMs: watchOptions.maxIntervalMs });
// @ts-expect-error: onChange is given the changes, not a call
client.watchCalls(null, { onChange: (call: Call) => call.id });
// @ts-expect-error: the callback form is a promise, not an iterator
const notIterator: AsyncIterableIterator<CallChanges> = client.watchCalls(null, { onChange: () => {} });
// @ts-expect-error: statuses are strings
client.watchCalls({ status: [1] });
void [byDay, dayKey, flat, either, notFlat, watching, iterating, notIterator];
