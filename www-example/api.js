// The client and where it points. Page parameters:
//   ?api=   the API base URL (default: a local truedy-mock)
//   ?key=   an API key (for the simulator and internal tools: a key in a browser is public)
//   ?fault= sent as X-Mock-Fault on every request (tests use it to provoke server errors)
import init, { TruedyClient } from "../pkg/index.js";

const DEFAULT_API = "http://127.0.0.1:8787/api/public/v1";

const query = new URLSearchParams(location.search);
export const config = {
  baseUrl: query.get("api") || DEFAULT_API,
  apiKey: query.get("key") || undefined,
  fault: query.get("fault") || undefined,
};

/** Loads the WebAssembly module and creates the client. Throws a readable error. */
export async function connect() {
  await init();
  return new TruedyClient({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    headers: config.fault ? { "X-Mock-Fault": config.fault } : undefined,
  });
}

/**
 * The simulator's agents ({ id, name, company, from_number }[]) when the API is a local
 * truedy-mock, else null. Only loopback hosts are asked: a real API never sees the probe.
 */
export async function simulatorAgents() {
  let origin;
  try {
    origin = new URL(config.baseUrl, location.href);
  } catch {
    return null;
  }
  if (!["127.0.0.1", "localhost", "[::1]"].includes(origin.hostname)) return null;
  try {
    const response = await fetch(`${origin.origin}/__agents`, { signal: AbortSignal.timeout(3000) });
    const body = response.ok ? await response.json() : null;
    return Array.isArray(body?.agents) ? body.agents : null;
  } catch {
    return null;
  }
}
