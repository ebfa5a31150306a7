//! The host side of a program: instantiation with the `vm_hooks` imports
//! the suite's contracts use, their semantics (nitro's
//! `user-host-trait`) and their ink ([`crate::pricing`]); the EVM side's
//! gas (storage, accounts, calls) comes next.
//!
//! Not yet implemented (they trap, so a test that needs one fails loudly):
//! `create1`, `create2`, `account_code`.
//! Approximated until the EVM side exists: `account_code_size` answers 1
//! for a program and 0 otherwise, `account_codehash` a hash of the
//! program's address, and blocks have no base fee or coinbase.
use alloy_primitives::{keccak256, Address, B256, U256};
use wasmi::{Caller, Engine, Extern, Func, Global, Linker, Memory, Store, Val};

use crate::{
    ink::{INK_LEFT, INK_STATUS},
    pricing::{self, read_price, write_price},
    world::{Call, Log, Outcome, World},
};

/// A storage word the program's cache holds.
#[derive(Clone, Copy, Debug)]
struct Word {
    /// Its current value.
    value: B256,
    /// Its value in the world, if known.
    known: Option<B256>,
}

impl Word {
    /// A word read from the world.
    fn known(value: B256) -> Self {
        Self {
            value,
            known: Some(value),
        }
    }
}

/// The host-side storage cache of one program execution (nitro's
/// `StorageCache`): reads after the first and writes until a flush stay
/// here; the first 32 reads and 8 writes are free, then 2 (7) gas each, 10
/// after 128 (64).
#[derive(Default)]
struct Cache {
    /// Slot -> word.
    slots: std::collections::HashMap<B256, Word>,
    /// Reads so far.
    reads: u64,
    /// Writes so far.
    writes: u64,
}

impl Cache {
    /// The gas of the next read.
    fn read_gas(&mut self) -> u64 {
        self.reads += 1;
        match self.reads {
            0..=32 => 0,
            33..=128 => 2,
            _ => 10,
        }
    }

    /// The gas of the next write.
    fn write_gas(&mut self) -> u64 {
        self.writes += 1;
        match self.writes {
            0..=8 => 0,
            9..=64 => 7,
            _ => 10,
        }
    }
}

/// What a running program's host functions see.
struct Host {
    /// The storage cache of this execution.
    cache: Cache,
    /// The engine, for nested calls.
    engine: Engine,
    /// The world, moved in for the call.
    world: World,
    /// The call being executed.
    call: Call,
    /// What the program wrote as its result.
    result: Vec<u8>,
    /// The return data of the last call it made.
    return_data: Vec<u8>,
    /// The lowest stack pointer the program reached ([`crate::stack`]).
    stack_low: Option<i32>,
    /// Ink paid through hostios (nested calls included), to tell it from
    /// the ink of the program's own instructions.
    hostio_ink: u64,
}

/// A trap raised by the host.
fn trap(message: &str) -> wasmi::Error {
    wasmi::Error::new(message.to_string())
}

/// The program's memory.
fn memory(caller: &Caller<'_, Host>) -> Result<Memory, wasmi::Error> {
    match caller.get_export("memory") {
        Some(Extern::Memory(memory)) => Ok(memory),
        _ => Err(trap("no memory export")),
    }
}

/// Reads `len` bytes at `ptr`.
fn read(caller: &Caller<'_, Host>, ptr: i32, len: i32) -> Result<Vec<u8>, wasmi::Error> {
    let mut buf = vec![0u8; usize::try_from(len).map_err(|_| trap("length"))?];
    memory(caller)?
        .read(caller, ptr as u32 as usize, &mut buf)
        .map_err(|_| trap("out of bounds read"))?;
    Ok(buf)
}

/// Writes `data` at `ptr`.
fn write(caller: &mut Caller<'_, Host>, ptr: i32, data: &[u8]) -> Result<(), wasmi::Error> {
    memory(caller)?
        .write(&mut *caller, ptr as u32 as usize, data)
        .map_err(|_| trap("out of bounds write"))
}

