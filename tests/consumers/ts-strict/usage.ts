// Strict TypeScript that uses every export of truedy-client as an app would, compiled (not
// run) under each tsconfig.*.json: the declarations must resolve and type-check in an ESM
// project under moduleResolution bundler, node16 and nodenext, and in a Node project whose
// globals come from @types/node instead of the DOM lib (nodenext-no-dom); always with strict,
// exactOptionalPropertyTypes, noUncheckedIndexedAccess and skipLibCheck: false. It passes
// readonly arrays where the functions only read, and options whose optional members are
// explicitly `undefined` (the runtime treats `undefined` as absent everywhere).
import init, {
  TruedyClient,
  TruedyError,
  callsToCsv,
  callsToNdjson,
  formatTranscript,
  initSync,
  normalizeCall,
  normalizeCalls,
  normalizeStatus,
  summarizeCalls,
} from "truedy-client";
import type {
  BulkDeleteResult,
  Call,
  CallChanges,
  CallGroup,
  CallPage,
  CallStatus,
  CallSummary,
  ClientOptions,
  CsvOptions,
  DriftEvent,
  FormatOptions,
  ListCallsParams,
  StatusInfo,
  Transcript,
  TranscriptStyle,
  TranscriptTurn,
  TruedyErrorKind,
} from "truedy-client";

/** What a settings form gives: every field may be missing, and so may be `undefined`. */
export interface Settings {
  apiKey?: string | undefined;
  baseUrl?: string | undefined;
  headers?: Record<string, string> | undefined;
  vocabulary?: "openapi" | "hyphenated" | undefined;
  logDrift?: boolean | undefined;
}

export const drift: DriftEvent[] = [];

/** Initialises the wasm (from bytes the host already has, or the package's own file). */
export async function connect(settings: Settings, wasm?: Uint8Array): Promise<TruedyClient> {
  if (wasm) initSync({ module: wasm });
  else await init();
  const options: ClientOptions = {
    apiKey: settings.apiKey,
    baseUrl: settings.baseUrl,
    headers: settings.headers,
    statusVocabulary: settings.vocabulary,
    maxRetries: 2,
    timeoutMs: undefined,
    onDrift: settings.logDrift ? (event) => void drift.push(event) : undefined,
  };
  return new TruedyClient(options);
}

/** One page for a table, filtered by a status the user may not have picked. */
export async function table(client: TruedyClient, status?: CallStatus, signal?: AbortSignal): Promise<string[]> {
  const params: ListCallsParams = { status, direction: undefined, limit: 25, offset: undefined };
  const page: CallPage = await client.listCalls(params, { signal });
  const first: Call | undefined = page.data[0];
  const header = first ? `${first.id}: ${first.status}${first.isTerminal ? " (done)" : ""}` : "no calls";
  return [header, ...page.data.map((call) => `${call.id} ${call.durationSeconds ?? "-"} s`)];
}

/** Everything after a date, exported three ways, with a summary. */
export async function exportCalls(client: TruedyClient, since: string, signal?: AbortSignal,
  progress?: (loaded: number, total: number | null) => void) {
  const calls: readonly Call[] = await client.listAllCalls(
    { createdAfter: since, limit: 100 },
    { concurrency: 4, max: undefined, signal, onProgress: progress },
  );
  // Column names are a union of Call's field names.
  const columns = ["id", "status", "createdAt", "durationSeconds", "costUsd"] as const;
  const csvOptions: CsvOptions = { columns };
  const summary: CallSummary = summarizeCalls(calls);
  const p90: number | null = summary.p90DurationSeconds;
  return {
    csv: callsToCsv(calls, csvOptions),
    defaultCsv: callsToCsv(calls, { columns: undefined }),
    ndjson: callsToNdjson(calls),
    summary: `${summary.count} calls, ${summary.byStatus["ended"] ?? 0} ended, p90 ${p90 ?? "n/a"} s`,
  };
}

/** Calls per agent per day, and a live panel's updates: the overloads under every resolution. */
export async function liveAndGrouped(client: TruedyClient, calls: readonly Call[], signal: AbortSignal) {
  const days: CallGroup[] = summarizeCalls(calls, { groupBy: "day", timeZone: "Europe/Paris" });
  const flat: CallSummary = summarizeCalls(calls, { groupBy: undefined });
  const watching: Promise<void> = client.watchCalls({ status: ["ringing", "in_progress"] }, {
    signal, onChange: (changes: CallChanges) => void changes.ended.length,
  });
  for await (const { added } of client.watchCalls(undefined, { intervalMs: 5000, signal })) {
    if (added.length) break;
  }
  return { days: days.map((d) => d.key ?? "no date"), flat: flat.count, watching };
}

