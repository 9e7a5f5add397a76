//! The scheduler: a pure function from a guide and checked [`Settings`] to a [`Plan`].
//! Same input, same plan — no clocks, no randomness, no hash-map iteration order.
//!
//! 1. Each topic's questions (in study order) are split among the phases that list the topic,
//!    in proportion to the phases' lengths; earlier phases get earlier questions.
//! 2. Within a phase, topics are interleaved in proportion to their `share` of practice time.
//! 3. The interleaved questions are packed onto the phase's study days at an even pace, so the
//!    phase's last weeks are as busy as its first; the last day of each week keeps room for
//!    the weekly review.
//! 4. Reviews and practice fill the rest; what does not fit becomes the phase's stretch list.

use super::{Day, Item, PhasePlan, Plan, QuestionRef, Settings, Week};
use crate::content::Guide;

/// Time left on a day below which no practice item is added.
const MIN_PRACTICE: u32 = 10;
/// The practice task of weeks whose phase names none.
pub const DEFAULT_PRACTICE: &str = "Practice: redo a question you found hard, from memory";

pub fn schedule(guide: &Guide, settings: &Settings) -> Plan {
    let budget = settings.minutes_per_day;
    let review = settings.review();
    let days_per_week = u32::try_from(settings.study_days.len()).unwrap_or(0);
    let queues = phase_queues(guide, settings);

    let mut weeks: Vec<Week> = (1..=settings.weeks)
        .map(|number| Week {
            number,
            phase: settings
                .phases
                .iter()
                .position(|p| (p.first_week..=p.last_week).contains(&number)),
            days: (1..=days_per_week)
                .map(|n| Day {
                    number: n,
                    items: Vec::new(),
                })
                .collect(),
        })
        .collect();

    let mut phases = Vec::with_capacity(settings.phases.len());
    for (spec, queue) in settings.phases.iter().zip(queues) {
        // The phase's days, in calendar order, with the minutes each has for questions.
        let slots: Vec<(usize, usize)> = (spec.first_week..=spec.last_week)
            .filter(|w| *w >= 1 && *w <= settings.weeks)
            .flat_map(|w| (0..days_per_week as usize).map(move |d| ((w - 1) as usize, d)))
            .collect();
        let caps: Vec<u32> = slots
            .iter()
            .map(|&(_, d)| {
                if d + 1 == days_per_week as usize {
                    budget.saturating_sub(review)
                } else {
                    budget
                }
            })
            .collect();
        let minutes: Vec<u32> = queue.iter().map(|q| question_minutes(guide, *q)).collect();
        let groups: Vec<usize> = queue.iter().map(|q| q.topic).collect();
        let (placed, stretch) = pack(&minutes, &groups, &caps, budget);
        for (day, indices) in placed.iter().enumerate() {
            let (w, d) = slots[day];
            for &i in indices {
                weeks[w].days[d].items.push(Item::Question {
                    question: queue[i],
                    minutes: minutes[i],
                });
            }
        }
        phases.push(PhasePlan {
            title: spec.title.clone(),
            first_week: spec.first_week,
            last_week: spec.last_week,
            goals: spec.goals.clone(),
            practice: spec.practice.clone().unwrap_or_else(|| DEFAULT_PRACTICE.to_string()),
            needed_minutes: super::sum(minutes.iter().copied()),
            available_minutes: super::sum(caps.iter().copied()),
            stretch: stretch.into_iter().map(|i| queue[i]).collect(),
        });
    }

    // Practice fills what is left of each day; the review ends the week.
    let week_questions: Vec<Vec<QuestionRef>> = weeks
        .iter()
        .map(|w| {
            w.days
                .iter()
                .flat_map(|d| d.items.iter())
                .filter_map(|i| match i {
                    Item::Question { question, .. } => Some(*question),
                    _ => None,
                })
                .collect()
        })
        .collect();
    for (wi, week) in weeks.iter_mut().enumerate() {
        let practice = week
            .phase
            .and_then(|p| phases.get(p))
            .map_or(DEFAULT_PRACTICE, |p: &PhasePlan| p.practice.as_str());
        let last = week.days.len().saturating_sub(1);
        for (di, day) in week.days.iter_mut().enumerate() {
            let reserved = if di == last { review } else { 0 };
            let used = day.minutes().saturating_add(reserved);
            if used.saturating_add(MIN_PRACTICE) <= budget {
                day.items.push(Item::Practice {
                    text: practice.to_string(),
                    minutes: budget - used,
                });
            }
            if di == last && review > 0 {
                let mut review_weeks = vec![week.number];
                let mut questions = week_questions[wi].clone();
                if wi >= 2 {
                    review_weeks.push(week.number - 2);
                    questions.extend(week_questions[wi - 2].iter().copied());
                }
                day.items.push(Item::Review {
                    weeks: review_weeks,
                    questions,
                    minutes: review,
                });
            }
        }
    }

    Plan {
        title: settings.title.clone(),
        minutes_per_day: budget,
        study_days: settings.study_days.clone(),
        review_minutes: review,
        phases,
        weeks,
    }
}

