//! All browser glue in one place: fetching same-origin files, reading files the
//! user chose, running imports in a worker, local storage, the clipboard, and
//! driving ECharts.
//! Components call these functions; nothing else in the crate touches `web_sys`.

mod background;
mod clipboard;
mod clock;
mod compress;
mod download;
mod echarts;
mod fetch;
mod files;
mod focus;
mod idb;
mod import_worker;
mod js_object;
mod location;
mod maps;
mod palette;
mod service_worker;
mod storage;
mod timing;

pub use background::{first_chart_drawn, schedule as schedule_background_work};
pub use clipboard::copy_text;
pub use clock::{
    after, cancel_timer, date_time, now_ms, on_before_unload, on_page_hide, sleep_ms, time_of_day,
    today, yield_to_page,
};
pub use compress::deflate_raw;
pub use download::{download_bytes, download_data_url, download_text, on_before_print, print_page};
pub use echarts::{render_png, ChartHandle};
pub use fetch::{fetch_bytes, fetch_text};
pub use files::{
    blob_of, choose_folders, drop_contents, handle_of, joined_stats19, read_dropped, read_file,
    take_picked_files, take_picked_folders, DropContents, Dropped, DroppedFolder, FileHandle,
    UserFile,
};
pub use focus::{focus_element, focus_element_soon, keep_in_view, key_belongs_to_target};
pub use idb::{
    delete as idb_delete, get as idb_get, get_bytes as idb_get_bytes, put as idb_put,
    put_as_blob as idb_put_as_blob, set_aside as idb_set_aside,
};
pub use import_worker::{prepare_import_worker, serve_imports, ImportJob, JobOutcome};
pub use location::{current_hash, on_hash_change, set_document_title};
pub use maps::{focus_map_area, map_area_of, svg_to_png};
pub use palette::css_palette;
pub use service_worker::register as register_service_worker;
pub use storage::{
    keys_starting, load, on_storage_change, remove, request_persistence, save, set_aside,
};
pub use timing::{elapsed_ms, mark, measure_since};