/// Reads a 20-byte address at `ptr`.
fn read_address(caller: &Caller<'_, Host>, ptr: i32) -> Result<Address, wasmi::Error> {
    Ok(Address::from_slice(&read(caller, ptr, 20)?))
}

/// Reads a 32-byte word at `ptr`.
fn read_word(caller: &Caller<'_, Host>, ptr: i32) -> Result<B256, wasmi::Error> {
    Ok(B256::from_slice(&read(caller, ptr, 32)?))
}

/// How a program calls another account.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `call_contract`: value may move, state may change.
    Plain,
    /// `static_call_contract`: no value, no state change.
    Static,
    /// `delegate_call_contract`: the callee's code in this frame's account.
    Delegate,
}

/// A call the program makes (`call_contract`, `static_call_contract`,
/// `delegate_call_contract`).
///
/// As nitro's `doCall`: the caller pays `WasmCallCost` (EIP-2929 access,
/// value transfer), the callee gets at most 63/64 of the gas left (and
/// `gas_req` at the most), plus the stipend when value moves, and the
/// caller pays the gas the callee used. A delegate call runs `to`'s code
/// with this frame's account, caller, value and staticness.
#[allow(clippy::too_many_arguments)]
fn sub_call(
    caller: &mut Caller<'_, Host>,
    to: Address,
    data: Vec<u8>,
    value: U256,
    kind: Kind,
    gas_req: u64,
    return_len_ptr: i32,
) -> Result<i32, wasmi::Error> {
    let frame = caller.data().call.clone();
    let is_static = kind == Kind::Static || frame.is_static;
    let engine = caller.data().engine.clone();
    if is_static && !value.is_zero() {
        // Read-only calls are not payable (the EVM's write protection):
        // the call fails, at no cost, with no return data.
        caller.data_mut().return_data = Vec::new();
        write(caller, return_len_ptr, &0u32.to_le_bytes())?;
        return Ok(1);
    }
    let world = &mut caller.data_mut().world;
    let mut cost = pricing::WARM_ACCOUNT_GAS;
    if world.warm_accounts.insert(to) {
        cost += pricing::COLD_ACCOUNT_EXTRA_GAS;
    }
    if !value.is_zero() {
        let empty =
            !world.programs.contains_key(&to) && world.balances.get(&to).is_none_or(U256::is_zero);
        if empty {
            cost += pricing::CALL_NEW_ACCOUNT_GAS;
        }
        cost += pricing::CALL_VALUE_GAS;
    }
    buy(caller, cost * pricing::INK_PER_GAS)?;
    let left = u64::try_from(ink_left(caller)).unwrap_or(0) / pricing::INK_PER_GAS;
    let gas = (left - left / 64).min(gas_req);
    let stipend = if value.is_zero() {
        0
    } else {
        pricing::CALL_STIPEND
    };
    let call = if kind == Kind::Delegate {
        Call {
            data,
            gas,
            delegate: Some(to),
            ..frame
        }
    } else {
        Call {
            from: frame.to,
            to,
            value,
            data,
            is_static,
            gas: gas + stipend,
            delegate: None,
        }
    };
    let mut world = std::mem::take(&mut caller.data_mut().world);
    let outcome = world.call(&engine, &call);
    caller.data_mut().world = world;
    // The callee's leftover gas (its ink rounded down) returns; the caller
    // pays the rest of what it was given, the stipend aside.
    let given = (gas + stipend) * pricing::INK_PER_GAS;
    let returned = given.saturating_sub(outcome.ink_used) / pricing::INK_PER_GAS;
    let used = (gas + stipend)
        .saturating_sub(returned)
        .saturating_sub(stipend);
    buy(caller, used * pricing::INK_PER_GAS)?;
    let len = u32::try_from(outcome.output.len()).map_err(|_| trap("return data"))?;
    caller.data_mut().return_data = outcome.output;
    write(caller, return_len_ptr, &len.to_le_bytes())?;
    Ok(i32::from(!outcome.success))
}

