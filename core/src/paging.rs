//! Walking every page of a listing (`listAllCalls`): which pages to ask for once the first
//! page has told the total, the page size and `max`, and how the pages go back together: in
//! offset order, each call once. Plain Rust; the facade sends the requests.
//!
//! - The first page is fetched alone. When it gives a `total`, the walk knows every offset
//!   it needs and hands them out to as many workers as the caller allows. Without a total it
//!   walks one page at a time while `hasMore` holds.
//! - Offsets advance by the server's page size (its `limit`, when smaller than the one asked
//!   for), never by the number of calls received: normalization drops items that are not
//!   objects, and the server's offsets count them.
//! - The API lists newest first, so a call created during the walk shifts every later call
//!   one offset down: the same call then shows up at the end of one page and the start of the
//!   next. Calls are kept once, at their first offset. A later page that reports a larger
//!   `total` extends the walk, so the calls pushed past the first page's total are still read.
//! - With `max`, only the pages that can hold the first `max` distinct calls are fetched, the
//!   last one with a smaller `limit`; a duplicate found on the way extends the range by one.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::format::number::decimal;
use crate::read::{FromJson, Members};
use crate::request::ListCallsParams;
use crate::tree::Node;

/// Page size when the params give no `limit`: the API's maximum.
pub const DEFAULT_PAGE_SIZE: u32 = 100;
/// Pages in flight when `concurrency` is not given.
pub const DEFAULT_CONCURRENCY: u32 = 4;
/// The largest `concurrency` accepted.
pub const MAX_CONCURRENCY: u32 = 16;
/// The most pages one walk requests (10 million calls at the API's page size): a server that
/// claims more, or never stops saying `has_more`, ends the walk with a `decode` error.
pub const MAX_PAGES: u32 = 100_000;

/// How `listAllCalls` walks the listing, as given.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase", default)
)]
pub struct WalkSettings {
    /// Pages in flight at most once the first page has told the total: a whole number from 1
    /// to 16. Default 4. Browsers open at most 6 connections per host over HTTP/1.1.
    pub concurrency: Option<f64>,
    /// Stop after this many calls (a whole number of at least 1). Pages beyond what it needs
    /// are never requested; the last one is asked for with a smaller `limit`.
    pub max: Option<f64>,
}

impl FromJson for WalkSettings {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        let m = Members::of(value, name)?;
        Ok(WalkSettings {
            concurrency: m.get("concurrency")?,
            max: m.get("max")?,
        })
    }
}

impl WalkSettings {
    /// Checks the settings; see [`WalkOptions::new`].
    pub fn check(self) -> Result<WalkOptions> {
        WalkOptions::new(self.concurrency, self.max)
    }
}

/// The checked options of `listAllCalls`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkOptions {
    /// Pages in flight at most, once the total is known: 1 to 16.
    pub concurrency: u32,
    /// Stop after this many calls.
    pub max: Option<u32>,
}

impl WalkOptions {
    /// Checks `concurrency` (a whole number from 1 to 16, default 4) and `max` (a whole number
    /// of at least 1; beyond `u32::MAX` it is `u32::MAX`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for anything else (fractions, `NaN`, infinities, 0).
    pub fn new(concurrency: Option<f64>, max: Option<f64>) -> Result<Self> {
        let whole = |x: f64, min: f64| x.fract() == 0.0 && x >= min;
        let concurrency = match concurrency {
            None => DEFAULT_CONCURRENCY,
            // Whole and in range, so the cast is exact.
            Some(c) if whole(c, 1.0) && c <= f64::from(MAX_CONCURRENCY) => c as u32,
            Some(_) => {
                return Err(invalid(
                    "options.concurrency must be a whole number from 1 to 16",
                ))
            }
        };
        let max = match max {
            None => None,
            // `as` saturates: a huge max means no limit in practice.
            Some(m) if whole(m, 1.0) => Some(m as u32),
            Some(_) => return Err(invalid("options.max must be a whole number of at least 1")),
        };
        Ok(WalkOptions { concurrency, max })
    }
}

fn invalid(message: &str) -> Error {
    Error::InvalidArgument(message.to_owned())
}

