//! A view of many parts drawn a few parts per task. When the value the view
//! shows changes (a new assessment), the parts take turns: as many redraw as
//! fit in about 30 ms, then the page handles input and paints, then the next
//! ones, and so on. A small view is still drawn in one go; a view of a thousand
//! measures becomes many short tasks rather than one long one (issue 17: no
//! task of 200 ms or more). No part is emptied while it waits: it keeps the
//! previous value until its turn. `running` says that turns are under way, so
//! the page can say its figures are being updated, and `settled` is the value
//! every part shows once they are done (for headings that name what is shown).
//!
//! Parts register in the order they are made, which is the page's order, so
//! the top of the view is drawn first. A part made later (a page of rows after
//! "Show more") takes a turn of its own.

use crate::browser;
use leptos::prelude::*;

/// How long one task may go on drawing parts before the page gets a turn: the
/// assessment's own slices are as long (`state::SLICE_MS`).
const TURN_MS: f64 = 30.0;

/// One part: the value it shows (`None` until its first turn) and the version
/// of the source it was last given.
struct Part<T: Send + Sync + 'static> {
    shown: RwSignal<Option<T>>,
    version: u64,
}

pub struct Turns<T: Clone + Send + Sync + 'static> {
    source: Signal<T>,
    parts: StoredValue<Vec<Part<T>>>,
    /// Counts the source's changes; a part is up to date when it has the latest.
    version: StoredValue<u64>,
    running: RwSignal<bool>,
    settled: RwSignal<T>,
}

impl<T: Clone + Send + Sync + 'static> Clone for Turns<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Clone + Send + Sync + 'static> Copy for Turns<T> {}

impl<T: Clone + Send + Sync + 'static> Turns<T> {
    /// Hands `source` on to the parts made from this, each time it changes
    /// (and once at first).
    pub fn new(source: impl Into<Signal<T>>) -> Turns<T> {
        let source = source.into();
        let turns = Turns {
            source,
            parts: StoredValue::new(Vec::new()),
            version: StoredValue::new(0),
            running: RwSignal::new(false),
            // What the view is being drawn with at first is what it will show.
            settled: RwSignal::new(source.get_untracked()),
        };
        Effect::new(move |_| {
            turns.source.track();
            turns.version.update_value(|v| *v += 1);
            turns.start();
        });
        turns
    }

    /// A part of the view: what it should show, `None` until its first turn.
    pub fn part(self) -> Signal<Option<T>> {
        let shown = RwSignal::new(None);
        self.parts
            .update_value(|parts| parts.push(Part { shown, version: 0 }));
        self.start();
        shown.into()
    }

    /// Whether some part still shows an earlier value (or none yet).
    pub fn running(self) -> bool {
        self.running.get()
    }

    /// The value every part shows, once the turns are done: the previous
    /// value while they are under way.
    pub fn settled(self) -> Signal<T> {
        self.settled.into()
    }

    /// Starts handing the value on, unless that is already under way (the
    /// turns under way then pick up the newest value and any new part).
    fn start(self) {
        if self.running.get_untracked() {
            return;
        }
        self.running.set(true);
        leptos::task::spawn_local(async move {
            browser::yield_to_page().await;
            let mut turn_start = browser::elapsed_ms();
            loop {
                match self.next_turn() {
                    Turn::Drawn => {}
                    Turn::Done => break,
                    Turn::Gone => return,
                }
                // Let the part just given its value redraw (its render effect
                // was woken first, so it runs before this task goes on), and
                // give the page a turn once this task has run long enough.
                leptos::task::tick().await;
                if browser::elapsed_ms() - turn_start >= TURN_MS {
                    browser::yield_to_page().await;
                    turn_start = browser::elapsed_ms();
                }
            }
            if let Some(value) = self.source.try_get_untracked() {
                let _ = self.settled.try_set(value);
            }
            let _ = self.running.try_set(false);
        });
    }

    /// Gives the newest value to the first part that lacks it.
    fn next_turn(self) -> Turn {
        // The view was left: nothing more to draw.
        let Some(version) = self.version.try_get_value() else {
            return Turn::Gone;
        };
        let Some(next) = self.parts.try_with_value(|parts| {
            parts
                .iter()
                .position(|p| p.version != version)
                .map(|i| (i, parts[i].shown))
        }) else {
            return Turn::Gone;
        };
        let Some((i, shown)) = next else {
            return Turn::Done;
        };
        let Some(value) = self.source.try_get_untracked() else {
            return Turn::Gone;
        };
        let dropped = shown.try_set(Some(value)).is_some();
        let kept = self.parts.try_update_value(|parts| {
            if dropped {
                // Its view was dropped (a list redrawn, a section closed).
                parts.remove(i);
            } else {
                parts[i].version = version;
            }
        });
        match kept {
            Some(()) => Turn::Drawn,
            None => Turn::Gone,
        }
    }
}

enum Turn {
    Drawn,
    Done,
    Gone,
}

/// The first `shown` items of a long list, `per_part` items to a part of
/// `turns`: `draw` makes the rows of one part from its value and the items'
/// positions (which may run past the list's end). "Show more" adds parts,
/// each drawn in its turn; a new value redraws them part by part.
pub fn in_parts<T, V>(
    turns: Turns<T>,
    shown: Signal<usize>,
    per_part: usize,
    draw: impl Fn(T, std::ops::Range<usize>) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <For
            each=move || 0..shown.get().div_ceil(per_part)
            key=|i| *i
            children=move |i| {
                let part = turns.part();
                let draw = draw.clone();
                move || part.get().map(|value| draw(value, i * per_part..(i + 1) * per_part))
            }
        />
    }
}

impl<U: Clone + Send + Sync + 'static> Turns<Option<U>> {
    /// A part whose value is optional anyway: `None` both before its first
    /// turn and when there is nothing to show.
    pub fn part_flat(self) -> Signal<Option<U>> {
        let part = self.part();
        Signal::derive(move || part.get().flatten())
    }
}