/** Failed calls, page by page, stopping early. */
export async function firstFailures(client: TruedyClient, wanted: number, signal?: AbortSignal): Promise<Call[]> {
  const found: Call[] = [];
  for await (const call of client.iterCalls({ status: "failed", limit: undefined }, { signal })) {
    found.push(call);
    if (found.length >= wanted) break;
  }
  return found;
}

export interface Placement {
  agentId: string;
  phoneNumber: string;
  fromNumber?: string | undefined;
  variables?: Record<string, string | number | boolean> | undefined;
  greeting?: string | undefined;
  priority?: string | undefined;
  idempotencyKey?: string | undefined;
  verbose?: boolean | undefined;
}

/** Places a call, waits for it to end with its transcript, and formats the transcript. */
export async function placeAndWait(client: TruedyClient, placement: Placement, signal?: AbortSignal): Promise<string> {
  const { agentId, phoneNumber, fromNumber, variables, greeting, priority, idempotencyKey } = placement;
  const created = await client.createCall(
    {
      agentId,
      phoneNumber,
      fromNumber,
      variables,
      callSettings: greeting === undefined ? undefined : { recordingEnabled: true, greeting, maxDuration: "600s" },
    },
    { idempotencyKey, signal },
  );
  await client.updateCall(created.id, {
    context: priority === undefined ? undefined : { priority },
    callSettings: { transcriptionEnabled: undefined },
  }, { signal });
  const done = await client.waitForCall(created.id, {
    intervalMs: 500,
    maxIntervalMs: undefined,
    timeoutMs: 15 * 60_000,
    waitForTranscript: true,
    onUpdate: placement.verbose ? (call) => console.log(call.status, call.statusDetail ?? "") : undefined,
    signal,
  });
  const transcript: Transcript = await client.getTranscript(done.id, { signal });
  const turns: readonly TranscriptTurn[] = done.transcript ?? transcript.turns;
  const style: TranscriptStyle = "vtt";
  const format: FormatOptions = { style, labels: { agent: "Aria", contact: undefined }, mergeConsecutive: undefined };
  const recording: string | null = await client.getRecordingUrl(done.id, { signal });
  return `${formatTranscript(turns, format)}\n${formatTranscript(turns)}\n${recording ?? "no recording"}`;
}

/** Deletes what it can; tells a 404 from the rest. */
export async function cleanUp(client: TruedyClient, ids: readonly string[], signal?: AbortSignal): Promise<number> {
  const result: BulkDeleteResult = await client.bulkDeleteCalls(ids, { signal });
  const last = ids[ids.length - 1];
  if (last !== undefined) {
    try {
      await client.deleteCall(last, { signal });
      const again: Call = await client.getCall(last, { signal });
      console.log(again.id);
    } catch (error) {
      if (!(error instanceof TruedyError)) throw error;
      const kind: TruedyErrorKind = error.kind;
      const status: number | undefined = error.status;
      if (kind === "http" && status === 404) console.log(`gone (${error.code ?? "no code"}, ${error.requestId ?? "no id"})`);
      else console.error(error.name, error.message, error.retryable, error.details);
    }
  }
  client.free();
  return result.deletedCount;
}

/** Webhook payloads, normalized without a client. */
export function fromWebhooks(payloads: readonly unknown[]): Call[] {
  const one: Call = normalizeCall(payloads[0] ?? {}, { onDrift: undefined });
  const info: StatusInfo = normalizeStatus(one.statusDetail ?? "unknown");
  const all: Call[] = normalizeCalls(payloads, { onDrift: (event) => console.warn(event.kind, event.value, event.callId) });
  return info.isTerminal ? all : [one];
}

/** A client scoped to a block (`using` calls `[Symbol.dispose]`, which frees it). */
export async function scoped(settings: Settings): Promise<number> {
  using client = await connect(settings);
  return (await client.listCalls()).data.length;
}

/** An error built by hand (a test double for a failed response), as the package builds them. */
export function httpError(status: number, body?: { code?: string; requestId?: string; details?: unknown }): TruedyError {
  return new TruedyError({
    kind: "http",
    message: `HTTP ${status}`,
    status,
    code: body?.code,
    requestId: body?.requestId,
    details: body?.details,
    retryable: status === 429 || status >= 500,
  });
}