fn cannot_walk(reason: String) -> Error {
    Error::decode(["listAllCalls stopped: ", &reason].concat())
}

/// What the walk needs to know about a received page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// The server's `total`, when it gave one.
    pub total: Option<u32>,
    /// The page size the server applied, when it said.
    pub limit: Option<u32>,
    /// Whether the server says another page follows.
    pub has_more: bool,
}

/// One page to fetch: its offset, its `limit`, and the whole query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest {
    /// Calls skipped before this page.
    pub offset: u32,
    /// Page size asked for.
    pub limit: u32,
    /// The encoded query (filters, `limit`, `offset`), without `?`.
    pub query: String,
}

/// How far the walk has come, for `onProgress(loaded, total)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Distinct calls received so far (at most `max`).
    pub loaded: u32,
    /// Calls the walk expects to load: the server's total minus the starting offset, at most
    /// `max`; `None` while no total is known.
    pub total: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Nothing received yet.
    First,
    /// The largest total any page reported.
    Total(u32),
    /// No total: one page at a time, while `more`.
    Sequential { more: bool },
}

/// The plan and the calls received so far of one walk over a listing. `T` is what is kept
/// of each call (the facade keeps its JS object); each comes with its id.
#[derive(Debug)]
pub struct Walk<T> {
    /// The encoded filters, without `limit` and `offset`.
    filters: String,
    start: u32,
    /// The `limit` asked for (the caller's, at most `max`).
    size: u32,
    /// How far apart pages are: `size`, or the server's smaller page size.
    step: u32,
    max: Option<u32>,
    state: State,
    /// The next offset to hand out, once the first page is in.
    next: u32,
    in_flight: u32,
    /// The pages received, by offset, in offset order (pages mostly arrive in order, so
    /// keeping them sorted costs little).
    pages: Vec<(u32, Vec<(String, T)>)>,
    /// Every id received, with the offset of the page it first came in. (A map rather than
    /// a set: the summary's `BTreeMap<String, u32>` is already in the wasm, a set is 2 KB more.)
    seen: BTreeMap<String, u32>,
    /// Calls received, duplicates included.
    received: u32,
    /// Distinct calls received (a call without an id always counts as new).
    unique: u32,
}

impl<T> Walk<T> {
    /// Starts a walk over the listing `params` describe, from `params.offset` (default 0),
    /// `params.limit` calls a page (default 100, at most `max`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when a parameter is invalid (as for `listCalls`).
    pub fn new(params: &ListCallsParams, max: Option<u32>) -> Result<Self> {
        params.to_query()?;
        let filters = ListCallsParams {
            limit: None,
            offset: None,
            ..params.clone()
        }
        .to_query()?;
        // Both were checked by `to_query`: whole numbers in range, so the casts are exact.
        let limit = params.limit.map_or(DEFAULT_PAGE_SIZE, |l| l as u32);
        let size = max.map_or(limit, |m| limit.min(m));
        let start = params.offset.map_or(0, |o| o as u32);
        Ok(Walk {
            filters,
            start,
            size,
            step: size,
            max,
            state: State::First,
            next: start,
            in_flight: 0,
            pages: Vec::new(),
            seen: BTreeMap::new(),
            received: 0,
            unique: 0,
        })
    }

    /// The next page to fetch, or `None` when there is none to start now: the walk is
    /// complete, or (first page, no total) it waits for the page in flight.
    pub fn next_page(&mut self) -> Option<PageRequest> {
        let max_end = self.max.map(|max| {
            let duplicates = self.received - self.unique;
            self.start.saturating_add(max).saturating_add(duplicates)
        });
        let end = match self.state {
            State::First if self.in_flight == 0 => u32::MAX,
            State::Total(total) => total,
            State::Sequential { more: true } if self.in_flight == 0 => u32::MAX,
            _ => return None,
        };
        let end = max_end.map_or(end, |m| end.min(m));
        if self.next >= end {
            return None;
        }
        let offset = self.next;
        let limit = max_end.map_or(self.size, |m| self.size.min(m - offset));
        if self.state != State::First {
            // A smaller last page (for `max`) covers less than a step.
            self.next = offset.saturating_add(self.step.min(limit));
        }
        self.in_flight += 1;
        Some(PageRequest {
            offset,
            limit,
            query: self.query(offset, limit),
        })
    }