/// Defines every `vm_hooks` import.
#[allow(clippy::too_many_lines)]
fn link(linker: &mut Linker<Host>) -> Result<(), wasmi::Error> {
    let m = "vm_hooks";
    linker.func_wrap(m, "read_args", |mut c: Caller<'_, Host>, dest: i32| {
        let args = c.data().call.data.clone();
        let len = u32::try_from(args.len()).map_err(|_| trap("calldata"))?;
        buy(&mut c, pricing::PLAIN + write_price(len))?;
        write(&mut c, dest, &args)
    })?;
    linker.func_wrap(
        m,
        "write_result",
        |mut c: Caller<'_, Host>, ptr: i32, len: i32| -> Result<(), wasmi::Error> {
            // Read from the program, and again by the EVM side.
            buy(&mut c, pricing::PLAIN + 2 * read_price(len32(len)))?;
            let data = read(&c, ptr, len)?;
            c.data_mut().result = data;
            Ok(())
        },
    )?;
    linker.func_wrap(
        m,
        "storage_load_bytes32",
        |mut c: Caller<'_, Host>, key: i32, dest: i32| {
            buy(&mut c, pricing::STORAGE)?;
            require_gas(
                &c,
                pricing::COLD_SLOAD_GAS + pricing::CACHE_ACCESS_GAS + pricing::EVM_API_GAS,
            )?;
            let slot = read_word(&c, key)?;
            let contract = c.data().call.to;
            let host = c.data_mut();
            let mut gas = host.cache.read_gas();
            let value = if let Some(word) = host.cache.slots.get(&slot) {
                word.value
            } else {
                gas += host.world.sload_gas(contract, slot) + pricing::EVM_API_GAS;
                let value = host.world.load(contract, slot);
                host.cache.slots.insert(slot, Word::known(value));
                value
            };
            buy(&mut c, gas * pricing::INK_PER_GAS)?;
            write(&mut c, dest, value.as_slice())
        },
    )?;
    linker.func_wrap(
        m,
        "storage_cache_bytes32",
        |mut c: Caller<'_, Host>, key: i32, value: i32| {
            buy(&mut c, pricing::STORAGE)?;
            require_gas(&c, pricing::SSTORE_SENTRY_GAS + pricing::CACHE_ACCESS_GAS)?;
            let slot = read_word(&c, key)?;
            let value = read_word(&c, value)?;
            let cache = &mut c.data_mut().cache;
            let gas = cache.write_gas();
            cache
                .slots
                .entry(slot)
                .and_modify(|word| word.value = value)
                .or_insert(Word { value, known: None });
            buy(&mut c, gas * pricing::INK_PER_GAS)
        },
    )?;
    linker.func_wrap(
        m,
        "storage_flush_cache",
        |mut c: Caller<'_, Host>, clear: i32| -> Result<(), wasmi::Error> {
            buy(&mut c, pricing::WITH_EVM)?;
            require_gas(&c, pricing::SSTORE_SENTRY_GAS)?;
            let contract = c.data().call.to;
            let is_static = c.data().call.is_static;
            let host = c.data_mut();
            let mut dirty: Vec<(B256, B256)> = host
                .cache
                .slots
                .iter()
                .filter(|(_, word)| word.known != Some(word.value))
                .map(|(slot, word)| (*slot, word.value))
                .collect();
            // The EVM side writes in key order here; nitro's order is its
            // map's, which changes no cost (each slot is priced alone).
            dirty.sort();
            if !dirty.is_empty() && is_static {
                return Err(trap("write protection: storage write in a static call"));
            }
            let mut gas = 0;
            for (slot, value) in &dirty {
                gas += host.world.sstore_gas(contract, *slot, *value);
                host.world
                    .storage
                    .entry(contract)
                    .or_default()
                    .insert(*slot, *value);
            }
            for word in host.cache.slots.values_mut() {
                word.known = Some(word.value);
            }
            if clear != 0 {
                host.cache.slots.clear();
            }
            buy(&mut c, gas * pricing::INK_PER_GAS)
        },
    )?;
    linker.func_wrap(m, "msg_sender", |mut c: Caller<'_, Host>, dest: i32| {
        buy(&mut c, pricing::ONE_PTR)?;
        let from = c.data().call.from;
        write(&mut c, dest, from.as_slice())
    })?;
    linker.func_wrap(m, "msg_value", |mut c: Caller<'_, Host>, dest: i32| {
        buy(&mut c, pricing::ONE_PTR)?;
        let value = c.data().call.value.to_be_bytes::<32>();
        write(&mut c, dest, &value)
    })?;
    linker.func_wrap(
        m,
        "msg_reentrant",
        |mut c: Caller<'_, Host>| -> Result<i32, wasmi::Error> {
            buy(&mut c, pricing::PLAIN)?;
            let to = c.data().call.to;
            let world = &c.data().world;
            // The program itself is on top of the stack.
            Ok(i32::from(
                world.stack.iter().filter(|a| **a == to).count() > 1,
            ))
        },
    )?;
    linker.func_wrap(
        m,
        "contract_address",
        |mut c: Caller<'_, Host>, dest: i32| {
            buy(&mut c, pricing::ONE_PTR)?;
            let to = c.data().call.to;
            write(&mut c, dest, to.as_slice())
        },
    )?;
    linker.func_wrap(m, "tx_origin", |mut c: Caller<'_, Host>, dest: i32| {
        buy(&mut c, pricing::ONE_PTR)?;
        let origin = c.data().world.origin;
        write(&mut c, dest, origin.as_slice())
    })?;
    linker.func_wrap(
        m,
        "block_timestamp",
        |mut c: Caller<'_, Host>| -> Result<i64, wasmi::Error> {
            buy(&mut c, pricing::PLAIN)?;
            Ok(i64::try_from(c.data().world.timestamp).unwrap_or(i64::MAX))
        },
    )?;
    linker.func_wrap(
        m,
        "block_number",
        |mut c: Caller<'_, Host>| -> Result<i64, wasmi::Error> {
            buy(&mut c, pricing::PLAIN)?;
            Ok(i64::try_from(c.data().world.block).unwrap_or(i64::MAX))
        },
    )?;
    linker.func_wrap(
        m,
        "chainid",
        |mut c: Caller<'_, Host>| -> Result<i64, wasmi::Error> {
            buy(&mut c, pricing::PLAIN)?;
            Ok(i64::try_from(c.data().world.chain_id).unwrap_or(i64::MAX))
        },
    )?;
    linker.func_wrap(
        m,
        "block_gas_limit",
        |mut c: Caller<'_, Host>| -> Result<i64, wasmi::Error> {
            buy(&mut c, pricing::PLAIN)?;
            Ok(i64::try_from(crate::world::GAS_LIMIT).unwrap_or(i64::MAX))
        },
    )?;
    linker.func_wrap(m, "block_basefee", |mut c: Caller<'_, Host>, dest: i32| {
        buy(&mut c, pricing::ONE_PTR)?;
        write(&mut c, dest, &[0u8; 32])
    })?;
    linker.func_wrap(m, "tx_gas_price", |mut c: Caller<'_, Host>, dest: i32| {
        buy(&mut c, pricing::ONE_PTR)?;
        write(&mut c, dest, &[0u8; 32])
    })?;
    linker.func_wrap(m, "block_coinbase", |mut c: Caller<'_, Host>, dest: i32| {
        buy(&mut c, pricing::ONE_PTR)?;
        write(&mut c, dest, &[0u8; 20])
    })?;
    linker.func_wrap(
        m,
        "tx_ink_price",
        |mut c: Caller<'_, Host>| -> Result<i32, wasmi::Error> {
            buy(&mut c, pricing::PLAIN)?;
            Ok(10_000)
        },
    )?;
    linker.func_wrap(
        m,
        "evm_ink_left",
        |mut c: Caller<'_, Host>| -> Result<i64, wasmi::Error> {
            buy(&mut c, pricing::PLAIN)?;
            Ok(ink_left(&c))
        },
    )?;
    linker.func_wrap(
        m,
        "evm_gas_left",
        |mut c: Caller<'_, Host>| -> Result<i64, wasmi::Error> {
            buy(&mut c, pricing::PLAIN)?;
            Ok(ink_left(&c) / 10_000)
        },
    )?;
    linker.func_wrap(
        m,
        "native_keccak256",
        |mut c: Caller<'_, Host>, ptr: i32, len: i32, dest: i32| {
            buy(&mut c, pricing::keccak_price(len32(len)))?;
            let hash = keccak256(read(&c, ptr, len)?);
            write(&mut c, dest, hash.as_slice())
        },
    )?;
    linker.func_wrap(
        m,
        "emit_log",
        |mut c: Caller<'_, Host>, ptr: i32, len: i32, topics: i32| -> Result<(), wasmi::Error> {
            buy(&mut c, pricing::WITH_EVM)?;
            let (count, bytes) = (len32(topics), len32(len));
            if count > 4 || bytes < count * 32 {
                return Err(trap("bad log"));
            }
            buy(
                &mut c,
                read_price(bytes) + pricing::log_price(count, bytes - count * 32),
            )?;
            let data = read(&c, ptr, len)?;
            // At most four.
            let topics = count as usize;
            if c.data().call.is_static {
                return Err(trap("log in a static call"));
            }
            let (head, body) = data.split_at(topics * 32);
            let log = Log {
                address: c.data().call.to,
                topics: head.chunks(32).map(B256::from_slice).collect(),
                data: body.to_vec(),
            };
            c.data_mut().world.logs.push(log);
            Ok(())
        },
    )?;
    linker.func_wrap(
        m,
        "pay_for_memory_grow",
        |mut c: Caller<'_, Host>, pages: i32| -> Result<(), wasmi::Error> {
            buy(&mut c, pricing::PLAIN)?;
            let pages = u16::try_from(pages).map_err(|_| trap("pages"))?;
            let (open, ever) = c.data().world.pages;
            let gas = crate::memory::gas(pages, open, ever);
            let new_open = open.saturating_add(pages);
            c.data_mut().world.pages = (new_open, ever.max(new_open));
            buy(&mut c, gas.saturating_mul(pricing::INK_PER_GAS))
        },
    )?;
    linker.func_wrap(
        m,
        "return_data_size",
        |mut c: Caller<'_, Host>| -> Result<i32, wasmi::Error> {
            buy(&mut c, pricing::PLAIN)?;
            Ok(i32::try_from(c.data().return_data.len()).unwrap_or(i32::MAX))
        },
    )?;
    linker.func_wrap(
        m,
        "read_return_data",
        |mut c: Caller<'_, Host>, dest: i32, offset: i32, size: i32| -> Result<i32, wasmi::Error> {
            // Only as many bytes as could be written.
            let max = u32::try_from(c.data().return_data.len())
                .unwrap_or(u32::MAX)
                .saturating_sub(len32(offset));
            buy(
                &mut c,
                pricing::WITH_EVM + write_price(len32(size).min(max)),
            )?;
            let data = &c.data().return_data;
            let start = (offset as u32 as usize).min(data.len());
            let end = start.saturating_add(size as u32 as usize).min(data.len());
            let slice = data[start..end].to_vec();
            write(&mut c, dest, &slice)?;
            Ok(i32::try_from(slice.len()).unwrap_or(i32::MAX))
        },
    )?;
    linker.func_wrap(
        m,
        "call_contract",
        |mut c: Caller<'_, Host>,
         to: i32,
         data: i32,
         len: i32,
         value: i32,
         gas: i64,
         ret: i32|
         -> Result<i32, wasmi::Error> {
            // The calldata is read from the program and by the EVM side.
            buy(&mut c, pricing::CALL + 2 * read_price(len32(len)))?;
            let to = read_address(&c, to)?;
            let data = read(&c, data, len)?;
            let value = U256::from_be_bytes(read_word(&c, value)?.0);
            sub_call(&mut c, to, data, value, Kind::Plain, gas as u64, ret)
        },
    )?;
    // Static and delegate calls take the same arguments (no value).
    for (name, kind) in [
        ("static_call_contract", Kind::Static),
        ("delegate_call_contract", Kind::Delegate),
    ] {
        linker.func_wrap(
            m,
            name,
            move |mut c: Caller<'_, Host>,
                  to: i32,
                  data: i32,
                  len: i32,
                  gas: i64,
                  ret: i32|
                  -> Result<i32, wasmi::Error> {
                buy(&mut c, pricing::CALL + 2 * read_price(len32(len)))?;
                let to = read_address(&c, to)?;
                let data = read(&c, data, len)?;
                sub_call(&mut c, to, data, U256::ZERO, kind, gas as u64, ret)
            },
        )?;
    }
    linker.func_wrap(
        m,
        "account_balance",
        |mut c: Caller<'_, Host>, account: i32, dest: i32| {
            buy(&mut c, pricing::ACCOUNT)?;
            let account = read_address(&c, account)?;
            let balance = c
                .data()
                .world
                .balances
                .get(&account)
                .copied()
                .unwrap_or_default();
            write(&mut c, dest, &balance.to_be_bytes::<32>())
        },
    )?;
    linker.func_wrap(
        m,
        "account_code_size",
        |mut c: Caller<'_, Host>, account: i32| -> Result<i32, wasmi::Error> {
            buy(&mut c, pricing::WITH_EVM)?;
            let account = read_address(&c, account)?;
            // A program activated without code answers the prefix's size.
            let size = c.data().world.code_of(account).len();
            i32::try_from(size).map_err(|_| trap("code size"))
        },
    )?;
    linker.func_wrap(
        m,
        "account_codehash",
        |mut c: Caller<'_, Host>, account: i32, dest: i32| {
            buy(&mut c, pricing::ACCOUNT)?;
            let account = read_address(&c, account)?;
            let world = &c.data().world;
            let hash = if world.is_empty(account) {
                B256::ZERO
            } else {
                keccak256(world.code_of(account))
            };
            write(&mut c, dest, hash.as_slice())
        },
    )?;
    linker.func_wrap(
        m,
        "account_code",
        |_: Caller<'_, Host>, _: i32, _: i32, _: i32, _: i32| -> Result<i32, wasmi::Error> {
            Err(trap("account_code is not supported yet"))
        },
    )?;
    linker.func_wrap(
        m,
        "create1",
        |_: Caller<'_, Host>, _: i32, _: i32, _: i32, _: i32, _: i32| -> Result<(), wasmi::Error> {
            Err(trap("create1 is not supported yet"))
        },
    )?;
    linker.func_wrap(
        m,
        "create2",
        |_: Caller<'_, Host>,
         _: i32,
         _: i32,
         _: i32,
         _: i32,
         _: i32,
         _: i32|
         -> Result<(), wasmi::Error> { Err(trap("create2 is not supported yet")) },
    )?;
    Ok(())
}

