//! Dashboard summaries of a list of calls: one summary, or one per group (`group`).

mod group;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Call, CallDirection, CallStatus};
use crate::normalize::instant_ms;

pub use group::{summarize_groups, CallGroup, GroupBy, SummaryOptions};

/// Counts, totals and duration percentiles over a list of calls, as returned by
/// `summarizeCalls`. Counts only include keys that occur (no zero entries).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", tsify(missing_as_null, hashmap_as_object))]
pub struct CallSummary {
    /// Number of calls.
    pub count: u32,
    /// Calls per canonical status (`queued`, `ringing`, `in_progress`, `ended`, `failed`,
    /// `cancelled`, `unknown`).
    #[cfg_attr(feature = "ts", tsify(type = "Partial<Record<CallStatus, number>>"))]
    pub by_status: BTreeMap<String, u32>,
    /// Calls per outcome label, as sent (`interested`, `voicemail`, ...). Calls without an
    /// outcome (missing or blank) are not counted here.
    pub by_outcome: BTreeMap<String, u32>,
    /// Calls per direction (`outbound`, `inbound`, `webrtc`); a missing or unrecognised
    /// direction counts as `unknown`.
    #[cfg_attr(feature = "ts", tsify(type = "Partial<Record<CallDirection, number>>"))]
    pub by_direction: BTreeMap<String, u32>,
    /// Sum of `costUsd` over the calls that have one (0 when none do). A plain
    /// floating-point sum: round it for display.
    pub total_cost_usd: f64,
    /// Mean `costUsd` over the calls that have one; `null` when none do.
    pub mean_cost_usd: Option<f64>,
    /// Sum of `durationSeconds` over the calls that have one (0 when none do).
    pub total_duration_seconds: f64,
    /// Mean `durationSeconds` over the calls that have one; `null` when none do.
    pub mean_duration_seconds: Option<f64>,
    /// Median duration (nearest-rank 50th percentile); `null` when no call has a duration.
    pub p50_duration_seconds: Option<f64>,
    /// Nearest-rank 90th percentile of the durations; `null` when no call has a duration.
    pub p90_duration_seconds: Option<f64>,
    /// Sum of `costCredits` over the calls that have them (0 when none do).
    pub cost_credits_total: f64,
}

/// Summarizes calls for a dashboard: counts by status, outcome and direction, cost and
/// duration totals and means, and duration percentiles. Never throws; an empty list gives
/// zero counts and `null` means and percentiles.
///
/// Only finite numbers count: a cost or credit amount that is `NaN` or infinite is skipped,
/// and so is a duration that is not a finite number of at least 0. Means divide by the
/// number of calls that have the value, not by `count`.
///
/// Percentiles use the nearest-rank definition over the calls that have a duration: with
/// the `n` durations sorted ascending, the p-th percentile is the value at rank
/// `ceil(p / 100 * n)` (1-based). It is always one of the durations, never interpolated:
/// for durations `[10, 20, 30, 40]`, p50 is 20 and p90 is 40.
///
/// @example
/// ```ts
/// const calls = await client.listAllCalls({ createdAfter: "2024-04-01T00:00:00Z" });
/// const s = summarizeCalls(calls);
/// console.log(`${s.count} calls, ${s.byStatus.failed ?? 0} failed, p90 ${s.p90DurationSeconds ?? "-"} s`);
/// ```
pub fn summarize_calls(calls: &[Call]) -> CallSummary {
    summarize(calls.iter().map(Call::facts))
}

/// What `summarizeCalls` reads of a call.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CallFacts<'a> {
    /// The canonical status.
    pub status: CallStatus,
    /// The direction, when known.
    pub direction: Option<CallDirection>,
    /// The outcome label, as sent.
    pub outcome: Option<&'a str>,
    /// Cost in US dollars.
    pub cost_usd: Option<f64>,
    /// Cost in credits.
    pub cost_credits: Option<f64>,
    /// Length in seconds.
    pub duration_seconds: Option<f64>,
    /// The agent's id (read only to group by agent).
    pub agent_id: Option<&'a str>,
    /// When the call was created, in unix milliseconds (read only to group by day or hour).
    pub created_ms: Option<i64>,
}

impl Call {
    /// The fields [`summarize`] reads.
    pub fn facts(&self) -> CallFacts<'_> {
        CallFacts {
            status: self.status,
            direction: self.direction,
            outcome: self.outcome.as_deref(),
            cost_usd: self.cost_usd,
            cost_credits: self.cost_credits,
            duration_seconds: self.duration_seconds,
            agent_id: self.agent_id.as_deref(),
            created_ms: self.created_at.as_deref().and_then(instant_ms),
        }
    }
}

/// [`summarize_calls`] over the facts of each call, in one pass (plus one sort of the
/// durations).
pub fn summarize<'a>(calls: impl IntoIterator<Item = CallFacts<'a>>) -> CallSummary {
    let mut tally = Tally::default();
    for call in calls {
        tally.add(&call);
    }
    tally.finish()
}

/// A summary being counted, one call at a time.
#[derive(Default)]
struct Tally {
    count: usize,
    // Statuses and directions are counted by their place in the enum, and named at the end.
    statuses: [u32; 7],
    directions: [u32; 4],
    by_outcome: BTreeMap<String, u32>,
    total_cost_usd: f64,
    costs_seen: u32,
    cost_credits_total: f64,
    total_duration_seconds: f64,
    durations: Vec<f64>,
}

