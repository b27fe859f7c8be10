//! `listAllCalls`: every page of a listing, fetched concurrently once the total is known.
//! The plan (offsets, `max`, order, duplicates) is `crate::paging`; this file runs it.

use std::cell::RefCell;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;

use gloo_net::http::Method;
use js_sys::{Array, Function, Promise, Reflect};
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, AbortSignal};

use super::client::{json_body, TruedyClient};
use super::convert::{from_ts, function_option, number_option, promise, signal_of, to_js};
use crate::error::{Error, Result};
use crate::normalize::normalize_page;
use crate::paging::{PageInfo, Progress, Walk, WalkOptions};
use crate::request::ListCallsParams;
use crate::transport::{either_signal, ApiRequest, Reply, Transport};

#[wasm_bindgen(typescript_custom_section)]
const LIST_ALL_CALLS_OPTIONS: &str = r#"
/** Options of `listAllCalls`. */
export interface ListAllCallsOptions extends RequestOptions {
  /**
   * Pages in flight at most once the first page has told the total: a whole number from 1
   * to 16. Default 4. Browsers open at most 6 connections per host over HTTP/1.1.
   */
  concurrency?: number;
  /**
   * Stop after this many calls (a whole number of at least 1). Pages beyond what it needs are
   * never requested; the last one is asked for with a smaller `limit`.
   */
  max?: number;
  /**
   * Called after each page, in the order pages complete: `loaded` distinct calls so far (at
   * most `max`), and `total` the calls the walk expects (the server's total minus the starting
   * offset, at most `max`), or `null` while the server gives no total. Not awaited; if it
   * throws, the error is ignored and the walk goes on (as for `waitForCall`'s `onUpdate`).
   */
  onProgress?: (loaded: number, total: number | null) => void;
}
"#;

#[wasm_bindgen]
impl TruedyClient {
    /// Lists every call matching `params`, in order (newest first), each call once.
    ///
    /// Fetches the first page (`limit` calls, default 100, from `offset`, default 0); once it
    /// tells the total, fetches the other pages with at most `concurrency` requests in flight.
    /// Without a total it follows `hasMore` one page at a time. A call created during the walk
    /// shifts the listing; calls that appear twice are kept once. With `max`, stops there.
    ///
    /// Rejects with a `TruedyError`: `invalid_argument` for bad params or options (nothing is
    /// sent), `aborted` when `signal` fires (every page in flight is cancelled, no other is
    /// sent), or the first page error (the pages still in flight are cancelled).
    ///
    /// @example
    /// ```ts
    /// const calls = await client.listAllCalls(
    ///   { status: "ended", createdAfter: "2024-04-01T00:00:00Z" },
    ///   { concurrency: 4, onProgress: (loaded, total) => bar.update(loaded, total ?? loaded) },
    /// );
    /// ```
    #[wasm_bindgen(js_name = listAllCalls, unchecked_return_type = "Promise<Call[]>")]
    pub fn list_all_calls(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ListCallsParams | null")] params: Option<
            Ts<ListCallsParams>,
        >,
        #[wasm_bindgen(unchecked_optional_param_type = "ListAllCallsOptions")] options: Option<
            JsValue,
        >,
    ) -> Promise {
        let transport = self.transport.clone();
        promise(async move { Walker::new(&transport, params, &options)?.run().await })
    }
}

/// One `listAllCalls`: the plan, the shared signal, and the first failure.
struct Walker<'a> {
    transport: &'a Transport,
    walk: RefCell<Walk<JsValue>>,
    concurrency: u32,
    on_progress: Option<Function>,
    /// Aborted on the first failure, so the other pages in flight stop at once.
    stopper: AbortController,
    /// The caller's signal and the stopper's, combined.
    signal: AbortSignal,
    /// The first failure; the others are the aborts it causes.
    failure: RefCell<Option<Error>>,
}

impl<'a> Walker<'a> {
    fn new(
        transport: &'a Transport,
        params: Option<Ts<ListCallsParams>>,
        options: &Option<JsValue>,
    ) -> Result<Self> {
        let params = from_ts(params, "params")?;
        let user = signal_of(options)?;
        let settings = WalkOptions::new(
            number_option(options, "concurrency")?,
            number_option(options, "max")?,
        )?;
        let on_progress = function_option(options, "onProgress")?;
        let walk = Walk::new(&params, settings.max)?;
        let stopper = AbortController::new().map_err(|_| {
            Error::InvalidArgument(
                "this runtime has no AbortController (Node 20.3+ is needed)".into(),
            )
        })?;
        let signal = either_signal(user.as_ref(), &stopper.signal());
        Ok(Walker {
            transport,
            walk: RefCell::new(walk),
            concurrency: settings.concurrency,
            on_progress,
            stopper,
            signal,
            failure: RefCell::new(None),
        })
    }

