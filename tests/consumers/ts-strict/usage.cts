// CommonJS TypeScript (a .cts file compiles to require()): the package must type-check when a
// CommonJS module imports it, as Node 20.19+ runs require() of an ES module without top-level
// await. Under module node16.
import truedy = require("truedy-client");

export async function report(baseUrl: string, apiKey?: string, signal?: AbortSignal): Promise<string> {
  await truedy.default();
  const client = new truedy.TruedyClient({ baseUrl, apiKey });
  const page: truedy.CallPage = await client.listCalls({ limit: 10, status: undefined }, { signal });
  const calls: readonly truedy.Call[] = page.data;
  const summary = truedy.summarizeCalls(calls);
  const firstTurns: readonly truedy.TranscriptTurn[] = calls[0]?.transcript ?? [];
  try {
    await client.getCall("missing", { signal });
  } catch (error) {
    if (!(error instanceof truedy.TruedyError) || error.status !== 404) throw error;
  }
  return [
    truedy.normalizeStatus("ongoing").status,
    truedy.callsToCsv(calls, { columns: ["id", "status"] }),
    truedy.formatTranscript(firstTurns, { style: "plain" }),
    `${summary.count} calls`,
  ].join("\n");
}
