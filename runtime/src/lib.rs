//! A Stylus test runtime: executes the processed wasm the suite deploys,
//! with the semantics and the gas of Arbitrum's Stylus (nitro v3.9.5 under
//! ArbOS 60, [`world::ARBOS_VERSION`]; Stylus parameters as since ArbOS
//! 40), for end-to-end tests, `suite bench` and a loopback test node.
//!
//! [`ink`]: the metering instrumentation activation applies to every
//! program, with nitro's ink price per instruction; [`activation`]: what
//! activation records (footprint, init costs); [`world`]: programs executed
//! on the wasmi engine with the host I/O the contracts import, calling each
//! other, value moving with calls, reverts undone, the EVM's precompiles
//! (revm's); [`pricing`] and [`memory`]: hostio ink, EIP-2929/2200 storage
//! and account gas, the memory model; [`stack`]: how deep each program's
//! stack goes, and stack overflows told from other traps. Calibrated against figures measured
//! on a real Stylus runtime (`tests/calibration/`). Not yet: plain EVM
//! contracts, ArbWasm and ArbWasmCache, the loopback node.
pub mod activation;
pub mod arbwasm;
pub mod evm;
mod host;
pub mod ink;
pub mod memory;
pub mod pricing;
pub mod stack;
pub mod trace;
pub mod world;

/// The wasm engine programs run on (its `Engine` is every call's first
/// argument).
pub use wasmi;