fn question_minutes(guide: &Guide, q: QuestionRef) -> u32 {
    super::question(guide, q).map_or(0, |q| q.minutes)
}

/// The questions of each phase, interleaved, in the order they should be studied.
fn phase_queues(guide: &Guide, settings: &Settings) -> Vec<Vec<QuestionRef>> {
    // phase → [(topic index, its questions in this phase)]
    let mut per_phase: Vec<Vec<(usize, Vec<QuestionRef>)>> = vec![Vec::new(); settings.phases.len()];
    for (ti, topic) in guide.topics.iter().enumerate() {
        let questions: Vec<QuestionRef> = topic
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| !q.draft)
            .map(|(index, _)| QuestionRef { topic: ti, index })
            .collect();
        let holders: Vec<usize> = settings
            .phases
            .iter()
            .enumerate()
            .filter(|(_, p)| p.topics.contains(&topic.slug))
            .map(|(i, _)| i)
            .collect();
        let lengths: Vec<u32> = holders.iter().map(|&i| settings.phases[i].weeks()).collect();
        let counts = largest_remainder(questions.len(), &lengths);
        let mut rest = questions.as_slice();
        for (&phase, count) in holders.iter().zip(counts) {
            let (mine, others) = rest.split_at(count.min(rest.len()));
            per_phase[phase].push((ti, mine.to_vec()));
            rest = others;
        }
    }
    per_phase
        .into_iter()
        .enumerate()
        .map(|(pi, mut topics)| {
            // The phase's own topic order, as guide.yaml lists it.
            let phase = &settings.phases[pi];
            topics.sort_by_key(|(ti, _)| {
                phase
                    .topics
                    .iter()
                    .position(|s| *s == guide.topics[*ti].slug)
                    .unwrap_or(usize::MAX)
            });
            // The phase's own `shares:` first, else the topic's share.
            let weights: Vec<u64> = topics
                .iter()
                .map(|(ti, _)| {
                    let slug = &guide.topics[*ti].slug;
                    let share = phase
                        .shares
                        .iter()
                        .find(|(s, _)| s == slug)
                        .map_or(guide.topics[*ti].share, |(_, w)| *w);
                    u64::from(share.max(1))
                })
                .collect();
            interleave(guide, &topics, &weights)
        })
        .collect()
}

/// Splits `n` items in proportion to `weights` (largest remainder; ties go to the earlier).
pub fn largest_remainder(n: usize, weights: &[u32]) -> Vec<usize> {
    let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
    if weights.is_empty() {
        return Vec::new();
    }
    if total == 0 {
        let mut out = vec![0; weights.len()];
        out[0] = n;
        return out;
    }
    let n64 = n as u64;
    let mut counts: Vec<usize> = weights.iter().map(|&w| (n64 * u64::from(w) / total) as usize).collect();
    let mut remainders: Vec<(u64, usize)> = weights
        .iter()
        .enumerate()
        .map(|(i, &w)| (n64 * u64::from(w) % total, i))
        .collect();
    // Largest remainder first; on a tie, the earlier phase.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let missing = n - counts.iter().sum::<usize>();
    for &(_, i) in remainders.iter().take(missing) {
        counts[i] += 1;
    }
    counts
}

