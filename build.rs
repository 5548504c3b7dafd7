//! With the `split` feature, the page's WebAssembly keeps its relocations
//! (`--emit-relocs`): tools/split-wasm.mjs needs them to cut the on-demand
//! parts (`ui::on_demand`) out into chunks of their own. Only the page's
//! binary is linked so; nothing else changes.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=csp-workbench=--emit-relocs");
    }
}