impl Tally {
    fn add(&mut self, call: &CallFacts<'_>) {
        self.count += 1;
        if let Some(n) = self.statuses.get_mut(call.status as usize) {
            *n = n.saturating_add(1);
        }
        let direction = call.direction.unwrap_or(CallDirection::Unknown);
        if let Some(n) = self.directions.get_mut(direction as usize) {
            *n = n.saturating_add(1);
        }
        if let Some(outcome) = outcome_label(call) {
            bump(&mut self.by_outcome, outcome);
        }
        if let Some(cost) = call.cost_usd.filter(|c| c.is_finite()) {
            self.total_cost_usd += cost;
            self.costs_seen = self.costs_seen.saturating_add(1);
        }
        if let Some(credits) = call.cost_credits.filter(|c| c.is_finite()) {
            self.cost_credits_total += credits;
        }
        if let Some(d) = call.duration_seconds.filter(|d| d.is_finite() && *d >= 0.0) {
            self.total_duration_seconds += d;
            self.durations.push(d);
        }
    }

    fn finish(mut self) -> CallSummary {
        let mut summary = CallSummary {
            count: u32::try_from(self.count).unwrap_or(u32::MAX),
            by_outcome: self.by_outcome,
            total_cost_usd: self.total_cost_usd,
            total_duration_seconds: self.total_duration_seconds,
            cost_credits_total: self.cost_credits_total,
            ..CallSummary::default()
        };
        for status in ALL_STATUSES {
            let n = self.statuses.get(status as usize).copied().unwrap_or(0);
            if n > 0 {
                summary.by_status.insert(status_word(status).to_owned(), n);
            }
        }
        for direction in ALL_DIRECTIONS {
            let n = self
                .directions
                .get(direction as usize)
                .copied()
                .unwrap_or(0);
            if n > 0 {
                summary
                    .by_direction
                    .insert(direction_word(direction).to_owned(), n);
            }
        }
        if self.costs_seen > 0 {
            summary.mean_cost_usd = Some(summary.total_cost_usd / f64::from(self.costs_seen));
        }
        if !self.durations.is_empty() {
            summary.mean_duration_seconds =
                Some(summary.total_duration_seconds / self.durations.len() as f64);
            heap_sort_by(&mut self.durations, |a, b| a.total_cmp(b).is_lt());
            summary.p50_duration_seconds = nearest_rank(&self.durations, 50);
            summary.p90_duration_seconds = nearest_rank(&self.durations, 90);
        }
        summary
    }
}

/// The outcome label a call is counted under: trimmed, and none when blank.
fn outcome_label<'a>(call: &CallFacts<'a>) -> Option<&'a str> {
    call.outcome.map(str::trim).filter(|o| !o.is_empty())
}

/// Sorts so that no value is `less` than the one before it. A plain heap sort: the standard
/// sorts are about 2 KB of wasm each (pattern-defeating quicksort, driftsort and their
/// small-sort kernels), this a few hundred bytes, and O(n log n) as well. Not stable: `less`
/// must be a total order where that matters.
fn heap_sort_by<T>(values: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let sift_down = |values: &mut [T], mut root: usize| loop {
        let mut child = 2 * root + 1;
        if child >= values.len() {
            return;
        }
        if child + 1 < values.len() && less(&values[child], &values[child + 1]) {
            child += 1;
        }
        if !less(&values[root], &values[child]) {
            return;
        }
        values.swap(root, child);
        root = child;
    };
    for root in (0..values.len() / 2).rev() {
        sift_down(values, root);
    }
    for end in (1..values.len()).rev() {
        values.swap(0, end);
        sift_down(&mut values[..end], 0);
    }
}

/// The nearest-rank `p`-th percentile (0 < p <= 100) of ascending `sorted` values.
fn nearest_rank(sorted: &[f64], p: usize) -> Option<f64> {
    let n = sorted.len();
    // ceil(p * n / 100), at least rank 1; integer arithmetic, so no float rounding.
    let rank = p.saturating_mul(n).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// Adds one to `key`'s count, allocating the key only the first time it is seen.
fn bump(map: &mut BTreeMap<String, u32>, key: &str) {
    match map.get_mut(key) {
        Some(n) => *n = n.saturating_add(1),
        None => {
            map.insert(key.to_owned(), 1);
        }
    }
}

const ALL_STATUSES: [CallStatus; 7] = [
    CallStatus::Queued,
    CallStatus::Ringing,
    CallStatus::InProgress,
    CallStatus::Ended,
    CallStatus::Failed,
    CallStatus::Cancelled,
    CallStatus::Unknown,
];

const ALL_DIRECTIONS: [CallDirection; 4] = [
    CallDirection::Outbound,
    CallDirection::Inbound,
    CallDirection::Webrtc,
    CallDirection::Unknown,
];

/// The canonical word of a status, as it is serialized.
pub fn status_word(status: CallStatus) -> &'static str {
    match status {
        CallStatus::Queued => "queued",
        CallStatus::Ringing => "ringing",
        CallStatus::InProgress => "in_progress",
        CallStatus::Ended => "ended",
        CallStatus::Failed => "failed",
        CallStatus::Cancelled => "cancelled",
        CallStatus::Unknown => "unknown",
    }
}

/// The canonical word of a direction, as it is serialized.
pub fn direction_word(direction: CallDirection) -> &'static str {
    match direction {
        CallDirection::Outbound => "outbound",
        CallDirection::Inbound => "inbound",
        CallDirection::Webrtc => "webrtc",
        CallDirection::Unknown => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::heap_sort_by;

    #[test]
    fn heap_sort_sorts_like_the_standard_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in [0, 1, 2, 3, 10, 101, 1000] {
            let mut values: Vec<f64> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % 10_000) as f64 / 7.0
                })
                .collect();
            let mut expected = values.clone();
            expected.sort_by(f64::total_cmp);
            heap_sort_by(&mut values, |a, b| a.total_cmp(b).is_lt());
            assert_eq!(values, expected, "{len}");
        }
    }
}