/// Pays `ink` from the running program's meter, or runs it out of ink
/// (status 1, as a block short of ink does).
fn buy(caller: &mut Caller<'_, Host>, ink: u64) -> Result<(), wasmi::Error> {
    let (Some(Extern::Global(left)), Some(Extern::Global(status))) =
        (caller.get_export(INK_LEFT), caller.get_export(INK_STATUS))
    else {
        return Err(trap("not metered"));
    };
    let have = match left.get(&*caller) {
        Val::I64(ink) => u64::try_from(ink).unwrap_or(0),
        _ => 0,
    };
    if have < ink {
        status.set(&mut *caller, Val::I32(1))?;
        return Err(trap("out of ink"));
    }
    // `ink <= have <= i64::MAX`.
    caller.data_mut().hostio_ink += ink;
    left.set(
        &mut *caller,
        Val::I64(i64::try_from(have - ink).unwrap_or(0)),
    )?;
    Ok(())
}

/// Checks that `gas` could be paid, without paying it (nitro's
/// `require_gas`: the EVM's sentries).
fn require_gas(caller: &Caller<'_, Host>, gas: u64) -> Result<(), wasmi::Error> {
    let left = u64::try_from(ink_left(caller)).unwrap_or(0);
    if left < gas * pricing::INK_PER_GAS {
        return Err(trap("out of ink"));
    }
    Ok(())
}