/// Interleaves topics so that each gets time in proportion to its weight: the next question
/// always comes from the topic that has had the least time for its weight (ties go to the
/// topic listed first). Within a topic, study order is kept.
fn interleave(guide: &Guide, topics: &[(usize, Vec<QuestionRef>)], weights: &[u64]) -> Vec<QuestionRef> {
    let mut next = vec![0usize; topics.len()];
    let mut spent = vec![0u64; topics.len()];
    let mut out = Vec::new();
    loop {
        let mut best: Option<usize> = None;
        for i in 0..topics.len() {
            if next[i] >= topics[i].1.len() {
                continue;
            }
            best = match best {
                // spent[i] / w[i] < spent[b] / w[b], without division.
                Some(b)
                    if u128::from(spent[i]) * u128::from(weights[b])
                        >= u128::from(spent[b]) * u128::from(weights[i]) =>
                {
                    Some(b)
                }
                _ => Some(i),
            };
        }
        let Some(i) = best else { break };
        let q = topics[i].1[next[i]];
        next[i] += 1;
        // A zero-minute question still takes a turn.
        spent[i] += u64::from(question_minutes(guide, q).max(1));
        out.push(q);
    }
    out
}

/// How many of the next questions a day may look at to fill its time: enough to avoid
/// gaps no question fits, few enough that the interleaving stays as it was.
const LOOKAHEAD: usize = 4;

/// Packs items (their minutes, in order; `groups` says which topic each belongs to) onto
/// days with the given capacities. Returns each day's items and the items that did not fit.
///
/// Days are filled in calendar order toward an even pace: a day takes the next item while
/// the item's midpoint stays within the day's share of the phase's work, so the work is
/// spread over the whole phase instead of piling up in its first weeks. When the next item
/// does not fit the time left, one of the following few may take its place, but never
/// ahead of an earlier item of its own topic, so each topic keeps its study order. Items
/// left at the end go to the first day with room; what still does not fit is stretch.
/// An item longer than `budget` takes an empty day of its own (preferring days that do
/// not hold the weekly review).
pub fn pack(minutes: &[u32], groups: &[usize], caps: &[u32], budget: u32) -> (Vec<Vec<usize>>, Vec<usize>) {
    let n = caps.len();
    let mut placed: Vec<Vec<usize>> = vec![Vec::new(); n];
    if n == 0 {
        return (placed, (0..minutes.len()).collect());
    }
    let size = |m: u32| u64::from(m.min(budget));
    let work: u128 = minutes.iter().map(|&m| u128::from(size(m))).sum();
    let capacity: u128 = caps.iter().map(|&c| u128::from(c)).sum();
    let mut used = vec![0u32; n];
    // Items leave from the first few (LOOKAHEAD): a deque keeps each removal short.
    let mut pending: std::collections::VecDeque<usize> = (0..minutes.len()).collect();
    let mut done: u128 = 0;
    let mut before: u128 = 0;
    for d in 0..n {
        before += u128::from(caps[d]);
        // Work that should be done by the end of day d, doubled (midpoints are halves).
        let target2 = (2 * before * work).checked_div(capacity).unwrap_or(0);
        loop {
            let mut blocked: Vec<usize> = Vec::new();
            let mut choice = None;
            for (pos, &i) in pending.iter().enumerate().take(LOOKAHEAD) {
                let group = groups.get(i).copied().unwrap_or(0);
                if blocked.contains(&group) {
                    continue;
                }
                blocked.push(group);
                let m = minutes[i];
                let fits = if m > budget {
                    placed[d].is_empty() && caps[d] == budget
                } else {
                    used[d].saturating_add(m) <= caps[d]
                };
                let on_pace = 2 * done + u128::from(size(m)) <= target2 || (placed[d].is_empty() && d + 1 == n);
                if fits && on_pace {
                    choice = Some(pos);
                    break;
                }
                if pos == 0 && m > budget {
                    // A long question waits for an empty day; others may go first.
                    continue;
                }
            }
            let Some(i) = choice.and_then(|pos| pending.remove(pos)) else {
                break;
            };
            placed[d].push(i);
            used[d] = used[d].saturating_add(minutes[i]);
            done += u128::from(size(minutes[i]));
            if minutes[i] > budget {
                break;
            }
        }
    }
    // What is left goes to the latest day with room, taken from the end of the queue, and
    // never after a later item of its own topic: leftovers are the end of a topic's study
    // order, so they belong late in the phase, not in the gaps of its first days.
    let mut stretch = Vec::new();
    let mut bound: Vec<(usize, usize)> = Vec::new(); // (group, latest allowed day)
    for i in pending.into_iter().rev() {
        let m = minutes[i];
        let group = groups.get(i).copied().unwrap_or(0);
        let limit = bound.iter().find(|(g, _)| *g == group).map_or(n - 1, |(_, d)| *d);
        let day = if m > budget {
            (0..=limit)
                .rev()
                .find(|&d| placed[d].is_empty() && caps[d] == budget)
                .or_else(|| (0..=limit).rev().find(|&d| placed[d].is_empty()))
        } else {
            (0..=limit)
                .rev()
                .find(|&d| used[d].saturating_add(m) <= caps[d] && !placed[d].iter().any(|&j| minutes[j] > budget))
        };
        match day.or_else(|| make_room(m, minutes, caps, budget, &mut placed, &mut used)) {
            Some(d) => {
                // Keep the day's items in queue order.
                let at = placed[d].partition_point(|&k| k < i);
                placed[d].insert(at, i);
                used[d] = used[d].saturating_add(m);
                match bound.iter_mut().find(|(g, _)| *g == group) {
                    Some(entry) => entry.1 = d,
                    None => bound.push((group, d)),
                }
            }
            None => stretch.push(i),
        }
    }
    stretch.reverse();
    restore_study_order(&mut placed, &mut used, minutes, groups, caps, budget);
    (placed, stretch)
}

