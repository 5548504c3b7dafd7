//! Parts of the app whose code is fetched the first time they are used, so the
//! first visit downloads only what the first screen needs (issues 13 and 14).
//!
//! A function declared with [`on_demand!`] becomes `async`: in the release
//! build (the `split` feature, which `index.html` turns on for the page) its
//! body, and everything only it reaches, is cut out of the page's WebAssembly
//! into a chunk of its own by `tools/split-wasm.mjs` after the build, and the
//! first call fetches that chunk (it shares the page's memory, so signals and
//! context keep working). Without the feature (tests, `cargo check`) the same
//! function is an ordinary `async fn` that never waits.
//!
//! A chunk that cannot be fetched (the app opened offline before the service
//! worker kept it) is a value, [`NotLoaded`], shown as one sentence by
//! [`on_demand_view`], never a panic.

use leptos::prelude::*;
use std::future::Future;

/// A part of the app whose code could not be fetched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// Declares `fn name(args) -> T { body }` as `async fn name(args) ->
/// Result<T, NotLoaded>` whose code lives in the chunk `chunk` (functions
/// naming the same chunk share one file). Arguments are passed by value.
macro_rules! on_demand {
    ($chunk:ident; $(#[$meta:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        $(#[$meta])*
        $vis fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::ui::on_demand::NotLoaded> {
            ::core::result::Result::Ok($body)
        }

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        $vis async fn $name($($arg: $ty),*) -> ::core::result::Result<$ret, $crate::ui::on_demand::NotLoaded> {
            ::core::result::Result::Ok($body)
        }
    };
}
pub(crate) use on_demand;

/// The sentence shown when a part's code cannot be fetched (`what` is "the maps").
pub fn not_loaded_sentence(what: &str) -> String {
    format!(
        "The workbench could not fetch {what}: it is offline, and this part of the app was not kept from an earlier visit. Reconnect and try again."
    )
}

/// Shows the view `load` makes once its chunk is here: "Loading the maps…"
/// until then (nothing flashes when it is already loaded: the wait ends before
/// the page is next painted), and a sentence with a "Try again" button if it
/// cannot be fetched. The view is made under this component's owner, so its
/// context and clean-up are as if it were written in place.
pub fn on_demand_view<F, Fut>(what: &'static str, load: F) -> impl IntoView
where
    F: Fn() -> Fut + Clone + 'static,
    Fut: Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    #[derive(Clone, Copy, PartialEq)]
    enum Stage {
        Loading,
        Ready,
        Failed,
    }
    let stage = RwSignal::new(Stage::Loading);
    // The view waits here between being made and being shown (once).
    let made = StoredValue::new_local(None::<AnyView>);
    let load = StoredValue::new_local(load);
    // Each attempt runs under this part's owner: "Try again" is clicked in the
    // sentence, whose own owner goes as soon as the attempt starts. It is
    // cancelled when that owner goes: a chunk that arrives after the part was
    // taken away (street records replaced while the maps were fetched) must not
    // build its view under a disposed owner, where context is gone and the
    // view's `expect_context` would abort the app.
    let owner = Owner::current().unwrap_or_default();
    let start = move || {
        stage.set(Stage::Loading);
        let load = load.get_value();
        owner.with(|| {
            leptos::task::spawn_local_scoped_with_cancellation(async move {
                match load().await {
                    Ok(view) => {
                        made.set_value(Some(view));
                        stage.set(Stage::Ready);
                    }
                    Err(NotLoaded) => stage.set(Stage::Failed),
                }
            })
        });
    };
    start();
    move || match stage.get() {
        Stage::Loading => view! {
            <p class="status loading" role="status">{format!("Loading {what}…")}</p>
        }
        .into_any(),
        Stage::Ready => made
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| ().into_any()),
        Stage::Failed => {
            let again = start.clone();
            view! {
                <p class="status status-error" role="alert">
                    {not_loaded_sentence(what)} " "
                    <button type="button" on:click=move |_| again()>"Try again"</button>
                </p>
            }
            .into_any()
        }
    }
}

/// The maps' parts ("Where it happens") show nothing until police.uk street
/// records are loaded, so their code is fetched only then: `part` is made
/// when records arrive (and again if they go and come back), never on a
/// visit without them, such as the first visit with the sample.
pub fn with_street_records<V: IntoView + 'static>(
    part: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<super::AppState>();
    let has = Memo::new(move |_| state.dataset.with(|d| !d.lsoa_tallies.is_empty()));
    move || has.get().then(&part)
}

/// The police.uk stop and search and outcomes panel shows nothing until such
/// files are loaded: `part` is made only then (its code is fetched with the
/// maps'), never on a visit without them.
pub fn with_police_parts<V: IntoView + 'static>(
    part: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<super::AppState>();
    let has = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.tables.iter().any(|t| {
                t.measures
                    .iter()
                    .any(|m| crate::core::assessment::police_parts::is_police_parts_measure(m))
            })
        })
    });
    move || has.get().then(&part)
}

/// What the maps' parts are called while their code is fetched.
pub const THE_MAPS: &str = "the maps";
