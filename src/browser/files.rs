//! Files the user hands the page: picked, dropped, or fetched bytes wrapped for
//! the import worker. Components see only `UserFile` and `FileHandle`.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file the user chose or dropped (the browser's handle; its bytes are read on demand).
pub type UserFile = web_sys::File;

/// Something whose bytes the import worker can read: a user's file or fetched bytes.
pub type FileHandle = web_sys::Blob;

/// The files in a file list (from a picker or a drop), in order.
fn files_of(list: Option<web_sys::FileList>) -> Vec<UserFile> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// The files chosen in a file picker whose `change` event this is. The picker is
/// cleared, so the same file can be chosen again after it changes or fails.
pub fn take_picked_files(event: &leptos::ev::Event) -> Vec<UserFile> {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = files_of(input.files());
    input.set_value("");
    files
}

/// A user's file as a handle the import worker reads.
pub fn handle_of(file: &UserFile) -> FileHandle {
    let blob: &web_sys::Blob = file.as_ref();
    blob.clone()
}

/// The bytes of a file the user chose, or a sentence saying why they could not be read.
pub async fn read_file(file: &UserFile) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| {
        let detail = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "the browser refused".to_string());
        format!("“{}” could not be read ({detail}).", file.name())
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Bytes already in memory (a fetched file) as a handle for the import worker.
pub fn blob_of(bytes: &[u8]) -> Option<FileHandle> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).ok()
}

/// A folder the user dropped or picked (a police.uk download unzipped): its
/// name and its files, by their paths within it ("2019-01/2019-01-kent-street.csv").
pub struct DroppedFolder {
    pub name: String,
    pub files: Vec<(String, web_sys::File)>,
}

/// One thing dropped or picked: a file, or a folder of files.
pub enum Dropped {
    File(web_sys::File),
    Folder(DroppedFolder),
}

/// What a drop held, taken while its event lasts (the browser empties the
/// `DataTransfer` afterwards); the folders are read through later, by `read_dropped`.
pub struct DropContents {
    files: Vec<web_sys::File>,
    folders: Vec<web_sys::FileSystemDirectoryEntry>,
}

/// The files and folders of a drop (`DataTransferItem.webkitGetAsEntry`).
pub fn drop_contents(event: &leptos::ev::DragEvent) -> DropContents {
    let mut contents = DropContents {
        files: Vec::new(),
        folders: Vec::new(),
    };
    let Some(transfer) = event.data_transfer() else {
        return contents;
    };
    let items = transfer.items();
    for i in 0..items.length() {
        let Some(item) = items.get(i) else { continue };
        if item.kind() != "file" {
            continue;
        }
        match item.webkit_get_as_entry().ok().flatten() {
            Some(entry) if entry.is_directory() => {
                if let Ok(folder) = entry.dyn_into::<web_sys::FileSystemDirectoryEntry>() {
                    contents.folders.push(folder);
                }
            }
            _ => {
                if let Ok(Some(file)) = item.get_as_file() {
                    contents.files.push(file);
                }
            }
        }
    }
    if contents.files.is_empty() && contents.folders.is_empty() {
        // A browser without items: the plain file list.
        contents.files = files_of(transfer.files());
    }
    contents
}

/// The drop's files, then each folder with every file under it.
pub async fn read_dropped(contents: DropContents) -> Vec<Dropped> {
    let mut dropped: Vec<Dropped> = contents.files.into_iter().map(Dropped::File).collect();
    for folder in contents.folders {
        let name = folder.name();
        let mut files = Vec::new();
        let mut pending = vec![(String::new(), folder)];
        while let Some((prefix, directory)) = pending.pop() {
            let reader = directory.create_reader();
            // readEntries gives a batch at a time, then an empty one.
            loop {
                let batch = match read_entries(&reader).await {
                    Ok(batch) if batch.length() > 0 => batch,
                    _ => break,
                };
                for entry in batch.iter() {
                    let Ok(entry) = entry.dyn_into::<web_sys::FileSystemEntry>() else {
                        continue;
                    };
                    let path = format!("{prefix}{}", entry.name());
                    if entry.is_directory() {
                        if let Ok(d) = entry.dyn_into::<web_sys::FileSystemDirectoryEntry>() {
                            pending.push((format!("{path}/"), d));
                        }
                    } else if let Ok(f) = entry.dyn_into::<web_sys::FileSystemFileEntry>() {
                        if let Ok(file) = file_of(&f).await {
                            files.push((path, file));
                        }
                    }
                }
            }
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        dropped.push(Dropped::Folder(DroppedFolder { name, files }));
    }
    dropped
}

async fn read_entries(reader: &web_sys::FileSystemDirectoryReader) -> Result<js_sys::Array, ()> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        if reader
            .read_entries_with_callback_and_callback(&resolve, &reject)
            .is_err()
        {
            let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
        .ok_or(())
}

async fn file_of(entry: &web_sys::FileSystemFileEntry) -> Result<web_sys::File, ()> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        entry.file_with_callback_and_callback(&resolve, &reject);
    });
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.dyn_into::<web_sys::File>().ok())
        .ok_or(())
}

/// Makes a file input choose folders (`webkitdirectory`; Leptos has no typed attribute for it).
pub fn choose_folders(input: &web_sys::HtmlInputElement) {
    input.set_webkitdirectory(true);
}

/// The files of a folder picker (`<input webkitdirectory>`) whose `change`
/// event this is, grouped by the folder chosen, each by its path within it
/// (`File.webkitRelativePath`). The picker is cleared, as for files.
pub fn take_picked_folders(event: &leptos::ev::Event) -> Vec<Dropped> {
    let mut folders: Vec<DroppedFolder> = Vec::new();
    for file in take_picked_files(event) {
        let relative = js_sys::Reflect::get(&file, &"webkitRelativePath".into())
            .ok()
            .and_then(|p| p.as_string())
            .unwrap_or_default();
        let (folder, path) = relative
            .split_once('/')
            .map(|(f, p)| (f.to_string(), p.to_string()))
            .unwrap_or_else(|| (String::new(), file.name()));
        match folders.iter_mut().find(|f| f.name == folder) {
            Some(f) => f.files.push((path, file)),
            None => folders.push(DroppedFolder {
                name: folder,
                files: vec![(path, file)],
            }),
        }
    }
    folders
        .into_iter()
        .map(|mut f| {
            f.files.sort_by(|a, b| a.0.cmp(&b.0));
            if f.name.is_empty() {
                f.name = "folder".to_string();
            }
            Dropped::Folder(f)
        })
        .collect()
}

/// Loose STATS19 casualty and collision files dropped or picked together go
/// to the import as one folder, so casualties are joined to their collisions
/// (`core::ingest::stats19`); everything else is left as it came.
pub fn joined_stats19(items: Vec<Dropped>) -> Vec<Dropped> {
    use crate::core::ingest::stats19::{looks_like_a_pair, named_like_stats19};
    let names: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Dropped::File(f) => Some(f.name()),
            Dropped::Folder(_) => None,
        })
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    if !looks_like_a_pair(&refs) {
        return items;
    }
    let mut joined = DroppedFolder {
        name: String::new(),
        files: Vec::new(),
    };
    let mut rest = Vec::new();
    for item in items {
        match item {
            Dropped::File(f) if named_like_stats19(&f.name()) => joined.files.push((f.name(), f)),
            other => rest.push(other),
        }
    }
    joined.name = format!("Road casualties ({} files)", joined.files.len());
    rest.insert(0, Dropped::Folder(joined));
    rest
}