/// Packing may leave a topic's items out of study order (a late, short item filling an early
/// gap, or an item moved to make room). Two repairs that never change a day's total time:
/// items of one topic with equal minutes are re-dealt over their slots in study order, then
/// remaining inversions are swapped away where both days stay within their time.
fn restore_study_order(
    placed: &mut [Vec<usize>],
    used: &mut [u32],
    minutes: &[u32],
    groups: &[usize],
    caps: &[u32],
    budget: u32,
) {
    let group_of = |i: usize| groups.get(i).copied().unwrap_or(0);
    let mut keys: Vec<(usize, u32)> = (0..minutes.len()).map(|i| (group_of(i), minutes[i])).collect();
    keys.sort_unstable();
    keys.dedup();
    for (group, m) in keys {
        let mut slots: Vec<(usize, usize)> = Vec::new(); // (day, position in day)
        let mut items: Vec<usize> = Vec::new();
        for (d, day) in placed.iter().enumerate() {
            for (pos, &i) in day.iter().enumerate() {
                if group_of(i) == group && minutes[i] == m {
                    slots.push((d, pos));
                    items.push(i);
                }
            }
        }
        items.sort_unstable();
        for ((d, pos), i) in slots.into_iter().zip(items) {
            placed[d][pos] = i;
        }
    }
    swap_inversions(placed, used, minutes, groups, caps, budget);
    for items in placed.iter_mut() {
        items.sort_unstable();
    }
}

