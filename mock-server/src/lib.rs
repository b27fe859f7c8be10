//! `truedy-mock`: a local HTTP simulator of the Truedy Calls API.
//!
//! Seeded data, a call lifecycle over time, every documented payload dialect, fault injection,
//! CORS and optional bearer auth. See the crate README for the full contract.

pub mod control;
pub mod cors;
pub mod data;
pub mod dialect;
pub mod faults;
pub mod filter;
pub mod lifecycle;
pub mod log;
pub mod model;
pub mod mutate;
pub mod one_call;
pub mod pipeline;
pub mod render;
pub mod respond;
pub mod routes;
pub mod text;
pub mod time;
pub mod vocab;

use axum::Router;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::task::JoinHandle;

pub use dialect::Shape;

/// The API's path prefix.
pub const API_PREFIX: &str = "/api/public/v1";

/// Everything the command line can set.
#[derive(Clone, Debug)]
pub struct Config {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Number of seeded calls.
    pub calls: usize,
    /// Seed of the dataset.
    pub seed: u64,
    /// When set, `/api/public/v1` requires `Authorization: Bearer <key>`.
    pub api_key: Option<String>,
    /// Default dialect.
    pub shape: Shape,
    /// Milliseconds per lifecycle step of created calls.
    pub tick_ms: u64,
    /// Added to every API response.
    pub latency_ms: u64,
    /// When set, at most this many API requests a second (a token bucket holding as many):
    /// beyond it, 429 `rate_limited` with `Retry-After` and `retry-after-ms`.
    pub rate_limit: Option<u32>,
    /// When above 0, about this many calls are kept in flight (`--live`): each tick, new
    /// calls start until this many are queued, ringing or in progress.
    pub live: usize,
    /// No per-request line on stderr.
    pub quiet: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 8787,
            calls: 250,
            seed: 42,
            api_key: None,
            shape: Shape::S001,
            tick_ms: 1000,
            latency_ms: 0,
            rate_limit: None,
            live: 0,
            quiet: false,
        }
    }
}

/// Shared server state.
#[derive(Debug)]
pub struct AppState {
    pub config: Config,
    pub store: Mutex<data::Store>,
    pub faults: faults::FaultQueue,
    pub log: log::RequestLog,
    /// The `--rate-limit` bucket: tokens left and when it was last filled.
    pub bucket: Mutex<(f64, std::time::Instant)>,
    counter: AtomicU64,
}

impl AppState {
    /// Build the state, generating the seeded dataset.
    pub fn new(config: Config) -> Self {
        let store = data::Store::seeded(config.calls, config.seed);
        let tokens = f64::from(config.rate_limit.unwrap_or(0));
        AppState {
            config,
            store: Mutex::new(store),
            faults: faults::FaultQueue::default(),
            log: log::RequestLog::default(),
            bucket: Mutex::new((tokens, std::time::Instant::now())),
            counter: AtomicU64::new(0),
        }
    }

    /// Lock the store (a poisoned lock is still usable: the data is plain values).
    pub fn store(&self) -> MutexGuard<'_, data::Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes a token of the `--rate-limit` bucket: `Ok` with the whole tokens left when
    /// there was one (`None`: there is no limit), else how long until the next one.
    pub fn take_token(&self) -> Result<Option<u32>, std::time::Duration> {
        let Some(rate) = self.config.rate_limit.filter(|r| *r > 0) else {
            return Ok(None);
        };
        let rate = f64::from(rate);
        let mut bucket = self.bucket.lock().unwrap_or_else(|e| e.into_inner());
        let now = std::time::Instant::now();
        let refilled = bucket.0 + now.duration_since(bucket.1).as_secs_f64() * rate;
        *bucket = (refilled.min(rate), now);
        if bucket.0 >= 1.0 {
            bucket.0 -= 1.0;
            Ok(Some(bucket.0 as u32))
        } else {
            Err(std::time::Duration::from_secs_f64((1.0 - bucket.0) / rate))
        }
    }

    /// The next request id: `req_` + counter in hex.
    pub fn next_request_id(&self) -> String {
        format!(
            "req_{:08x}",
            self.counter.fetch_add(1, Ordering::Relaxed) + 1
        )
    }
}

/// The full router with its state.
pub fn app(config: Config) -> Router {
    router(Arc::new(AppState::new(config)))
}

/// `--live`: every tick, starts calls until `live` are in flight; ends with the server.
async fn call_center(state: std::sync::Weak<AppState>) {
    loop {
        let Some(s) = state.upgrade() else { return };
        let (live, tick_ms) = (s.config.live, s.config.tick_ms);
        {
            let now = time::now_ms();
            let mut store = s.store();
            // Calls are kept newest first, and created calls are newer than every seeded one.
            let flying = store
                .calls
                .iter()
                .take_while(|c| matches!(c.plan, model::Plan::Live { .. }))
                .filter(|c| lifecycle::in_flight(c, now, tick_ms))
                .count();
            for _ in flying..live {
                let call = data::live_call(&mut store, now);
                store.insert(call);
            }
        }
        drop(s);
        tokio::time::sleep(std::time::Duration::from_millis(tick_ms)).await;
    }
}

/// The router for an existing state.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .nest(API_PREFIX, routes::api())
        .merge(control::routes())
        .fallback(routes::fallback)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            pipeline::pipeline,
        ))
        .with_state(state)
}

/// Bind 127.0.0.1:`config.port` and serve in a background task (with `--live`'s call
/// center in another).
pub async fn serve(config: Config) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port)).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(AppState::new(config));
    if state.config.live > 0 {
        tokio::spawn(call_center(Arc::downgrade(&state)));
    }
    let app = router(state);
    let handle = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app).await {
            eprintln!("truedy-mock: server error: {e}");
        }
    });
    Ok((addr, handle))
}
