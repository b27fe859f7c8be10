//! `truedy-mock`: command line, startup line, run until Ctrl-C.

use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;
use truedy_mock::{serve, Config, Shape};

const HELP: &str = "\
truedy-mock: a local HTTP simulator of the Truedy Calls API (/api/public/v1).

USAGE:
    truedy-mock [OPTIONS]

OPTIONS:
    --port PORT         Port on 127.0.0.1 (default 8787; 0 picks a free port). The first line on
                        stdout is always `truedy-mock listening on http://127.0.0.1:PORT`.
    --calls N           Number of seeded calls (default 250).
    --seed S            Seed of the deterministic dataset (default 42).
    --api-key KEY       Require `Authorization: Bearer KEY` on /api/public/v1 (401 otherwise).
                        Without it, no auth check.
    --shape SHAPE       Payload dialect: 000, 001, 002, 003, 004 or mixed (default 001).
                        Per request: query `__shape=...` or header `X-Mock-Shape`.
                        000..004 are strict, mixed is lenient: see DIALECTS below.
    --tick-ms T         Lifecycle step of created calls in ms (default 1000): queued, ringing,
                        in progress, terminal at 3 ticks, transcript at 4 ticks.
    --latency-ms L      Delay added to every API response in ms (default 0).
    --rate-limit R      At most R API requests a second (a bucket of R tokens); beyond it,
                        429 rate_limited with Retry-After and retry-after-ms (default: none).
    --live N            A call center: keep about N calls queued, ringing or in progress at
                        all times; each tick, new calls start as others end (default 0: off).
                        Most are answered and talk 3 to 20 ticks; some are busy, unanswered,
                        in voicemail or fail; a third are inbound.
    --quiet             Do not log one line per request to stderr.
    -h, --help          Print this help.

Faults: header `X-Mock-Fault` or query `__fault` (e.g. `status=429,retry_after=1`), or queued
with POST /__faults. Control endpoints: /__health, /__requests, /__faults, /__agents, /__reset.
Magic destination numbers for POST /calls end in 0002 busy, 0003 no answer, 0004 never ends,
0005 no transcript, 0006 voicemail, 0007 provider error, 0008 invalid number.
See mock-server/README.md.

DIALECTS:
    000..004 are strict: a call object has only the fields its seed page documents, and
    GET /calls accepts only the `status` / `direction` words the page documents for its list
    filter: one word, exact case. Any other value is 422 validation_error whose message names
    the allowed words (details.allowed). A shape with no such filter refuses the parameter.
    A word matches the calls that shape writes with exactly that word.

    000  fields id, status, direction, agent_id, phone_number, from_number, duration_seconds,
         transcript, recording_url, cost_cents, outcome, variables, failure_reason
         (busy|no-answer|invalid-number|agent-error, failed calls only), started_at, ended_at,
         created_at. Filter and limits as 002.
    001  fields id, agent_id, phone_number, from_number, direction, status, started_at,
         ended_at, duration_seconds, cost_usd, summary, recording_url, context (failed calls:
         context.last_error), created_at, updated_at. No transcript: GET /calls/{id}/transcript.
         status queued|ringing|in_progress|completed|failed|no_answer|busy|voicemail,
         direction inbound|outbound; limit default 50, max 100.
    002  fields id, agent_id, direction, created_at, status, duration_seconds, cost_cents,
         outcome, transcript, recording_url.
         status queued|ringing|in-progress|ended|failed|cancelled,
         direction outbound|inbound|webrtc; limit default 20, max 100.
    003  fields id, agent_id, phone_number, from_number, to_number, direction, status,
         duration_seconds, cost_usd, summary, short_summary, recording_url, transcript,
         sentiment, started_at, ended_at, created_at, updated_at.
         status queued|ringing|in_progress|completed|failed, no direction filter;
         limit default 50, max 100.
    004  fields id, type, status, agent_id, account_id, from_number, to_number, direction,
         start_timestamp, duration_ms, latency, cost; GET /calls/{id} (and create, update)
         add transcript, recording_url, summary, detected_gender, vars_provided,
         vars_extracted. No status or direction filter; limit default 50, max 100.
    mixed  each call in its own strict dialect, in 001's list envelope; the filter is
         lenient: any dialect's word, any case, comma-separated lists; limit default 50.
";

fn value<T: std::str::FromStr>(flag: &str, v: Option<String>) -> Result<T, String> {
    let v = v.ok_or_else(|| format!("{flag} needs a value"))?;
    v.parse()
        .map_err(|_| format!("invalid value for {flag}: `{v}`"))
}

enum Parsed {
    Run(Config),
    Help,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Parsed, String> {
    let mut c = Config::default();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut next = || inline.clone().or_else(|| args.next());
        match flag.as_str() {
            "-h" | "--help" => return Ok(Parsed::Help),
            "--port" => c.port = value(&flag, next())?,
            "--calls" => c.calls = value(&flag, next())?,
            "--seed" => c.seed = value(&flag, next())?,
            "--api-key" => {
                c.api_key = Some(value::<String>(&flag, next())?).filter(|k| !k.is_empty())
            }
            "--shape" => {
                let v: String = value(&flag, next())?;
                c.shape = Shape::parse(&v).ok_or_else(|| {
                    format!("invalid --shape `{v}`: use 000, 001, 002, 003, 004 or mixed")
                })?;
            }
            "--tick-ms" => c.tick_ms = value::<u64>(&flag, next())?.max(1),
            "--latency-ms" => c.latency_ms = value(&flag, next())?,
            "--rate-limit" => c.rate_limit = Some(value::<u32>(&flag, next())?.max(1)),
            "--live" => c.live = value(&flag, next())?,
            "--quiet" => c.quiet = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Parsed::Run(c))
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Parsed::Run(c)) => c,
        Ok(Parsed::Help) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("truedy-mock: {e}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    let (calls, shape) = (config.calls, config.shape.name());
    let t0 = Instant::now();
    let (addr, server) = match serve(config).await {
        Ok(x) => x,
        Err(e) => {
            eprintln!("truedy-mock: cannot listen: {e}");
            return ExitCode::FAILURE;
        }
    };
    let load_ms = t0.elapsed().as_millis();
    let mut out = std::io::stdout();
    let _ = writeln!(out, "truedy-mock listening on http://{addr}");
    let _ = out.flush();
    eprintln!("truedy-mock: {calls} calls loaded in {load_ms} ms, shape {shape}");
    tokio::select! {
        _ = server => ExitCode::FAILURE,
        _ = tokio::signal::ctrl_c() => ExitCode::SUCCESS,
    }
}
