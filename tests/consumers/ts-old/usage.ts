// TypeScript 5.1 cannot read the package's declarations (they need esnext.disposable, 5.2+):
// the package sends it to declarations whose every export says so. This must NOT compile,
// and the error must name what to do.
import init, { TruedyClient } from "truedy-client";

await init();
const client = new TruedyClient({ baseUrl: "https://api.truedy.ai/api/public/v1" });
void client;