    async fn run(self) -> Result<JsValue> {
        // The first page alone: it tells the total. Then the pool; without a total, the plan
        // hands out one page at a time and the other workers end at once.
        if let Some(first) = self.start().await {
            let reply = first.reply.await;
            self.process(first.offset, reply);
        }
        join_all((0..self.concurrency).map(|_| self.work()).collect()).await;
        match self.failure.into_inner() {
            Some(error) => Err(error),
            None => Ok(self
                .walk
                .into_inner()
                .finish()
                .into_iter()
                .collect::<Array>()
                .into()),
        }
    }

    /// One worker: fetches pages of the plan until there is none left or the walk stopped.
    /// When a page has arrived, the next request goes out before the page is processed, so
    /// the network is never idle while this thread turns JSON into calls.
    async fn work(&self) {
        let mut current = self.start().await;
        while let Some(page) = current {
            let reply = page.reply.await;
            if reply.is_err() {
                // Stops the walk: no request may follow a failed page.
                self.process(page.offset, reply);
                return;
            }
            let mut next = self.start().await;
            if !self.process(page.offset, reply) {
                return;
            }
            if next.is_none() {
                // Without a total the plan only knows the next page once this one is recorded.
                next = self.start().await;
            }
            current = next;
        }
    }

    /// Takes the next page of the plan and sends its request at once (the future is polled
    /// once here); `None` when there is none to fetch now or the walk has stopped.
    async fn start(&self) -> Option<InFlight<'_>> {
        if self.failure.borrow().is_some() {
            return None;
        }
        let page = self.walk.borrow_mut().next_page()?;
        let mut request = ApiRequest::new(Method::GET, "/calls".into());
        request.query = page.query;
        let mut reply: Pin<Box<dyn Future<Output = Result<Reply>> + '_>> =
            Box::pin(async move { self.transport.execute(&request, Some(&self.signal)).await });
        let mut early = None;
        poll_fn(|cx| {
            if let Poll::Ready(result) = reply.as_mut().poll(cx) {
                early = Some(result);
            }
            Poll::Ready(())
        })
        .await;
        if let Some(result) = early {
            reply = Box::pin(std::future::ready(result));
        }
        Some(InFlight {
            offset: page.offset,
            reply,
        })
    }

    /// Records a page's calls; on an error, stops the walk (the first error is the answer).
    fn process(&self, offset: u32, reply: Result<Reply>) -> bool {
        match reply.and_then(decode_page) {
            Ok((info, calls)) => {
                let progress = self.walk.borrow_mut().record(offset, info, calls);
                self.report(progress);
                true
            }
            Err(error) => {
                self.failure.borrow_mut().get_or_insert(error);
                self.stopper.abort();
                false
            }
        }
    }

    /// Calls `onProgress`; what it throws is ignored.
    fn report(&self, progress: Progress) {
        if let Some(callback) = &self.on_progress {
            let total = progress.total.map_or(JsValue::NULL, JsValue::from);
            let _ = callback.call2(&JsValue::UNDEFINED, &JsValue::from(progress.loaded), &total);
        }
    }
}

/// A page whose request has been sent.
struct InFlight<'a> {
    offset: u32,
    reply: Pin<Box<dyn Future<Output = Result<Reply>> + 'a>>,
}

/// A page's calls, normalized, as JS objects keyed by id. The page is converted in one piece
/// (one JSON text), and each call's `raw` is the object `JSON.parse` made from the response:
/// converting the Rust copy back would cost more than the rest of the call.
fn decode_page(reply: Reply) -> Result<(PageInfo, Vec<(String, JsValue)>)> {
    let mut received = received_calls(&reply.js).into_iter();
    let mut page = normalize_page(json_body(reply)?)?;
    let info = PageInfo::of(&page);
    let raws: Vec<_> = page
        .data
        .iter_mut()
        .map(|call| std::mem::take(&mut call.raw))
        .collect();
    let objects: Array = to_js(&page.data)?.unchecked_into();
    let mut calls = Vec::with_capacity(page.data.len());
    for (index, (call, raw)) in (0u32..).zip(page.data.into_iter().zip(raws)) {
        let js = objects.get(index);
        let raw = match received.next() {
            Some(original) => original,
            None => to_js(&raw)?,
        };
        Reflect::set(&js, &JsValue::from_str("raw"), &raw)
            .map_err(|_| Error::decode("could not set raw"))?;
        calls.push((call.id, js));
    }
    Ok((info, calls))
}

/// The objects among a page body's items (`data`, or the body itself when it is an array) as
/// `JSON.parse` made them: the calls `normalize_page` keeps, in the same order.
fn received_calls(body: &JsValue) -> Vec<JsValue> {
    let items = match Array::is_array(body) {
        true => body.clone(),
        false => Reflect::get(body, &JsValue::from_str("data")).unwrap_or_default(),
    };
    let is_call = |item: &JsValue| item.is_object() && !Array::is_array(item);
    items
        .dyn_into::<Array>()
        .map(|items| items.iter().filter(is_call).collect())
        .unwrap_or_default()
}

/// Runs `futures` side by side on this thread until all are done.
async fn join_all<F: Future<Output = ()>>(futures: Vec<F>) {
    let mut futures: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    poll_fn(|cx| {
        futures.retain_mut(|f| f.as_mut().poll(cx).is_pending());
        if futures.is_empty() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await
}
