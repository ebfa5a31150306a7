//! Where a transaction's gas goes: the program entries and storage
//! accesses the runtime records when [`crate::world::World::trace`] is
//! on, for `suite bench --explain` and for whoever works on gas.
use alloy_primitives::{Address, B256};

/// One step of a transaction, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// A program was entered, at call depth `depth` (1 for the
    /// transaction's), paying `entry` gas to enter (memory and init).
    Enter {
        /// The program.
        program: Address,
        /// How deep the call is.
        depth: usize,
        /// The calldata's first four bytes.
        selector: [u8; 4],
        /// The gas entering cost.
        entry: u64,
        /// Whether its init was spared (ArbWasmCache or entered already).
        cached: bool,
    },
    /// The program returned (or reverted, or trapped), having used `gas`
    /// in all, entry and nested calls included.
    Exit {
        /// The program.
        program: Address,
        /// The gas it used.
        gas: u64,
        /// The gas of its own wasm instructions (neither entry, hostios
        /// nor nested calls).
        compute: u64,
        /// Whether it succeeded.
        success: bool,
    },
    /// A storage slot read from the world (not from the program's cache).
    Load {
        /// Whose storage.
        contract: Address,
        /// The slot.
        slot: B256,
        /// Its EIP-2929 gas: 2,100 cold, 100 warm.
        gas: u64,
    },
    /// A slot written when the program's storage cache was flushed.
    Store {
        /// Whose storage.
        contract: Address,
        /// The slot.
        slot: B256,
        /// Its EIP-2929/2200 gas (20,000 a new slot, 2,900 an update,
        /// plus 2,100 when cold).
        gas: u64,
    },
}

/// Per program entry of a trace: what it paid to enter, what it used in
/// all, and its own storage accesses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The program.
    pub program: Address,
    /// Its call depth.
    pub depth: usize,
    /// The calldata's selector.
    pub selector: [u8; 4],
    /// Gas to enter.
    pub entry: u64,
    /// Whether its init was spared.
    pub cached: bool,
    /// Gas used in all, nested calls included.
    pub gas: u64,
    /// Gas of its own wasm instructions.
    pub compute: u64,
    /// Cold and warm reads, and their gas.
    pub loads: (u32, u32, u64),
    /// Writes, and their gas.
    pub stores: (u32, u64),
}

/// The entries of `steps`, in the order they were entered.
#[must_use]
pub fn entries(steps: &[Step]) -> Vec<Entry> {
    let mut done = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for step in steps {
        match *step {
            Step::Enter {
                program,
                depth,
                selector,
                entry,
                cached,
            } => {
                open.push(done.len());
                done.push(Entry {
                    program,
                    depth,
                    selector,
                    entry,
                    cached,
                    ..Entry::default()
                });
            }
            Step::Exit { gas, compute, .. } => {
                if let Some(index) = open.pop() {
                    done[index].gas = gas;
                    done[index].compute = compute;
                }
            }
            Step::Load { gas, .. } => {
                if let Some(&index) = open.last() {
                    let loads = &mut done[index].loads;
                    if gas >= crate::pricing::COLD_SLOAD_GAS {
                        loads.0 += 1;
                    } else {
                        loads.1 += 1;
                    }
                    loads.2 += gas;
                }
            }
            Step::Store { gas, .. } => {
                if let Some(&index) = open.last() {
                    done[index].stores.0 += 1;
                    done[index].stores.1 += gas;
                }
            }
        }
    }
    done
}