/// A length as the hostios take it (a wasm32 `usize`).
fn len32(len: i32) -> u32 {
    len as u32
}

/// The ink left in the running program.
fn ink_left(caller: &Caller<'_, Host>) -> i64 {
    match caller.get_export(INK_LEFT) {
        Some(Extern::Global(global)) => match global.get(caller) {
            Val::I64(ink) => ink,
            _ => 0,
        },
        _ => 0,
    }
}

/// Runs `call` against `world` (which it moves into the program's store
/// and back).
pub(crate) fn execute(engine: &Engine, world: &mut World, call: &Call) -> Outcome {
    let failed = |trap: String| Outcome {
        success: false,
        output: Vec::new(),
        ink_used: 0,
        trap: Some(trap),
    };
    let code = call.code_address();
    let Some(program) = world.programs.get(&code).cloned() else {
        return failed(format!("no program at {code}"));
    };
    // Entering the program: memory for its footprint, and its init.
    let activation = program.activation;
    let (open, ever) = world.pages;
    // ArbOS 60's recent-programs cache: a program entered again in the
    // block is cached (nitro's `statedb.GetRecentWasms()`).
    let recent = !world.recent.insert(code) && world.arbos_version >= 60;
    let cached = world.cached.contains(&code) || recent;
    let mut entry = crate::memory::gas(activation.footprint, open, ever) + activation.cached_gas();
    if !cached {
        entry += activation.init_gas();
    }
    if entry > call.gas {
        return Outcome {
            success: false,
            output: Vec::new(),
            ink_used: call.gas.saturating_mul(pricing::INK_PER_GAS),
            trap: Some("out of gas entering the program".into()),
        };
    }
    let selector = call
        .data
        .get(..4)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .unwrap_or_default();
    world.record(crate::trace::Step::Enter {
        program: code,
        depth: world.depth,
        selector,
        entry,
        cached,
    });
    let new_open = open.saturating_add(activation.footprint);
    world.pages = (new_open, ever.max(new_open));
    // A delegate call runs in the delegating frame's account, which does
    // not count as entered again (nitro's reentrancy counter).
    if call.delegate.is_none() {
        world.stack.push(call.to);
    }
    let host = Host {
        cache: Cache::default(),
        engine: engine.clone(),
        world: std::mem::take(world),
        call: call.clone(),
        result: Vec::new(),
        return_data: Vec::new(),
        stack_low: None,
        hostio_ink: 0,
    };
    let mut store = Store::new(engine, host);
    let entered = Call {
        gas: call.gas - entry,
        ..call.clone()
    };
    let outcome = run(&mut store, &program.module, &entered);
    let stack_low = store.data().stack_low;
    let hostio_ink = store.data().hostio_ink;
    *world = std::mem::take(&mut store.data_mut().world);
    if call.delegate.is_none() {
        world.stack.pop();
    }
    // The program's pages close when it returns; the most ever open stay.
    world.pages.0 = open;
    let mut outcome = outcome.unwrap_or_else(|err| failed(err.to_string()));
    if let (Some(top), Some(low)) = (program.stack_top, stack_low) {
        if low < 0 {
            outcome.trap = Some(format!(
                "stack overflow: the stack of {top} bytes is too small ({:?})",
                outcome.trap
            ));
        } else if let Some(used) = top.checked_sub(low.unsigned_abs()) {
            let deepest = world.stack_use.entry(code).or_default();
            *deepest = (*deepest).max(used);
        }
    }
    let compute = outcome.ink_used.saturating_sub(hostio_ink) / pricing::INK_PER_GAS;
    outcome.ink_used += entry * pricing::INK_PER_GAS;
    world.record(crate::trace::Step::Exit {
        program: code,
        gas: outcome.gas_used(),
        compute,
        success: outcome.success,
    });
    outcome
}

