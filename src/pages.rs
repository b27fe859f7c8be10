//! `listAllCalls`: every page of a listing, fetched concurrently once the total is known.
//! The plan (offsets, `max`, order, duplicates) is the core's `paging`; this file runs it.
//! Each page crosses to JavaScript once (codes the host builds its calls from, each call's
//! `raw` the object of the host's own parse of the body), and the result is put together by
//! the host in one call.

use std::cell::RefCell;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::Poll;

use js_sys::{Array, Function, Promise};
use truedy_core::endpoint::{self, Packing};
use truedy_core::normalize::page_view;
use truedy_core::ops::Ops;
use truedy_core::paging::{PageInfo, Progress, Walk};
use truedy_core::request::ListCallsParams;
use truedy_core::response::undecodable_body;
use truedy_core::{Error, Result};
use wasm_bindgen::prelude::*;
use web_sys::{AbortController, AbortSignal};

use crate::client::TruedyClient;
use crate::drift::{self, Drift};
use crate::js::{built, call_quietly, pick_calls, promise, Tape};
use crate::options::{core_options, ListAllCallsOptions};
use crate::transport::{either_signal, Reply, Transport};

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
        #[wasm_bindgen(unchecked_optional_param_type = "ListCallsParams | null")] params: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ListAllCallsOptions")] options: JsValue,
    ) -> Promise {
        let transport = self.transport.clone();
        let walker = Walker::new(transport.clone(), self.drift.clone(), &params, &options);
        promise(async move { transport.redacted(walker?.run().await) })
    }
}

/// Where a call is kept: (page number, index in the page).
type Place = (u32, u32);

/// One `listAllCalls`: the plan, the pages received, the shared signal, the first failure.
struct Walker {
    transport: std::rc::Rc<Transport>,
    drift: Option<Drift>,
    /// The plan; each call is kept as its place.
    walk: RefCell<Walk<Place>>,
    /// The calls of each page received, as the host's arrays, by page number.
    pages: RefCell<Vec<JsValue>>,
    concurrency: u32,
    on_progress: Option<Function>,
    /// Aborted on the first failure, so the other pages in flight stop at once.
    stopper: AbortController,
    /// The caller's signal and the stopper's, combined.
    signal: AbortSignal,
    /// The first failure; the others are the aborts it causes.
    failure: RefCell<Option<Error>>,
}

impl Walker {
    /// Reads and checks everything before the first request.
    fn new(
        transport: std::rc::Rc<Transport>,
        drift: Option<Drift>,
        params: &JsValue,
        options: &JsValue,
    ) -> Result<Self> {
        let params = core_options::<ListCallsParams>(params, "params")?
            .in_vocabulary(transport.status_vocabulary());
        let options = ListAllCallsOptions::read(options)?;
        let settings = options.walk.check()?;
        let walk = Walk::new(&params, settings.max)?;
        let stopper = AbortController::new().map_err(|_| {
            Error::invalid("this runtime has no AbortController (Node 20.3+ is needed)")
        })?;
        let signal = either_signal(options.request.signal.as_ref(), &stopper.signal());
        Ok(Walker {
            transport,
            drift,
            walk: RefCell::new(walk),
            pages: RefCell::new(Vec::new()),
            concurrency: settings.concurrency,
            on_progress: options.on_progress,
            stopper,
            signal,
            failure: RefCell::new(None),
        })
    }

    async fn run(self) -> Result<JsValue> {
        if self.signal.aborted() {
            return Err(Error::Aborted);
        }
        // The first page alone: it tells the total. Then the pool; without a total, the plan
        // hands out one page at a time and the other workers end at once.
        if let Some(first) = self.start().await {
            let reply = first.reply.await;
            self.process(first.offset, reply);
        }
        join_all((0..self.concurrency).map(|_| self.work()).collect()).await;
        if let Some(error) = self.failure.into_inner() {
            return Err(error);
        }
        let picks: Vec<u32> = self
            .walk
            .into_inner()
            .finish()
            .into_iter()
            .flat_map(|(page, index)| [page, index])
            .collect();
        let pages: Array = self.pages.into_inner().into_iter().collect();
        Ok(pick_calls(&pages, &picks))
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
        let request = endpoint::list_page(page.query);
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
        let recorded = reply
            .and_then(|reply| self.receive(reply))
            .and_then(|(info, ids)| self.walk.borrow_mut().record(offset, info, ids));
        match recorded {
            Ok(progress) => {
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

    /// Decodes a page, keeps its calls as one host array, and gives what the plan needs:
    /// the paging fields and each call's id with its place.
    fn receive(&self, reply: Reply) -> Result<(PageInfo, Vec<(String, Place)>)> {
        let Some(tape) = Tape::of_body(&reply.body, Packing::Page)? else {
            let text = reply.body.as_string().unwrap_or_default();
            return Err(undecodable_body(reply.status, &text, reply.request_id));
        };
        let tree = tape.tree()?;
        let page = page_view(tree.root()).map_err(|e| e.with_request_id(reply.request_id))?;
        let info = PageInfo {
            total: page.total,
            limit: page.limit,
            has_more: page.has_more,
        };
        let mut ops = Ops::default();
        for call in &page.data {
            ops.call(call);
        }
        let calls = built(&ops, &tape.bases, false);
        drift::report(self.drift.as_ref(), &calls);
        let mut pages = self.pages.borrow_mut();
        let number = u32::try_from(pages.len()).unwrap_or(u32::MAX);
        pages.push(calls);
        let ids = (0u32..)
            .zip(&page.data)
            .map(|(index, call)| (call.id.as_str().to_owned(), (number, index)))
            .collect();
        Ok((info, ids))
    }

    /// Calls `onProgress`; what it throws or rejects with is ignored.
    fn report(&self, progress: Progress) {
        if let Some(callback) = &self.on_progress {
            let total = progress.total.map_or(JsValue::NULL, JsValue::from);
            call_quietly(callback, &JsValue::from(progress.loaded), &total);
        }
    }
}

/// A page whose request has been sent.
struct InFlight<'a> {
    offset: u32,
    reply: Pin<Box<dyn Future<Output = Result<Reply>> + 'a>>,
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