    fn query(&self, offset: u32, limit: u32) -> String {
        let mut query = String::with_capacity(self.filters.len() + 30);
        query.push_str(&self.filters);
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str("limit=");
        query.push_str(&decimal(limit));
        query.push_str("&offset=");
        query.push_str(&decimal(offset));
        query
    }

    /// Records the page fetched at `offset`, its calls with their ids, and returns the
    /// progress. Pages may arrive in any order.
    ///
    /// # Errors
    /// [`Error::Decode`] when the server cannot be walked to an end: its total needs more than
    /// [`MAX_PAGES`] pages (or, without a total, it says `has_more` for more than that), or a
    /// page that is not the plan's last comes back empty or with only calls already listed
    /// while the total says more (a total that lies, or a server that ignores `offset`).
    pub fn record(
        &mut self,
        offset: u32,
        info: PageInfo,
        calls: Vec<(String, T)>,
    ) -> Result<Progress> {
        self.in_flight = self.in_flight.saturating_sub(1);
        let mut fresh = 0u32;
        for (id, _) in &calls {
            self.received = self.received.saturating_add(1);
            if id.is_empty() {
                fresh += 1;
            } else if !self.seen.contains_key(id) {
                self.seen.insert(id.clone(), offset);
                fresh += 1;
            }
        }
        self.unique = self.unique.saturating_add(fresh);
        if self.state == State::First {
            if let Some(limit) = info.limit.filter(|&l| l > 0) {
                self.step = self.size.min(limit);
            }
            self.next = offset.saturating_add(self.step);
        }
        self.state = match (self.state, info.total) {
            (State::Total(known), total) => State::Total(total.map_or(known, |t| known.max(t))),
            (State::First, Some(total)) => State::Total(total),
            // A page that brings nothing new ends the walk: a server that ignores `offset`
            // and always says `has_more` would otherwise never stop.
            _ => State::Sequential {
                more: info.has_more && fresh > 0,
            },
        };
        self.check(offset, calls.len(), fresh)?;
        match self.pages.binary_search_by_key(&offset, |(at, _)| *at) {
            Ok(at) => {
                if let Some(page) = self.pages.get_mut(at) {
                    page.1 = calls;
                }
            }
            Err(at) => self.pages.insert(at, (offset, calls)),
        }
        Ok(self.progress())
    }

    /// Whether the walk can go on after the page at `offset` (`sent` calls, `fresh` of them
    /// new); see [`Walk::record`].
    fn check(&self, offset: u32, sent: usize, fresh: u32) -> Result<()> {
        let pages = u32::try_from(self.pages.len()).unwrap_or(u32::MAX);
        let State::Total(total) = self.state else {
            return match pages >= MAX_PAGES {
                true => Err(cannot_walk(
                    [
                        "the server said has_more for more than ",
                        &decimal(MAX_PAGES),
                        " pages",
                    ]
                    .concat(),
                )),
                false => Ok(()),
            };
        };
        let end = self
            .max
            .map_or(total, |m| total.min(self.start.saturating_add(m)));
        if end.saturating_sub(self.start).div_ceil(self.step.max(1)) > MAX_PAGES {
            return Err(cannot_walk(
                [
                    "the server's total of ",
                    &decimal(total),
                    " calls needs more than ",
                    &decimal(MAX_PAGES),
                    " pages; use iterCalls, or max",
                ]
                .concat(),
            ));
        }
        let not_last = offset.saturating_add(self.step) < end;
        let at = ["the page at offset ", &decimal(offset)].concat();
        let says = [" while the server's total says ", &decimal(total), " calls"].concat();
        if sent == 0 && not_last {
            return Err(cannot_walk([at.as_str(), " was empty", &says].concat()));
        }
        if sent > 0 && fresh == 0 && not_last {
            return Err(cannot_walk(
                [
                    at.as_str(),
                    " only repeated calls already listed",
                    &says,
                    " (does it ignore offset?)",
                ]
                .concat(),
            ));
        }
        Ok(())
    }

