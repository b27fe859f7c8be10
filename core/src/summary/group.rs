//! `summarizeCalls(calls, { groupBy })`: one summary per agent, day, hour, status, direction
//! or outcome, counted in one pass with the same rules as the flat summary.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    direction_word, heap_sort_by, outcome_label, status_word, CallFacts, CallSummary, Tally,
};
use crate::error::Result;
use crate::model::CallDirection;
use crate::normalize::{push_day_key, push_hour_key};
use crate::read::{one_of, FromJson, Members};
use crate::tree::Node;

/// What `summarizeCalls` groups calls by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify), serde(rename_all = "lowercase"))]
pub enum GroupBy {
    /// `agentId`; the groups with the most calls first.
    Agent,
    /// The calendar day of `createdAt` (`2024-04-05`), in UTC or in `timeZone`; oldest first.
    Day,
    /// The hour of `createdAt` (`2024-04-05T14:00:00Z`, or `2024-04-05T16:00:00+02:00` in a
    /// `timeZone`); oldest first.
    Hour,
    /// The canonical status, in lifecycle order (`queued` ... `cancelled`, then `unknown`).
    Status,
    /// The direction: `outbound`, `inbound`, `webrtc`, then `unknown`.
    Direction,
    /// The outcome label, as sent; the groups with the most calls first.
    Outcome,
}

const GROUPINGS: [(&str, GroupBy); 6] = [
    ("agent", GroupBy::Agent),
    ("day", GroupBy::Day),
    ("hour", GroupBy::Hour),
    ("status", GroupBy::Status),
    ("direction", GroupBy::Direction),
    ("outcome", GroupBy::Outcome),
];

impl FromJson for GroupBy {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        let index = one_of(value, name, &GROUPINGS.map(|(word, _)| word))?;
        Ok(GROUPINGS.get(index).map_or(GroupBy::Status, |&(_, by)| by))
    }
}

impl GroupBy {
    /// Whether the groups are days or hours, which depend on the time zone.
    pub fn is_by_time(self) -> bool {
        matches!(self, GroupBy::Day | GroupBy::Hour)
    }
}

/// Options of `summarizeCalls`. Without `groupBy`, one summary of all the calls.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(
    feature = "ts",
    derive(tsify::Tsify),
    serde(rename_all = "camelCase", default)
)]
pub struct SummaryOptions {
    /// Summarize each group of calls separately: an ordered list of `{ key, summary }`.
    pub group_by: Option<GroupBy>,
    /// An IANA time zone (`"Europe/Paris"`) for `groupBy: "day"` and `"hour"`; UTC when
    /// omitted. A zone the runtime does not know throws `invalid_argument`.
    pub time_zone: Option<String>,
}

impl FromJson for SummaryOptions {
    fn from_json(value: Node<'_, '_>, name: &str) -> Result<Self> {
        let m = Members::of(value, name)?;
        Ok(SummaryOptions {
            group_by: m.get("groupBy")?,
            time_zone: m.get("timeZone")?,
        })
    }
}

/// One group of `summarizeCalls(calls, { groupBy })`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
#[cfg_attr(feature = "ts", tsify(missing_as_null))]
pub struct CallGroup {
    /// The agent id, day, hour, status, direction or outcome of the group's calls; `null`
    /// for the calls that have none (no `agentId`, no readable `createdAt`, no outcome),
    /// which come last.
    pub key: Option<String>,
    /// The group's calls, summarized as `summarizeCalls` does without `groupBy`.
    pub summary: CallSummary,
}

/// A group being counted: its key (`""` for the calls without one), where it sorts, and its
/// tally.
struct Group {
    key: String,
    /// Days since 1970 on the zone's calendar, the hour's first instant, or the place of a
    /// status or direction: the order of the groups that are not ordered by size.
    rank: i64,
    tally: Tally,
}

/// Summarizes each group of `calls`, in one pass. Each call comes with the offset of the
/// time zone from UTC at its `createdAt`, in minutes (0 for UTC; only read for days and
/// hours). The groups are in the order [`GroupBy`] gives; the calls without a key form the
/// last group, with key `None`. Every call is in exactly one group.
pub fn summarize_groups<'a>(
    calls: impl IntoIterator<Item = (CallFacts<'a>, i64)>,
    by: GroupBy,
) -> Vec<CallGroup> {
    // Each key's place in `groups`; the calls without a key are the group of `""`, a key no
    // call has (blank agent ids and outcomes count as none).
    let mut index: BTreeMap<String, u32> = BTreeMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut key = String::new();
    for (call, offset_minutes) in calls {
        key.clear();
        let rank = group_of(&call, by, offset_minutes, &mut key).unwrap_or_else(|| {
            key.clear();
            0
        });
        let at = match index.get(key.as_str()) {
            Some(&at) => at,
            None => {
                let at = u32::try_from(groups.len()).unwrap_or(u32::MAX);
                index.insert(key.clone(), at);
                groups.push(Group {
                    key: key.clone(),
                    rank,
                    tally: Tally::default(),
                });
                at
            }
        };
        if let Some(group) = groups.get_mut(at as usize) {
            group.tally.add(&call);
        }
    }
    // The keyless group last; then the most calls first (agents, outcomes) or by rank; then
    // by key.
    let by_size = matches!(by, GroupBy::Agent | GroupBy::Outcome);
    let place = |g: &Group| {
        let size = i64::try_from(g.tally.count).unwrap_or(i64::MAX);
        (g.key.is_empty(), if by_size { -size } else { g.rank })
    };
    heap_sort_by(&mut groups, |a, b| (place(a), &a.key) < (place(b), &b.key));
    groups
        .into_iter()
        .map(|g| CallGroup {
            key: (!g.key.is_empty()).then_some(g.key),
            summary: g.tally.finish(),
        })
        .collect()
}

/// Writes the key of `call`'s group into `key` and gives its rank; `None` when the call has
/// no such key.
fn group_of(
    call: &CallFacts<'_>,
    by: GroupBy,
    offset_minutes: i64,
    key: &mut String,
) -> Option<i64> {
    match by {
        GroupBy::Agent | GroupBy::Outcome => {
            let text = if by == GroupBy::Agent {
                call.agent_id
            } else {
                outcome_label(call)
            };
            key.push_str(text?);
            Some(0)
        }
        GroupBy::Status => {
            key.push_str(status_word(call.status));
            Some(call.status as i64)
        }
        GroupBy::Direction => {
            let direction = call.direction.unwrap_or(CallDirection::Unknown);
            key.push_str(direction_word(direction));
            Some(direction as i64)
        }
        GroupBy::Day | GroupBy::Hour => {
            let offset_ms = offset_minutes.checked_mul(60_000)?;
            let local = call.created_ms?.checked_add(offset_ms)?;
            if by == GroupBy::Day {
                push_day_key(key, local).then_some(local.div_euclid(86_400_000))
            } else {
                // The hour's first instant: two wall-clock hours of the same name (when the
                // clocks go back) are two groups, in the order they happened.
                push_hour_key(key, local, offset_minutes)
                    .then(|| local - local.rem_euclid(3_600_000) - offset_ms)
            }
        }
    }
}
