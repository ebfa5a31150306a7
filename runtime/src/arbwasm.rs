//! ArbOS's Stylus precompiles, as far as deployment and `suite` use them:
//! `ArbWasm` (0x71: activation, versions, lifetimes, keepalive) and
//! `ArbWasmCache` (0x72: the program cache). Semantics from nitro v3.9.5
//! (`precompiles/ArbWasm.go`, `arbos/programs/programs.go`): a program is
//! activated by its code hash; activation and keepalive cost a data fee
//! (the caller's value, the excess refunded); a program expires
//! [`EXPIRY_DAYS`] after its activation unless kept alive, which is
//! allowed [`KEEPALIVE_DAYS`] after it.
//!
//! The data fee is the pricer's minimum (no demand): 82,928,201 wei a byte
//! of the program's size estimate, taken here as its wasm's size. The gas
//! activation burns on chain is not charged.
use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_sol_types::{sol, SolCall, SolError, SolEvent};
use wasmi::Engine;

use crate::world::{Call, Log, Outcome, World};

/// `ArbWasm`'s address.
pub const ARB_WASM: Address = Address::with_last_byte(0x71);
/// `ArbWasmCache`'s address.
pub const ARB_WASM_CACHE: Address = Address::with_last_byte(0x72);
/// The Stylus version of ArbOS 40.
pub const STYLUS_VERSION: u16 = 2;
/// How long a program lives after activation or keepalive, days.
pub const EXPIRY_DAYS: u64 = 365;
/// How long after activation a keepalive is allowed, days.
pub const KEEPALIVE_DAYS: u64 = 31;
/// The data pricer's minimum price, wei a byte.
pub const MIN_DATA_PRICE: u64 = 82_928_201;
/// Gas a call into either precompile costs (its ABI decoding and storage
/// reads, as a nominal figure).
const PRECOMPILE_GAS: u64 = 2_600;

sol! {
    function activateProgram(address program) external payable returns (uint16 version, uint256 dataFee);
    function stylusVersion() external view returns (uint16 version);
    function codehashVersion(bytes32 codehash) external view returns (uint16 version);
    function codehashKeepalive(bytes32 codehash) external payable;
    function programVersion(address program) external view returns (uint16 version);
    function programTimeLeft(address program) external view returns (uint64 secs);
    function expiryDays() external view returns (uint16 days_);
    function keepaliveDays() external view returns (uint16 days_);
    function cacheProgram(address program) external;
    function codehashIsCached(bytes32 codehash) external view returns (bool);
    function isCacheManager(address manager) external view returns (bool);

    event ProgramActivated(bytes32 indexed codehash, bytes32 moduleHash, address program, uint256 dataFee, uint16 version);
    event ProgramLifetimeExtended(bytes32 indexed codehash, uint256 dataFee);

    error ProgramNotWasm();
    error ProgramNotActivated();
    error ProgramExpired(uint64 ageInSeconds);
    error ProgramUpToDate();
    error ProgramKeepaliveTooSoon(uint64 ageInSeconds);
    error ProgramInsufficientValue(uint256 have, uint256 want);
}

/// An activation, by code hash.
#[derive(Clone, Copy, Debug)]
pub struct Activated {
    /// The Stylus version it was activated against.
    pub version: u16,
    /// When it was activated or last kept alive.
    pub at: u64,
    /// Its data fee, wei.
    pub data_fee: U256,
}

/// Runs `call` when it is to `ArbWasm` or `ArbWasmCache` (the value has
/// moved to the precompile already).
pub(crate) fn call(engine: &Engine, world: &mut World, call: &Call) -> Option<Outcome> {
    if call.to != ARB_WASM && call.to != ARB_WASM_CACHE {
        return None;
    }
    let answer = if call.gas < PRECOMPILE_GAS {
        Err(Vec::new())
    } else {
        answer(engine, world, call)
    };
    Some(match answer {
        Ok(output) => Outcome {
            success: true,
            output,
            ink_used: PRECOMPILE_GAS * crate::pricing::INK_PER_GAS,
            trap: None,
        },
        Err(output) => Outcome {
            success: false,
            output,
            ink_used: PRECOMPILE_GAS.min(call.gas) * crate::pricing::INK_PER_GAS,
            trap: None,
        },
    })
}