    /// How far the walk has come.
    pub fn progress(&self) -> Progress {
        let cap = |n: u32| self.max.map_or(n, |m| n.min(m));
        let total = match self.state {
            State::Total(total) => Some(cap(total.saturating_sub(self.start))),
            _ => None,
        };
        Progress {
            loaded: cap(self.unique),
            total,
        }
    }

    /// The calls in offset order, each id once (at its first offset), at most `max`.
    /// Calls without an id are all kept.
    pub fn finish(self) -> Vec<T> {
        let max = self.max.map_or(usize::MAX, |m| m as usize);
        let mut out = Vec::with_capacity((self.unique as usize).min(max));
        let mut seen = self.seen;
        seen.clear();
        for (id, call) in self.pages.into_iter().flat_map(|(_, calls)| calls) {
            if out.len() >= max {
                break;
            }
            if id.is_empty() || seen.insert(id, 0).is_none() {
                out.push(call);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(limit: Option<f64>, offset: Option<f64>) -> ListCallsParams {
        ListCallsParams {
            limit,
            offset,
            ..ListCallsParams::default()
        }
    }

    fn info(total: Option<u32>, limit: Option<u32>, has_more: bool) -> PageInfo {
        PageInfo {
            total,
            limit,
            has_more,
        }
    }

    /// Calls `ids` numbered from `from`: ("c0", 0), ("c1", 1), ...
    fn calls(from: u32, n: u32) -> Vec<(String, u32)> {
        (from..from + n).map(|i| (format!("c{i}"), i)).collect()
    }

    fn take_all<T>(walk: &mut Walk<T>) -> Vec<(u32, u32)> {
        std::iter::from_fn(|| walk.next_page())
            .map(|p| (p.offset, p.limit))
            .collect()
    }

    #[test]
    fn options_are_checked() {
        assert_eq!(
            WalkOptions::new(None, None).unwrap(),
            WalkOptions {
                concurrency: 4,
                max: None
            }
        );
        assert_eq!(
            WalkOptions::new(Some(16.0), Some(1.0)).unwrap(),
            WalkOptions {
                concurrency: 16,
                max: Some(1)
            }
        );
        assert_eq!(
            WalkOptions::new(Some(1.0), Some(1e12)).unwrap().max,
            Some(u32::MAX)
        );
        for bad in [0.0, 17.0, 2.5, -1.0, f64::NAN, f64::INFINITY] {
            let e = WalkOptions::new(Some(bad), None).unwrap_err();
            assert_eq!(e.kind(), "invalid_argument");
            assert!(e.to_string().contains("concurrency"), "{e}");
        }
        for bad in [0.0, -3.0, 1.5, f64::NAN, f64::INFINITY] {
            let e = WalkOptions::new(None, Some(bad)).unwrap_err();
            assert!(e.to_string().contains("max"), "{e}");
        }
    }

    #[test]
    fn bad_params_fail_before_any_page() {
        let e = Walk::<u32>::new(&params(Some(0.0), None), None).unwrap_err();
        assert_eq!(e.kind(), "invalid_argument");
        assert!(Walk::<u32>::new(&params(None, Some(-1.0)), None).is_err());
    }

    #[test]
    fn the_first_page_goes_alone_then_every_page_the_total_needs() {
        let mut walk = Walk::new(&params(None, None), None).unwrap();
        let first = walk.next_page().unwrap();
        assert_eq!((first.offset, first.limit), (0, 100));
        assert_eq!(first.query, "limit=100&offset=0");
        assert_eq!(
            walk.next_page(),
            None,
            "nothing else until the total is known"
        );
        let progress = walk
            .record(0, info(Some(250), Some(100), true), calls(0, 100))
            .expect("a page");
        assert_eq!(
            progress,
            Progress {
                loaded: 100,
                total: Some(250)
            }
        );
        assert_eq!(take_all(&mut walk), [(100, 100), (200, 100)]);
        assert_eq!(walk.next_page(), None);
    }

    #[test]
    fn filters_are_kept_in_every_query() {
        let p = ListCallsParams {
            status: Some("ended".into()),
            agent_id: Some("a b".into()),
            ..params(Some(50.0), Some(10.0))
        };
        let mut walk = Walk::<u32>::new(&p, None).unwrap();
        assert_eq!(
            walk.next_page().unwrap().query,
            "status=ended&agent_id=a%20b&limit=50&offset=10"
        );
        walk.record(10, info(Some(200), Some(50), true), calls(10, 50))
            .expect("a page");
        let second = walk.next_page().unwrap();
        assert_eq!(
            second.query,
            "status=ended&agent_id=a%20b&limit=50&offset=60"
        );
    }

    #[test]
    fn pages_come_back_in_offset_order_whatever_order_they_arrive_in() {
        let mut walk = Walk::new(&params(Some(10.0), None), None).unwrap();
        walk.next_page();
        walk.record(0, info(Some(40), Some(10), true), calls(0, 10))
            .expect("a page");
        assert_eq!(take_all(&mut walk), [(10, 10), (20, 10), (30, 10)]);
        walk.record(30, info(Some(40), Some(10), false), calls(30, 10))
            .expect("a page");
        walk.record(10, info(Some(40), Some(10), true), calls(10, 10))
            .expect("a page");
        let last = walk
            .record(20, info(Some(40), Some(10), true), calls(20, 10))
            .expect("a page");
        assert_eq!(
            last,
            Progress {
                loaded: 40,
                total: Some(40)
            }
        );
        assert_eq!(walk.finish(), (0..40).collect::<Vec<_>>());
    }

    #[test]
    fn a_call_shifted_onto_the_next_page_is_kept_once_at_its_first_offset() {
        let mut walk = Walk::new(&params(Some(3.0), None), None).unwrap();
        walk.next_page();
        walk.record(
            0,
            info(Some(6), Some(3), true),
            vec![("a".into(), 1), ("b".into(), 2), ("c".into(), 3)],
        )
        .expect("a page");
        assert_eq!(take_all(&mut walk), [(3, 3)]);
        // A call was created: everything moved one down, "c" comes again, total grew.
        let progress = walk
            .record(
                3,
                info(Some(7), Some(3), true),
                vec![("c".into(), 30), ("d".into(), 4), ("e".into(), 5)],
            )
            .expect("a page");
        assert_eq!(
            progress,
            Progress {
                loaded: 5,
                total: Some(7)
            }
        );
        assert_eq!(
            take_all(&mut walk),
            [(6, 3)],
            "the larger total extends the walk"
        );
        walk.record(6, info(Some(7), Some(3), false), vec![("f".into(), 6)])
            .expect("a page");
        assert_eq!(walk.next_page(), None);
        assert_eq!(walk.finish(), [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn calls_without_an_id_are_never_merged() {
        let mut walk = Walk::new(&params(None, None), None).unwrap();
        walk.next_page();
        let p = walk
            .record(
                0,
                info(Some(3), None, false),
                vec![(String::new(), 1), (String::new(), 2), ("x".into(), 3)],
            )
            .expect("a page");
        assert_eq!(p.loaded, 3);
        assert_eq!(walk.finish(), [1, 2, 3]);
    }

    #[test]
    fn max_fetches_only_the_pages_it_needs_with_a_smaller_last_page() {
        let mut walk = Walk::new(&params(Some(50.0), None), Some(130)).unwrap();
        assert_eq!(walk.next_page().map(|p| p.limit), Some(50));
        let p = walk
            .record(0, info(Some(250), Some(50), true), calls(0, 50))
            .expect("a page");
        assert_eq!(
            p,
            Progress {
                loaded: 50,
                total: Some(130)
            }
        );
        assert_eq!(take_all(&mut walk), [(50, 50), (100, 30)]);
        walk.record(100, info(Some(250), Some(50), true), calls(100, 30))
            .expect("a page");
        walk.record(50, info(Some(250), Some(50), true), calls(50, 50))
            .expect("a page");
        assert_eq!(walk.next_page(), None);
        assert_eq!(walk.finish(), (0..130).collect::<Vec<_>>());
    }

    #[test]
    fn max_below_the_page_size_asks_for_max_calls_only() {
        let mut walk = Walk::new(&params(None, Some(5.0)), Some(7)).unwrap();
        let first = walk.next_page().unwrap();
        assert_eq!(first.query, "limit=7&offset=5");
        let p = walk
            .record(5, info(Some(250), Some(7), true), calls(5, 7))
            .expect("a page");
        assert_eq!(
            p,
            Progress {
                loaded: 7,
                total: Some(7)
            }
        );
        assert_eq!(walk.next_page(), None);
        assert_eq!(walk.finish().len(), 7);
    }

    #[test]
    fn a_duplicate_under_max_extends_the_range_by_one() {
        let mut walk = Walk::new(&params(Some(2.0), None), Some(4)).unwrap();
        walk.next_page();
        walk.record(
            0,
            info(Some(10), Some(2), true),
            vec![("a".into(), 1), ("b".into(), 2)],
        )
        .expect("a page");
        assert_eq!(take_all(&mut walk), [(2, 2)]);
        walk.record(
            2,
            info(Some(11), Some(2), true),
            vec![("b".into(), 20), ("c".into(), 3)],
        )
        .expect("a page");
        assert_eq!(take_all(&mut walk), [(4, 1)], "one more call is needed");
        walk.record(4, info(Some(11), Some(1), true), vec![("d".into(), 4)])
            .expect("a page");
        assert_eq!(walk.next_page(), None);
        assert_eq!(walk.finish(), [1, 2, 3, 4]);
    }

    #[test]
    fn offsets_follow_the_servers_smaller_page_size_not_the_calls_received() {
        let mut walk = Walk::new(&params(Some(100.0), None), None).unwrap();
        walk.next_page();
        // The server capped pages at 20, and two of its items were not objects (dropped).
        walk.record(0, info(Some(60), Some(20), true), calls(0, 18))
            .expect("a page");
        assert_eq!(take_all(&mut walk), [(20, 100), (40, 100)]);
    }

    #[test]
    fn without_a_total_pages_are_walked_one_at_a_time_while_has_more() {
        let mut walk = Walk::new(&params(Some(10.0), None), None).unwrap();
        walk.next_page();
        // 8 objects of 10 items: the next offset is still 10.
        let p = walk
            .record(0, info(None, Some(10), true), calls(0, 8))
            .expect("a page");
        assert_eq!(
            p,
            Progress {
                loaded: 8,
                total: None
            }
        );
        let second = walk.next_page().unwrap();
        assert_eq!((second.offset, second.limit), (10, 10));
        assert_eq!(walk.next_page(), None, "one page at a time");
        walk.record(10, info(None, None, true), calls(10, 10))
            .expect("a page");
        assert_eq!(walk.next_page().map(|p| p.offset), Some(20));
        walk.record(20, info(None, None, false), calls(20, 3))
            .expect("a page");
        assert_eq!(walk.next_page(), None, "has_more false ends the walk");
        assert_eq!(walk.finish().len(), 21);
    }

    #[test]
    fn without_a_total_an_empty_or_all_duplicate_page_ends_the_walk() {
        let mut walk = Walk::new(&params(Some(2.0), None), None).unwrap();
        walk.next_page();
        walk.record(0, info(None, None, true), calls(0, 2))
            .expect("a page");
        walk.next_page();
        walk.record(2, info(None, None, true), Vec::new())
            .expect("a page");
        assert_eq!(walk.next_page(), None, "an empty page ends the walk");

        let mut walk = Walk::new(&params(Some(2.0), None), None).unwrap();
        walk.next_page();
        walk.record(0, info(None, None, true), calls(0, 2))
            .expect("a page");
        walk.next_page();
        walk.record(2, info(None, None, true), calls(0, 2))
            .expect("a page");
        assert_eq!(
            walk.next_page(),
            None,
            "a server ignoring offset cannot loop forever"
        );
        assert_eq!(walk.finish(), [0, 1]);
    }

    #[test]
    fn without_a_total_max_still_stops_the_walk() {
        let mut walk = Walk::new(&params(Some(10.0), None), Some(15)).unwrap();
        walk.next_page();
        walk.record(0, info(None, None, true), calls(0, 10))
            .expect("a page");
        assert_eq!(walk.next_page().map(|p| (p.offset, p.limit)), Some((10, 5)));
        let p = walk
            .record(10, info(None, None, true), calls(10, 5))
            .expect("a page");
        assert_eq!(
            p,
            Progress {
                loaded: 15,
                total: None
            }
        );
        assert_eq!(walk.next_page(), None);
    }

    #[test]
    fn an_empty_listing_or_a_start_past_the_total_fetches_one_page() {
        let mut walk = Walk::<u32>::new(&params(None, None), None).unwrap();
        walk.next_page();
        assert_eq!(
            walk.record(0, info(Some(0), Some(100), false), Vec::new())
                .expect("a page"),
            Progress {
                loaded: 0,
                total: Some(0)
            }
        );
        assert_eq!(walk.next_page(), None);
        let mut walk = Walk::<u32>::new(&params(None, Some(500.0)), None).unwrap();
        walk.next_page();
        walk.record(500, info(Some(250), Some(100), false), Vec::new())
            .expect("a page");
        assert_eq!(walk.next_page(), None);
        assert!(walk.finish().is_empty());
    }

    fn decode_message(result: Result<Progress>) -> String {
        match result {
            Err(Error::Decode { message, .. }) => message,
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn a_total_that_lies_ends_the_walk_with_a_decode_error() {
        // Every page empty, total 4294967295: the first page already tells.
        let mut walk = Walk::<u32>::new(&params(None, None), None).unwrap();
        walk.next_page();
        let m = decode_message(walk.record(0, info(Some(u32::MAX), Some(100), true), vec![]));
        assert!(m.contains("needs more than 100000 pages"), "{m}");
        // A believable total, but the second page comes back empty.
        let mut walk = Walk::<u32>::new(&params(None, None), None).unwrap();
        walk.next_page();
        walk.record(0, info(Some(1000), Some(100), true), calls(0, 100))
            .expect("first page");
        let offsets = take_all(&mut walk);
        assert_eq!(offsets.len(), 9);
        let m = decode_message(walk.record(100, info(Some(1000), Some(100), true), vec![]));
        assert_eq!(m, "listAllCalls stopped: the page at offset 100 was empty while the server's total says 1000 calls");
    }

    #[test]
    fn a_server_that_ignores_offset_ends_the_walk_with_a_decode_error() {
        let mut walk = Walk::<u32>::new(&params(None, None), None).unwrap();
        walk.next_page();
        walk.record(0, info(Some(1_000_000), Some(100), true), calls(0, 100))
            .expect("first page");
        walk.next_page();
        let m =
            decode_message(walk.record(100, info(Some(1_000_000), Some(100), true), calls(0, 100)));
        assert!(m.ends_with("only repeated calls already listed while the server's total says 1000000 calls (does it ignore offset?)"), "{m}");
    }

    #[test]
    fn an_empty_last_page_is_a_shrunken_listing_not_an_error() {
        // 10 calls were deleted during the walk: the last page of the plan is empty.
        let mut walk = Walk::new(&params(Some(10.0), None), None).unwrap();
        walk.next_page();
        walk.record(0, info(Some(20), Some(10), true), calls(0, 10))
            .expect("first");
        assert_eq!(take_all(&mut walk), [(10, 10)]);
        walk.record(10, info(Some(10), Some(10), false), vec![])
            .expect("an empty last page");
        assert_eq!(walk.finish(), (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn has_more_forever_ends_after_the_page_ceiling() {
        let mut walk = Walk::<u32>::new(&params(Some(1.0), None), None).unwrap();
        let mut result = Ok(Progress {
            loaded: 0,
            total: None,
        });
        for i in 0..=MAX_PAGES {
            let Some(page) = walk.next_page() else { break };
            result = walk.record(page.offset, info(None, Some(1), true), calls(i, 1));
            if result.is_err() {
                break;
            }
        }
        let m = decode_message(result);
        assert!(
            m.ends_with("the server said has_more for more than 100000 pages"),
            "{m}"
        );
    }
}
