// "Place a test call": createCall, then waitForCall with a live timeline of the statuses
// onUpdate reports, cancellable through an AbortController.
import { $, el, statusChip, isAbort, showError, hideError } from "./ui.js";

// The simulator decides the fate of a call by the last four digits of the number.
const SIMULATOR_NUMBERS = [
  ["+14155550123", "completes"], ["+14155550002", "busy"], ["+14155550003", "no answer"],
  ["+14155550006", "voicemail"], ["+14155550007", "error"], ["+14155550005", "no transcript"],
  ["+14155550004", "never ends"],
];
const WAIT_TIMEOUT_MS = 5 * 60_000;

export function createPlaceCall(ctx, { onDone }) {
  const card = $("place-card");
  const form = $("place-form");
  const timeline = $("timeline");
  let controller = null;

  if (ctx.agents) {
    $("place-agent").replaceWith(el("select", { id: "place-agent", name: "agent", required: true },
      ctx.agents.map((a) => el("option", { value: a.id, text: `${a.name} · ${a.company}` }))));
    $("place-numbers").replaceChildren(...SIMULATOR_NUMBERS.map(([number, fate]) =>
      el("button", { type: "button", class: "link", text: `…${number.slice(-4)} ${fate}`,
        onclick: () => { form.elements.phone.value = number; } })));
  }

  $("place-toggle").addEventListener("click", () => toggle(card.hidden));
  $("place-close").addEventListener("click", () => toggle(false));
  $("place-cancel").addEventListener("click", () => controller?.abort());
  card.addEventListener("keydown", (event) => { if (event.key === "Escape" && !controller) toggle(false); });

  function toggle(show) {
    card.hidden = !show;
    $("place-toggle").setAttribute("aria-expanded", String(show));
    if (show) form.elements.agent.focus();
    else $("place-toggle").focus();
  }

  function setRunning(running) {
    for (const field of form.querySelectorAll("input, select, button[type=submit]")) field.disabled = running;
    $("place-cancel").hidden = !running;
    card.classList.toggle("running", running);
  }

  const started = { at: 0 };
  /** One step of the timeline: a status chip (or a plain label) over the time since submit. */
  function step(content, kind, status) {
    const seconds = ((performance.now() - started.at) / 1000).toFixed(1);
    const label = typeof content === "string" ? el("span", { class: "step", text: content }) : content;
    timeline.append(el("li", { dataset: { kind, ...(status && { status }) } },
      label, el("span", { class: "t", text: `+${seconds}s` })));
  }
  const say = (text) => { $("place-status").textContent = text; };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const agentId = form.elements.agent.value.trim();
    const phoneNumber = form.elements.phone.value.trim();
    const firstName = form.elements.firstName.value.trim();
    controller = new AbortController();
    const { signal } = controller;
    timeline.replaceChildren();
    started.at = performance.now();
    setRunning(true);
    hideError();
    say("Placing the call…");
    let id = null;
    try {
      const call = await ctx.client.createCall(
        { agentId, phoneNumber, variables: firstName ? { first_name: firstName } : undefined },
        { signal });
      id = call.id;
      step("Created", "created");
      say(`Call ${call.id} placed: following its status…`);
      const done = await ctx.client.waitForCall(call.id, {
        signal, waitForTranscript: true, timeoutMs: WAIT_TIMEOUT_MS, intervalMs: 500, maxIntervalMs: 4000,
        onUpdate: (update) => {
          step(statusChip(update.status, update.statusDetail), "status", update.status);
          if (update.isTerminal && update.status === "ended") say("Call ended: waiting for the transcript…");
          else say(`Call ${update.status.replace("_", " ")}…`);
        },
      });
      const turns = done.transcript?.length ?? 0;
      if (turns) step(`Transcript: ${turns} turns`, "transcript");
      say(`Done: ${done.status.replace("_", " ")}${done.statusDetail && done.statusDetail !== done.status ? ` (${done.statusDetail})` : ""}${turns ? `, transcript of ${turns} turns` : ""}.`);
      onDone(done);
    } catch (error) {
      if (isAbort(error)) {
        step("Stopped watching", "stopped");
        say(id ? `Stopped watching call ${id}. The call itself goes on: the API cannot hang it up.` : "Cancelled while placing the call: the API may still have created it.");
      } else {
        say(`Failed: ${error.message}`);
        showError(id ? `Lost track of call ${id}` : "Could not place the call", error);
      }
    } finally {
      controller = null;
      setRunning(false);
    }
  });

  return { toggle };
}