/// Instantiates the program and calls `user_entrypoint`.
fn run(
    store: &mut Store<Host>,
    module: &wasmi::Module,
    call: &Call,
) -> Result<Outcome, wasmi::Error> {
    let engine = store.engine().clone();
    let limit = call.gas.saturating_mul(pricing::INK_PER_GAS);
    let mut linker = Linker::new(&engine);
    link(&mut linker)?;
    let instance = linker
        .instantiate(&mut *store, module)?
        .start(&mut *store)?;
    let ink = instance
        .get_global(&*store, INK_LEFT)
        .ok_or_else(|| trap("not metered"))?;
    ink.set(
        &mut *store,
        Val::I64(i64::try_from(limit).unwrap_or(i64::MAX)),
    )?;
    let entry: Func = instance
        .get_func(&*store, "user_entrypoint")
        .ok_or_else(|| trap("no user_entrypoint"))?;
    let len = i32::try_from(call.data.len()).map_err(|_| trap("calldata"))?;
    let mut status = [Val::I32(0)];
    let result = entry.call(&mut *store, &[Val::I32(len)], &mut status);
    let left = match ink.get(&*store) {
        Val::I64(left) => u64::try_from(left).unwrap_or(0),
        _ => 0,
    };
    let out_of_ink = matches!(
        instance
            .get_global(&*store, INK_STATUS)
            .map(|g| g.get(&*store)),
        Some(Val::I32(1))
    );
    let ink_used = limit.saturating_sub(left);
    let to = call.code_address();
    if store.data().world.profile.is_some() {
        let counters: Vec<(bool, u32, Global)> = instance
            .exports(&*store)
            .filter_map(|export| {
                let name = export.name();
                let (calls, index) = match name.strip_prefix(crate::ink::PROFILE_PREFIX) {
                    Some(index) => (false, index),
                    None => (true, name.strip_prefix(crate::ink::CALLS_PREFIX)?),
                };
                Some((calls, index.parse().ok()?, export.into_global()?))
            })
            .collect();
        let mut counted = Vec::with_capacity(counters.len());
        for (calls, index, global) in counters {
            if let Val::I64(count) = global.get(&*store) {
                counted.push((calls, index, u64::try_from(count).unwrap_or(0)));
            }
        }
        let programs = store.data_mut().world.profile.get_or_insert_default();
        let functions = programs.entry(to).or_default();
        for (calls, index, count) in counted {
            let entry = functions.entry(index).or_default();
            if calls {
                entry.1 += count;
            } else {
                entry.0 += count;
            }
        }
    }
    if let Some(Val::I32(low)) = instance
        .get_global(&*store, crate::stack::STACK_LOW)
        .map(|g| g.get(&*store))
    {
        store.data_mut().stack_low = Some(low);
    }
    if out_of_ink {
        return Ok(Outcome {
            success: false,
            output: Vec::new(),
            ink_used,
            trap: Some("out of ink".into()),
        });
    }
    if let Err(err) = result {
        return Ok(Outcome {
            success: false,
            output: Vec::new(),
            ink_used,
            trap: Some(err.to_string()),
        });
    }
    Ok(Outcome {
        success: matches!(status[0], Val::I32(0)),
        output: std::mem::take(&mut store.data_mut().result),
        ink_used,
        trap: None,
    })
}