/// The precompile's return data, or its revert data.
fn answer(engine: &Engine, world: &mut World, call: &Call) -> Result<Vec<u8>, Vec<u8>> {
    let data = &call.data;
    let selector: [u8; 4] = data
        .get(..4)
        .and_then(|s| s.try_into().ok())
        .ok_or_else(Vec::new)?;
    let now = world.timestamp;
    match selector {
        activateProgramCall::SELECTOR => {
            let program = activateProgramCall::abi_decode(data, true)
                .map_err(|_| Vec::new())?
                .program;
            let code = world.code_of(program);
            let codehash = keccak256(&code);
            if world
                .activated
                .get(&codehash)
                .is_some_and(|a| a.version == STYLUS_VERSION && now - a.at < EXPIRY_DAYS * 86_400)
            {
                return Err(ProgramUpToDate {}.abi_encode());
            }
            let wasm = wasm_of(&code).ok_or_else(|| ProgramNotWasm {}.abi_encode())?;
            let fee = data_fee(&wasm);
            if call.value < fee {
                return Err(ProgramInsufficientValue {
                    have: call.value,
                    want: fee,
                }
                .abi_encode());
            }
            world
                .deploy(engine, program, &wasm)
                .map_err(|_| ProgramNotWasm {}.abi_encode())?;
            world.activated.insert(
                codehash,
                Activated {
                    version: STYLUS_VERSION,
                    at: now,
                    data_fee: fee,
                },
            );
            // The excess returns to the caller.
            world.transfer(ARB_WASM, call.from, call.value - fee);
            emit(
                world,
                ProgramActivated {
                    codehash,
                    moduleHash: keccak256(&wasm),
                    program,
                    dataFee: fee,
                    version: STYLUS_VERSION,
                }
                .encode_log_data(),
            );
            Ok(activateProgramCall::abi_encode_returns(&(
                STYLUS_VERSION,
                fee,
            )))
        }
        stylusVersionCall::SELECTOR => {
            Ok(stylusVersionCall::abi_encode_returns(&(STYLUS_VERSION,)))
        }
        codehashVersionCall::SELECTOR => {
            let codehash = codehashVersionCall::abi_decode(data, true)
                .map_err(|_| Vec::new())?
                .codehash;
            let activated = live(world, codehash)?;
            Ok(codehashVersionCall::abi_encode_returns(&(
                activated.version,
            )))
        }
        programVersionCall::SELECTOR => {
            let program = programVersionCall::abi_decode(data, true)
                .map_err(|_| Vec::new())?
                .program;
            let activated = live(world, keccak256(world.code_of(program)))?;
            Ok(programVersionCall::abi_encode_returns(
                &(activated.version,),
            ))
        }
        programTimeLeftCall::SELECTOR => {
            let program = programTimeLeftCall::abi_decode(data, true)
                .map_err(|_| Vec::new())?
                .program;
            let activated = live(world, keccak256(world.code_of(program)))?;
            let left = (activated.at + EXPIRY_DAYS * 86_400).saturating_sub(now);
            Ok(programTimeLeftCall::abi_encode_returns(&(left,)))
        }
        codehashKeepaliveCall::SELECTOR => {
            let codehash = codehashKeepaliveCall::abi_decode(data, true)
                .map_err(|_| Vec::new())?
                .codehash;
            let activated = live(world, codehash)?;
            let age = now.saturating_sub(activated.at);
            if age < KEEPALIVE_DAYS * 86_400 {
                return Err(ProgramKeepaliveTooSoon { ageInSeconds: age }.abi_encode());
            }
            let fee = activated.data_fee;
            if call.value < fee {
                return Err(ProgramInsufficientValue {
                    have: call.value,
                    want: fee,
                }
                .abi_encode());
            }
            world.activated.insert(
                codehash,
                Activated {
                    at: now,
                    ..activated
                },
            );
            world.transfer(ARB_WASM, call.from, call.value - fee);
            emit(
                world,
                ProgramLifetimeExtended {
                    codehash,
                    dataFee: fee,
                }
                .encode_log_data(),
            );
            Ok(Vec::new())
        }
        expiryDaysCall::SELECTOR => Ok(expiryDaysCall::abi_encode_returns(&(EXPIRY_DAYS as u16,))),
        keepaliveDaysCall::SELECTOR => Ok(keepaliveDaysCall::abi_encode_returns(&(
            KEEPALIVE_DAYS as u16,
        ))),
        cacheProgramCall::SELECTOR => {
            let program = cacheProgramCall::abi_decode(data, true)
                .map_err(|_| Vec::new())?
                .program;
            live(world, keccak256(world.code_of(program)))?;
            world.cached.insert(program);
            Ok(Vec::new())
        }
        codehashIsCachedCall::SELECTOR => {
            let codehash = codehashIsCachedCall::abi_decode(data, true)
                .map_err(|_| Vec::new())?
                .codehash;
            let cached = world
                .cached
                .iter()
                .any(|p| keccak256(world.code_of(*p)) == codehash);
            Ok(codehashIsCachedCall::abi_encode_returns(&(cached,)))
        }
        isCacheManagerCall::SELECTOR => Ok(isCacheManagerCall::abi_encode_returns(&(true,))),
        _ => Err(Vec::new()),
    }
}

/// The activation of `codehash` when it has not expired.
fn live(world: &World, codehash: B256) -> Result<Activated, Vec<u8>> {
    let activated = world
        .activated
        .get(&codehash)
        .copied()
        .ok_or_else(|| ProgramNotActivated {}.abi_encode())?;
    let age = world.timestamp.saturating_sub(activated.at);
    if age >= EXPIRY_DAYS * 86_400 {
        return Err(ProgramExpired { ageInSeconds: age }.abi_encode());
    }
    Ok(activated)
}

/// The data fee of activating `wasm` (see the module's documentation).
#[must_use]
pub fn data_fee(wasm: &[u8]) -> U256 {
    U256::from(MIN_DATA_PRICE) * U256::from(wasm.len())
}

/// The wasm of a Stylus program's code: after the prefix and a dictionary
/// byte of 0 (none), brotli-decompressed.
#[must_use]
pub fn wasm_of(code: &[u8]) -> Option<Vec<u8>> {
    let compressed = code
        .strip_prefix(&crate::evm::STYLUS_PREFIX)?
        .strip_prefix(&[0])?;
    let mut wasm = Vec::new();
    brotli::BrotliDecompress(&mut &compressed[..], &mut wasm).ok()?;
    Some(wasm)
}

/// Appends a log of `ArbWasm`.
fn emit(world: &mut World, data: alloy_primitives::LogData) {
    world.logs.push(Log {
        address: ARB_WASM,
        topics: data.topics().to_vec(),
        data: data.data.to_vec(),
    });
}
