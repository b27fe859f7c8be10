// Shared by the benchmarks: the test harness's page and simulator, with the simulator's
// release build (the benchmarks measure the client, not a debug server).
import { openPage, startMock as startAnyMock } from "../tests/e2e/harness.mjs";

export { openPage };

/** Starts target/release/truedy-mock with `args` on a free port: { origin, apiUrl, stop }. */
export const startMock = (args = []) => startAnyMock(args, "release");
