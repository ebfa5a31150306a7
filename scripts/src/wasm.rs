//! Processing, validation and measurement of a contract's wasm, the way
//! deployment does it.
//!
//! Arbitrum activates a Stylus program only if its wasm validates with the
//! feature set below, imports only from `vm_hooks`, exports
//! `user_entrypoint` and `memory`, and is at most 24 KiB after brotli
//! compression. Deployment (cargo-stylus) first round-trips the wasm
//! through the text format, which rewrites encodings that need the
//! reference-types proposal (an LLVM build emits `call_indirect`'s table
//! index as a multi-byte LEB) into their MVP form, then strips custom
//! sections.
use anyhow::{bail, Context, Result};
use wasm_encoder::{Module, RawSection};
use wasmparser::{Parser, Payload};

pub use stylus_runtime::activation::validate;

/// Processes a built wasm as deployment does: wasm -> text -> wasm, then
/// without custom sections.
///
/// # Errors
///
/// When the input is not a wasm module the tools can read.
pub fn process(raw: &[u8]) -> Result<Vec<u8>> {
    let text = wasmprinter::print_bytes(raw).context("printing wasm as text")?;
    let round_trip = wat::parse_str(&text).context("assembling the text back to wasm")?;
    strip_custom_sections(&round_trip)
}

/// Removes every custom section (names, producers, target features, ...).
///
/// # Errors
///
/// When the input is not a well-formed wasm module.
pub fn strip_custom_sections(wasm: &[u8]) -> Result<Vec<u8>> {
    let mut module = Module::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.context("parsing wasm")?;
        if let Payload::ComponentSection { .. } = payload {
            bail!("a component, not a core module");
        }
        if let Some((id, range)) = payload.as_section() {
            if id != 0 {
                let data = wasm
                    .get(range)
                    .context("section past the end of the module")?;
                module.section(&RawSection { id, data });
            }
        }
    }
    Ok(module.finish())
}

/// Compresses as the chain measures a program: brotli, quality 11, window
/// 2^22.
#[must_use]
pub fn compress(wasm: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut &wasm[..], &mut out, &params);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal Stylus-shaped program.
    const PROGRAM: &str = r#"
        (module
          (import "vm_hooks" "read_args" (func $read_args (param i32)))
          (memory (export "memory") 1)
          (table 1 funcref)
          (type $t (func (param i32) (result i32)))
          (func $id (type $t) local.get 0)
          (elem (i32.const 0) func $id)
          (func (export "user_entrypoint") (param i32) (result i32)
            local.get 0
            i32.const 0
            call_indirect (type $t))
          (@custom "producers" "rustc"))
    "#;

    fn program() -> Vec<u8> {
        wat::parse_str(PROGRAM).unwrap()
    }

    /// The program with `call_indirect`'s table index re-encoded as the
    /// two-byte LEB `0x80 0x00`, as LLVM emits it: same meaning, but only
    /// readable with the reference-types proposal.
    fn program_with_reference_types_encoding() -> Vec<u8> {
        let wasm = strip_custom_sections(&program()).unwrap();
        let mut code_section = None;
        let mut last_body = None;
        for payload in Parser::new(0).parse_all(&wasm) {
            match payload.unwrap() {
                Payload::CodeSectionStart { range, .. } => code_section = Some(range),
                Payload::CodeSectionEntry(body) => last_body = Some(body.range()),
                _ => {}
            }
        }
        let (code_section, last_body) = (code_section.unwrap(), last_body.unwrap());
        // In the entrypoint's body: call_indirect (0x11), a type, table 0x00.
        let at = last_body.start
            + wasm[last_body.clone()]
                .windows(3)
                .position(|w| w[0] == 0x11 && w[2] == 0x00)
                .unwrap();
        let mut patched = wasm[..at + 2].to_vec();
        patched.extend_from_slice(&[0x80, 0x00]);
        patched.extend_from_slice(&wasm[at + 3..]);
        // The section and the body each grow by one byte; both sizes are
        // one-byte LEBs in front of their contents in this small module.
        patched[code_section.start - 1] += 1;
        patched[last_body.start - 1] += 1;
        patched
    }

    #[test]
    fn processed_program_validates() {
        let processed = process(&program()).unwrap();
        validate(&processed).unwrap();
    }

    #[test]
    fn processing_strips_custom_sections() {
        let raw = program();
        let has_custom = |wasm: &[u8]| {
            Parser::new(0)
                .parse_all(wasm)
                .any(|p| matches!(p.unwrap(), Payload::CustomSection(_)))
        };
        assert!(has_custom(&raw));
        assert!(!has_custom(&process(&raw).unwrap()));
    }

    #[test]
    fn reference_types_encoding_is_refused_raw_and_accepted_processed() {
        let raw = program_with_reference_types_encoding();
        let err = validate(&raw).unwrap_err();
        assert!(format!("{err:#}").contains("feature"), "{err:#}");
        validate(&process(&raw).unwrap()).unwrap();
    }

    #[test]
    fn validation_refuses_foreign_imports() {
        let wasm = wat::parse_str(
            r#"(module
                (import "env" "abort" (func))
                (memory (export "memory") 1)
                (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#,
        )
        .unwrap();
        let err = validate(&wasm).unwrap_err();
        assert!(err.to_string().contains("only `vm_hooks`"), "{err}");
    }

    #[test]
    fn validation_refuses_missing_exports() {
        let no_entry = wat::parse_str(r#"(module (memory (export "memory") 1))"#).unwrap();
        assert!(validate(&no_entry)
            .unwrap_err()
            .to_string()
            .contains("user_entrypoint"));
        let no_memory = wat::parse_str(
            r#"(module (func (export "user_entrypoint") (param i32) (result i32) local.get 0))"#,
        )
        .unwrap();
        assert!(validate(&no_memory)
            .unwrap_err()
            .to_string()
            .contains("memory"));
    }

    #[test]
    fn validation_refuses_later_proposals() {
        let simd = wat::parse_str(
            r#"(module
                (memory (export "memory") 1)
                (func (export "user_entrypoint") (param i32) (result i32)
                  v128.const i64x2 0 0 drop local.get 0))"#,
        )
        .unwrap();
        assert!(validate(&simd).is_err());
        let multi_value = wat::parse_str(
            r#"(module
                (memory (export "memory") 1)
                (func $two (result i32 i32) i32.const 1 i32.const 2)
                (func (export "user_entrypoint") (param i32) (result i32)
                  call $two drop))"#,
        )
        .unwrap();
        assert!(validate(&multi_value).is_err());
    }

    #[test]
    fn compression_round_trips_and_shrinks() {
        let data = vec![7u8; 10_000];
        let compressed = compress(&data);
        assert!(compressed.len() < 100);
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &compressed[..], &mut out).unwrap();
        assert_eq!(out, data);
    }
}
