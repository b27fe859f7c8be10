// The call detail panel: fields, the transcript (formatTranscript's escaped html, the only
// markup inserted from server data), and downloads as txt, srt, vtt and csv.
import { formatTranscript, callsToCsv } from "../pkg/index.js";
import { $, el, statusChip, cost, duration, when, isAbort, showError, download, fileSafe } from "./ui.js";

export function createDetail(ctx) {
  let controller;
  let current = null; // { call, turns }

  const downloads = {
    txt: (turns) => [formatTranscript(turns, { style: "plain", labels: labels() }), "text/plain"],
    srt: (turns) => [formatTranscript(turns, { style: "srt", labels: labels() }), "application/x-subrip"],
    vtt: (turns) => [formatTranscript(turns, { style: "vtt", labels: labels() }), "text/vtt"],
  };
  for (const [ext, make] of Object.entries(downloads)) {
    $(`download-${ext}`).addEventListener("click", () => {
      const [text, type] = make(current.turns);
      download(`transcript-${fileSafe(current.call.id)}.${ext}`, text, type);
    });
  }
  $("download-csv").addEventListener("click", () => {
    download(`call-${fileSafe(current.call.id)}.csv`, callsToCsv([current.call]), "text/csv");
  });
  $("detail-close").addEventListener("click", () => {
    close();
    ctx.onClose?.();
  });

  /** The agent's name from the simulator's list, so transcripts read "Aria:" not "Agent:". */
  function labels() {
    const agent = ctx.agents?.find((a) => a.id === current?.call.agentId);
    return agent ? { agent: agent.name } : undefined;
  }

  /** Opens a call by id (fetched) or as an object already in hand (e.g. from waitForCall). */
  async function open(idOrCall) {
    controller?.abort();
    const mine = (controller = new AbortController());
    const id = typeof idOrCall === "string" ? idOrCall : idOrCall.id;
    $("detail-empty").hidden = true;
    $("detail-body").hidden = false;
    for (const ext of ["txt", "srt", "vtt", "csv"]) $(`download-${ext}`).disabled = true;
    $("detail").classList.add("busy");
    $("detail").setAttribute("aria-busy", "true");
    try {
      const call = typeof idOrCall === "string" ? await ctx.client.getCall(id, { signal: mine.signal }) : idOrCall;
      renderCall(call);
      await renderTranscript(call, mine.signal);
    } catch (error) {
      if (isAbort(error) || mine.signal.aborted) return;
      close();
      showError(`Could not open call ${id}`, error);
    } finally {
      if (controller === mine) {
        $("detail").classList.remove("busy");
        $("detail").setAttribute("aria-busy", "false");
      }
    }
  }

  function close() {
    controller?.abort();
    current = null;
    $("detail-body").hidden = true;
    $("detail-empty").hidden = false;
  }

  function renderCall(call) {
    current = { call, turns: [] };
    $("download-csv").disabled = false;
    $("detail-title").textContent = call.phoneNumber ?? call.toNumber ?? (call.direction === "webrtc" ? "Web call" : "Call");
    $("detail-id").textContent = call.id;
    $("detail-status").replaceChildren(statusChip(call.status, call.statusDetail),
      call.statusDetail && call.statusDetail !== call.status ? el("span", { class: "muted", text: ` ${call.statusDetail}` }) : "");
    const variables = Object.entries(call.variables ?? {}).map(([k, v]) => `${k} = ${v}`).join(", ");
    const fields = [
      ["Agent", ctx.agentName(call.agentId)], ["Direction", call.direction], ["From", call.fromNumber],
      ["To", call.toNumber ?? call.phoneNumber], ["Created", when(call.createdAt)], ["Started", when(call.startedAt)],
      ["Ended", when(call.endedAt)], ["Duration", duration(call.durationSeconds)], ["Cost", cost(call)],
      ["Outcome", call.outcome], ["Sentiment", call.sentiment], ["Failure", call.failureReason],
      ["Provider message", call.failureMessage], ["Variables", variables],
      ["Recording", call.recordingUrl ? `available${call.recordingExpiresAt ? ` until ${when(call.recordingExpiresAt)}` : ""}` : null],
    ];
    $("detail-fields").replaceChildren(...fields.filter(([, v]) => v && v !== "—")
      .flatMap(([label, value]) => [el("dt", { text: label }), el("dd", { text: value })]));
    const summary = call.summary ?? call.shortSummary;
    $("detail-summary").textContent = summary ?? "";
    $("detail-summary").hidden = !summary;
  }

  async function renderTranscript(call, signal) {
    const box = $("transcript");
    let turns = call.transcript ?? [];
    if (!turns.length && call.isTerminal) {
      box.replaceChildren(el("p", { class: "muted", text: "Loading the transcript…" }));
      try {
        turns = (await ctx.client.getTranscript(call.id, { signal })).turns ?? [];
      } catch (error) {
        if (isAbort(error) || signal.aborted) throw error;
        if (error.status !== 404) showError("Could not load the transcript", error);
      }
    }
    current.turns = turns;
    for (const ext of ["txt", "srt", "vtt"]) $(`download-${ext}`).disabled = !turns.length;
    if (turns.length) {
      // formatTranscript escapes every piece of text: this is the page's only innerHTML.
      box.innerHTML = formatTranscript(turns, { style: "html", labels: labels() });
    } else {
      const why = !call.isTerminal ? "The call is still going: the transcript comes after it ends."
        : call.status === "ended" ? "No transcript for this call (not ready yet, or transcription was off)."
        : "No transcript: the call never connected.";
      box.replaceChildren(el("p", { class: "muted", text: why }));
    }
  }

  return { open, close };
}
