//! A Stylus test runtime: executes the processed wasm the suite deploys,
//! with the semantics and the gas of Arbitrum's Stylus (nitro v3.9.5,
//! ArbOS 40's Stylus parameters), for end-to-end tests, `suite bench` and
//! a loopback test node.
//!
//! Built in steps (issue #14). So far: [`ink`], the metering
//! instrumentation activation applies to every program, with nitro's ink
//! price per instruction; [`world`], programs executed on the wasmi engine
//! with the host I/O the contracts import ([`host`]), calling each other,
//! with reverts undone, each hostio paying its ink ([`pricing`]). Next:
//! the EVM side's gas (storage, accounts, calls), memory and program init; the EVM side on revm (plain contracts, precompiles, ArbWasm);
//! the calibration against the figures measured on a real Stylus runtime.
pub mod activation;
mod host;
pub mod ink;
pub mod memory;
pub mod pricing;
pub mod world;