/// The topics (groups) present among the first `n` items, ascending.
fn distinct_groups(groups: &[usize], n: usize) -> Vec<usize> {
    let mut ids: Vec<usize> = (0..n).map(|i| groups.get(i).copied().unwrap_or(0)).collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn swap_inversions(
    placed: &mut [Vec<usize>],
    used: &mut [u32],
    minutes: &[u32],
    groups: &[usize],
    caps: &[u32],
    budget: u32,
) {
    let group_of = |i: usize| groups.get(i).copied().unwrap_or(0);
    for group in distinct_groups(groups, minutes.len()) {
        let mut slots: Vec<(usize, usize)> = Vec::new(); // (day, item), in calendar order
        for (d, items) in placed.iter().enumerate() {
            let mut mine: Vec<usize> = items
                .iter()
                .copied()
                .filter(|&i| group_of(i) == group && minutes[i] <= budget)
                .collect();
            mine.sort_unstable();
            slots.extend(mine.into_iter().map(|i| (d, i)));
        }
        for p in 0..slots.len() {
            let mut best = p;
            for q in p + 1..slots.len() {
                let (dp, ip) = slots[p];
                let (dq, iq) = slots[q];
                if iq >= slots[best].1 || dq == dp {
                    continue;
                }
                let fits_p = used[dp].saturating_sub(minutes[ip]).saturating_add(minutes[iq]) <= caps[dp];
                let fits_q = used[dq].saturating_sub(minutes[iq]).saturating_add(minutes[ip]) <= caps[dq];
                if fits_p && fits_q {
                    best = q;
                }
            }
            if best != p {
                let (dp, ip) = slots[p];
                let (dq, iq) = slots[best];
                used[dp] = used[dp].saturating_sub(minutes[ip]).saturating_add(minutes[iq]);
                used[dq] = used[dq].saturating_sub(minutes[iq]).saturating_add(minutes[ip]);
                if let Some(x) = placed[dp].iter_mut().find(|x| **x == ip) {
                    *x = iq;
                }
                if let Some(x) = placed[dq].iter_mut().find(|x| **x == iq) {
                    *x = ip;
                }
                slots[p].1 = iq;
                slots[best].1 = ip;
            }
        }
    }
}

/// Frees `m` minutes on some day by moving one of its items to another day with room;
/// returns the day. Used only for items that would otherwise not fit at all.
fn make_room(
    m: u32,
    minutes: &[u32],
    caps: &[u32],
    budget: u32,
    placed: &mut [Vec<usize>],
    used: &mut [u32],
) -> Option<usize> {
    if m > budget {
        return None;
    }
    let n = caps.len();
    let long = |day: &Vec<usize>| day.iter().any(|&j| minutes[j] > budget);
    for d in 0..n {
        if long(&placed[d]) {
            continue;
        }
        for pos in 0..placed[d].len() {
            let j = placed[d][pos];
            let mj = minutes[j];
            if (used[d] - mj).saturating_add(m) > caps[d] {
                continue;
            }
            if let Some(to) = (0..n).find(|&e| e != d && !long(&placed[e]) && used[e].saturating_add(mj) <= caps[e]) {
                placed[d].remove(pos);
                used[d] -= mj;
                // Keep the day's items in queue order.
                let at = placed[to].partition_point(|&k| k < j);
                placed[to].insert(at, j);
                used[to] = used[to].saturating_add(mj);
                return Some(d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_largest_remainder_favours_earlier_phases() {
        assert_eq!(largest_remainder(30, &[4, 2, 2]), [15, 8, 7]);
        assert_eq!(largest_remainder(7, &[4]), [7]);
        assert_eq!(largest_remainder(5, &[1, 1]), [3, 2]);
        assert_eq!(largest_remainder(0, &[3, 1]), [0, 0]);
    }

    #[test]
    fn plan_pack_spreads_work_and_keeps_order() {
        // 6 × 30 min over 6 days of 60: one per day, not three full days and three empty.
        let (placed, stretch) = pack(&[30; 6], &[0; 6], &[60; 6], 60);
        assert!(stretch.is_empty());
        assert_eq!(placed, (0..6).map(|i| vec![i]).collect::<Vec<_>>());
        // A question longer than the budget gets an empty day of its own.
        let (placed, stretch) = pack(&[20, 90, 20], &[0, 1, 2], &[60, 60, 60], 60);
        assert!(stretch.is_empty());
        assert!(placed.iter().any(|d| d == &vec![1]), "{placed:?}");
        // Too much work: the rest is stretch, nothing is lost.
        let (placed, stretch) = pack(&[50, 50, 50], &[0; 3], &[60, 60], 60);
        assert_eq!(placed.iter().map(Vec::len).sum::<usize>() + stretch.len(), 3);
        assert_eq!(stretch, [2]);
    }
}
