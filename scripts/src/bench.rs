//! `suite bench`: the gas of what the suite's users pay for, measured on
//! the Stylus test runtime ([`crate::sim`]) with the processed wasm under
//! `target/contracts/`, each operation uncached and cached (ArbWasmCache),
//! written to `benches/gas.md`. `suite check` measures again and fails
//! when an operation costs more than [`TOLERANCE_PERCENT`] above its
//! committed figure.
//!
//! The scenario is [`crate::scenario`]'s; transfers happen after the
//! lock-up. Every operation is measured from its own copy of the state it
//! needs, so that figures do not depend on each other.
use std::{collections::BTreeMap, fmt::Write as _, fs, path::Path};

use alloy_dyn_abi::DynSolValue;
use alloy_primitives::{Address, U256};
use anyhow::{ensure, Context, Result};

use crate::{scenario::*, sim::Sim};

/// How far above its committed figure an operation may go.
pub const TOLERANCE_PERCENT: u64 = 2;
/// How many times its deepest use in the bench each program's stack must
/// hold.
pub const STACK_MARGIN: u32 = 2;
/// Where the figures are committed.
pub const GAS_FILE: &str = "benches/gas.md";

/// An operation's gas, uncached and cached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// What was measured.
    pub operation: String,
    /// With the programs not in ArbWasmCache.
    pub uncached: u64,
    /// With every program in ArbWasmCache.
    pub cached: u64,
}

/// Measures every operation, uncached and cached.
///
/// # Errors
///
/// When the scenario fails: a contract refused what it should accept, or
/// a processed wasm is missing (`suite build` writes them).
pub fn measure(root: &Path) -> Result<Measurement> {
    let mut stack = BTreeMap::new();
    let uncached = operations(root, false, &mut stack)?;
    let cached = operations(root, true, &mut stack)?;
    let figures = uncached
        .into_iter()
        .zip(cached)
        .map(|((operation, uncached), (_, cached))| Figure {
            operation,
            uncached,
            cached,
        })
        .collect();
    Ok(Measurement { figures, stack })
}

/// What a bench run measured.
#[derive(Debug)]
pub struct Measurement {
    /// Each operation's gas.
    pub figures: Vec<Figure>,
    /// The most stack, in bytes, each contract used in any operation
    /// (and in each operation's set-up).
    pub stack: BTreeMap<String, u32>,
}

/// Adds the stack `sim`'s programs used to `deepest`, by contract.
fn note_stack(deepest: &mut BTreeMap<String, u32>, sim: &Sim) {
    for (name, address) in &sim.addresses {
        if let Some(&used) = sim.world.stack_use.get(address) {
            let entry = deepest.entry(name.clone()).or_default();
            *entry = (*entry).max(used);
        }
    }
}

/// The operations' gas with the programs cached or not, in table order.
fn operations(
    root: &Path,
    cached: bool,
    stack: &mut BTreeMap<String, u32>,
) -> Result<Vec<(String, u64)>> {
    let roles = config(root)?.roles;
    let op = roles.operator;
    let mut out = Vec::new();
    let mut record = |what: &str, gas: u64| out.push((what.to_string(), gas));

    for (rules, second_send) in [
        (
            Rules::ThreeModules,
            "G1: transfer between holders, three rules (T-REX's measurement)",
        ),
        (
            Rules::Example,
            "G1: transfer between holders, example rules, steady state",
        ),
        (Rules::Off, "transfer between holders, every rule off"),
    ] {
        let mut sim = after_lock_up(measured(root, rules, cached)?)?;
        let first = transfer(&mut sim, ALICE, BOB)?;
        if matches!(rules, Rules::Example) {
            record("G1, example rules, first send in the limit windows", first);
        }
        record(second_send, transfer(&mut sim, ALICE, BOB)?);
        if matches!(rules, Rules::ThreeModules) {
            record(
                "G2: transfer to a new holder, three rules (T-REX's measurement)",
                transfer(&mut sim, ALICE, CAROL)?,
            );
        }
        if matches!(rules, Rules::Example) {
            record(
                "G2: transfer to a new holder, example rules",
                transfer(&mut sim, ALICE, CAROL)?,
            );
            let batch = sim.send(
                ALICE,
                "token",
                "batchTransfer",
                &[
                    DynSolValue::Array(vec![addr(BOB); 10]),
                    DynSolValue::Array(vec![uint(tokens(1)); 10]),
                ],
                U256::ZERO,
            )?;
            record("batchTransfer of 10 to a holder, example rules", batch.gas);
            let forced = sim.send(
                op,
                "token",
                "forcedTransfer",
                &[addr(ALICE), addr(BOB), uint(tokens(10))],
                U256::ZERO,
            )?;
            record("forcedTransfer between holders", forced.gas);
            let recovery = sim.send(
                op,
                "token",
                "recoveryAddress",
                &[addr(ALICE), addr(ALICE_NEW), addr(ALICE_ID)],
                U256::ZERO,
            )?;
            record("recoveryAddress to a new wallet", recovery.gas);
        }
        note_stack(stack, &sim);
    }

    let sim = measured(root, Rules::Example, cached)?;
    let mut onboard = sim.clone();
    let gas = register(&mut onboard, op, ERIN, ERIN_ID, 528)?;
    record("registerIdentity", gas.gas);
    let mut claimed = onboard.clone();
    let gas = add_claim(&mut claimed, ERIN_ID, 1)?;
    record("addClaim (trusted issuer, direct)", gas);
    note_stack(stack, &claimed);
    let gas = add_signed_claim(&mut onboard, ERIN_ID, 1)?.gas;
    record("addSignedClaim (relayed)", gas);
    note_stack(stack, &onboard);

    let mint = [addr(BOB), uint(tokens(100))];
    let mut minted = sim.clone();
    let gas = minted.send(op, "token", "mint", &mint, U256::ZERO)?.gas;
    record("mint to a holder", gas);
    note_stack(stack, &minted);

    let mut buying = sim.clone();
    buy(&mut buying, ALICE, eth_milli(100))?;
    record(
        "buy with ETH, existing holder",
        buy(&mut buying, ALICE, eth_milli(100))?,
    );
    note_stack(stack, &buying);

    let (mut paying, _) = measured_in_stablecoin(root, cached)?;
    buy_with_token(&mut paying, ALICE, eth_milli(100))?;
    record(
        "buy with an ERC-20 stablecoin (OpenZeppelin's), existing holder",
        buy_with_token(&mut paying, ALICE, eth_milli(100))?,
    );
    note_stack(stack, &paying);

    // Corporate actions, in the stablecoin: a dividend to Alice and Bob
    // (their first claims: a new bitmap word, then an update of it), a
    // redemption tendered and one redeemed by the operator, a document.
    let (mut acting, usd) = measured_in_stablecoin(root, cached)?;
    let (split, created) = even_dividend(&mut acting, usd, op).context("createDistribution")?;
    record(
        "createDistribution (ERC-20, pulled and checked)",
        created.gas,
    );
    let gas = claim(&mut acting, 0, &split, (ALICE, ALICE_ID))?.gas;
    record("claim a dividend (ERC-20), first of its bitmap word", gas);
    let gas = claim(&mut acting, 0, &split, (BOB, BOB_ID))?.gas;
    record("claim a dividend (ERC-20)", gas);
    let distribution = acting.address("distribution")?;
    mint_and_approve(
        &mut acting,
        (usd, USD_ISSUER),
        op,
        distribution,
        tokens(2_000),
    )?;
    let now = DynSolValue::Uint(U256::from(acting.world.timestamp), 64);
    let end = DynSolValue::Uint(U256::from(acting.world.timestamp + DAY), 64);
    let terms = [addr(usd), uint(tokens(1)), uint(tokens(2_000)), now, end];
    let gas = acting
        .send(op, "distribution", "createRedemption", &terms, U256::ZERO)
        .context("createRedemption")?;
    record("createRedemption (ERC-20)", gas.gas);
    let tender = [uint(U256::ZERO), uint(tokens(10))];
    let gas = acting.send(BOB, "distribution", "tender", &tender, U256::ZERO)?;
    record("tender 10 tokens (burn, ERC-20 payment)", gas.gas);
    let holders = DynSolValue::Array(vec![addr(ALICE)]);
    let gas = acting.send(
        op,
        "distribution",
        "redeem",
        &[uint(U256::ZERO), holders],
        U256::ZERO,
    )?;
    record("redeem one holder (agent: burn, credit)", gas.gas);
    // Ten more holders in one call: what each holder adds at maturity.
    let mut ten = Vec::new();
    for i in 0..10 {
        let (wallet, identity) = (
            Address::repeat_byte(0x40 + i),
            Address::repeat_byte(0x60 + i),
        );
        register(&mut acting, op, wallet, identity, 250)?;
        add_claim(&mut acting, identity, 1)?;
        let mint = [addr(wallet), uint(tokens(10))];
        acting.send(op, "token", "mint", &mint, U256::ZERO)?;
        ten.push(addr(wallet));
    }
    let gas = acting.send(
        op,
        "distribution",
        "redeem",
        &[uint(U256::ZERO), DynSolValue::Array(ten)],
        U256::ZERO,
    )?;
    record("redeem ten holders in one call", gas.gas);
    let gas = acting.send(
        ALICE,
        "distribution",
        "withdraw",
        &[uint(U256::ZERO)],
        U256::ZERO,
    )?;
    record("withdraw a credited redemption (ERC-20)", gas.gas);
    let document = [
        DynSolValue::FixedBytes(alloy_primitives::B256::right_padding_from(b"notice-1"), 32),
        DynSolValue::String(
            "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".into(),
        ),
        DynSolValue::FixedBytes(alloy_primitives::B256::repeat_byte(7), 32),
    ];
    let gas = acting.send(op, "documents", "setDocument", &document, U256::ZERO)?;
    record("setDocument (a new document, 66-byte URI)", gas.gas);
    note_stack(stack, &acting);

    let mut escrow = sim;
    // Alice (accredited) alone reaches the soft cap.
    buy(&mut escrow, ALICE, eth_milli(250_000))?;
    escrow.send(op, "offering", "close", &[], U256::ZERO)?;
    let gas = escrow.send(
        roles.approver,
        "escrow",
        "approveMilestone",
        &[uint(U256::ZERO)],
        U256::ZERO,
    )?;
    record("approveMilestone", gas.gas);
    let gas = escrow.send(BOB, "escrow", "withdraw", &[], U256::ZERO)?;
    record("escrow withdraw to the treasury (its first ETH)", gas.gas);
    escrow.world.timestamp = config(root)?.escrow.milestones[1].deadline + 1;
    let gas = escrow.send(
        BOB,
        "escrow",
        "failMilestone",
        &[uint(U256::from(1))],
        U256::ZERO,
    )?;
    record("failMilestone", gas.gas);
    let refund = [uint(tokens(1_000)), addr(ALICE)];
    let gas = escrow.send(ALICE, "escrow", "claimRefund", &refund, U256::ZERO)?;
    record("claimRefund of 1,000 tokens", gas.gas);
    note_stack(stack, &escrow);
    Ok(out)
}

/// `suite bench --explain`: where the gas of the operations issue #15
/// targets goes (transfers under each rule set, to a new holder, a
/// purchase, onboarding) and of a dividend's claim, program entry by
/// program entry, uncached and cached.
///
/// # Errors
///
/// When the scenario fails.
pub fn explain(root: &Path) -> Result<String> {
    let op = config(root)?.roles.operator;
    let mut out = String::new();
    for cached in [false, true] {
        for (rules, what) in [
            (
                Rules::ThreeModules,
                "transfer between holders, three rules, steady state",
            ),
            (
                Rules::Example,
                "transfer between holders, example rules, steady state",
            ),
            (Rules::Off, "transfer between holders, every rule off"),
        ] {
            let mut sim = after_lock_up(measured(root, rules, cached)?)?;
            transfer(&mut sim, ALICE, BOB)?;
            start_trace(&mut sim);
            let gas = transfer(&mut sim, ALICE, BOB)?;
            out += &explained(&sim, what, cached, gas);
            if matches!(rules, Rules::Example) {
                start_trace(&mut sim);
                let gas = transfer(&mut sim, ALICE, CAROL)?;
                out += &explained(&sim, "transfer to a new holder, example rules", cached, gas);
            }
        }

        let mut sim = measured(root, Rules::Example, cached)?;
        buy(&mut sim, ALICE, eth_milli(100))?;
        start_trace(&mut sim);
        let gas = buy(&mut sim, ALICE, eth_milli(100))?;
        out += &explained(&sim, "buy with ETH, existing holder", cached, gas);

        let mut sim = measured(root, Rules::Example, cached)?;
        start_trace(&mut sim);
        let gas = register(&mut sim, op, ERIN, ERIN_ID, 528)?.gas;
        out += &explained(&sim, "registerIdentity", cached, gas);
        start_trace(&mut sim);
        let gas = add_signed_claim(&mut sim, ERIN_ID, 1)?.gas;
        out += &explained(&sim, "addSignedClaim (relayed)", cached, gas);

        let (mut sim, usd) = measured_in_stablecoin(root, cached)?;
        let (split, _) = even_dividend(&mut sim, usd, op)?;
        claim(&mut sim, 0, &split, (ALICE, ALICE_ID))?;
        start_trace(&mut sim);
        let gas = claim(&mut sim, 0, &split, (BOB, BOB_ID))?.gas;
        out += &explained(&sim, "claim a dividend (ERC-20)", cached, gas);
    }
    Ok(out)
}

/// Traces the next transaction of `sim`, and profiles it when `sim`'s
/// programs were deployed profiled ([`Sim::new`], `SUITE_PROFILE`).
fn start_trace(sim: &mut Sim) {
    sim.world.trace = Some(Vec::new());
    if let Some(profile) = &mut sim.world.profile {
        profile.clear();
    }
}

/// The functions whose instructions cost most in the last transaction of
/// `sim` (profiled), per program, named from the name sections of the
/// unstripped builds in `SUITE_PROFILE`'s directory where there.
fn profiled(sim: &Sim) -> String {
    let Some(profile) = &sim.world.profile else {
        return String::new();
    };
    let dir = std::env::var("SUITE_PROFILE").unwrap_or_default();
    let mut out = String::new();
    for (program, functions) in profile {
        let name = sim.name_of(*program);
        let names =
            function_names(&Path::new(&dir).join(format!("{}.wasm", name.replace('-', "_"))));
        let mut top: Vec<(u32, u64, u64)> = functions
            .iter()
            .filter(|(_, (ink, _))| *ink > 0)
            .map(|(index, (ink, calls))| (*index, *ink, *calls))
            .collect();
        top.sort_by_key(|(_, ink, _)| std::cmp::Reverse(*ink));
        let total: u64 = top.iter().map(|(_, ink, _)| ink).sum();
        let _ = writeln!(
            out,
            "    {name}: instructions {} gas",
            thousands(total / 10_000)
        );
        for (index, ink, calls) in top.iter().take(12) {
            let function = names.get(index).map_or("?", String::as_str);
            let _ = writeln!(
                out,
                "      {:>7} gas {calls:>4} calls  #{index:<4} {function}",
                thousands(ink / 10_000)
            );
        }
    }
    out
}

/// Function index -> name, from the name section of the wasm at `path`
/// (empty when it cannot be read).
fn function_names(path: &Path) -> BTreeMap<u32, String> {
    let mut names = BTreeMap::new();
    let Ok(wasm) = std::fs::read(path) else {
        return names;
    };
    for payload in wasmparser::Parser::new(0).parse_all(&wasm).flatten() {
        if let wasmparser::Payload::CustomSection(section) = payload {
            if let wasmparser::KnownCustom::Name(reader) = section.as_known() {
                for name in reader.flatten() {
                    if let wasmparser::Name::Function(map) = name {
                        for naming in map.into_iter().flatten() {
                            names.insert(naming.index, naming.name.to_string());
                        }
                    }
                }
            }
        }
    }
    names
}

/// The last transaction of `sim` (traced), entry by entry.
fn explained(sim: &Sim, what: &str, cached: bool, gas: u64) -> String {
    let steps = sim.world.trace.clone().unwrap_or_default();
    let entries = stylus_runtime::trace::entries(&steps);
    // The transaction's own call is at depth 1.
    let programs: u64 = entries.iter().filter(|e| e.depth == 1).map(|e| e.gas).sum();
    let mut out = format!(
        "\n{what}, {}: {} gas ({} intrinsic and calldata, {} in programs)\n",
        if cached { "cached" } else { "uncached" },
        thousands(gas),
        thousands(gas.saturating_sub(programs)),
        thousands(programs),
    );
    for entry in &entries {
        let name = sim.name_of(entry.program);
        let function = sim.function_name(&name, entry.selector);
        let _ = writeln!(
            out,
            "{:indent$}{name}.{function}: {} in all; entry {}{}; {} cold + {} warm reads ({}); {} writes ({}); instructions {}",
            "",
            thousands(entry.gas),
            thousands(entry.entry),
            if entry.cached { " (init spared)" } else { "" },
            entry.loads.0,
            entry.loads.1,
            thousands(entry.loads.2),
            entry.stores.0,
            thousands(entry.stores.1),
            thousands(entry.compute),
            indent = 2 * entry.depth,
        );
    }
    out + &profiled(sim)
}

/// Reference figures beside an operation, when T-REX or OpenZeppelin
/// measured the same.
fn reference(operation: &str) -> &'static str {
    match operation {
        o if o.starts_with("G1: transfer between holders, three rules") => {
            "T-REX 4.1.6: 307,260 (three modules, proxies)"
        }
        o if o.starts_with("transfer between holders, every rule off") => {
            "T-REX 4.1.6: 214,389 (proxies), about 143k direct; OpenZeppelin Stylus ERC-20: about 40k cached"
        }
        "mint to a holder" => "T-REX 4.1.6: 243,429",
        "registerIdentity" => "T-REX 4.1.6: 79,578",
        _ => "",
    }
}

/// [`setup`] for measuring: receipts without refunds, as the calibration
/// figures and the issue's targets are measured.
fn measured(root: &Path, rules: Rules, cached: bool) -> Result<Sim> {
    let mut sim = setup(root, rules, cached)?;
    sim.world.credit_refunds = false;
    Ok(sim)
}

/// [`stablecoin_setup`] for measuring, as [`measured`].
fn measured_in_stablecoin(root: &Path, cached: bool) -> Result<(Sim, Address)> {
    let (mut sim, usd) = stablecoin_setup(root, cached)?;
    sim.world.credit_refunds = false;
    Ok((sim, usd))
}

/// `figures` as the committed Markdown file.
#[must_use]
pub fn table(figures: &[Figure]) -> String {
    let mut out = String::from(
        "# Gas of the suite's operations\n\n\
         Written by `suite bench` (do not edit): receipt gas on the Stylus test\n\
         runtime (`runtime/`, nitro v3.9.5's pricing), 21k intrinsic and calldata\n\
         included, no L1 component, no refunds (as the calibration figures); the scenario is documented in\n\
         `scripts/src/bench.rs`. `suite check` fails when an operation costs more\n\
         than 2 % above its figure here.\n\n\
         | operation | uncached | cached | reference |\n|---|---:|---:|---|\n",
    );
    for figure in figures {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            figure.operation,
            thousands(figure.uncached),
            thousands(figure.cached),
            reference(&figure.operation)
        );
    }
    out
}

/// `n` with thousands separators.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The figures of a committed table.
///
/// # Errors
///
/// When a row does not parse.
pub fn parse(table: &str) -> Result<Vec<Figure>> {
    table
        .lines()
        .take_while(|line| !line.starts_with("## "))
        .filter(|line| line.starts_with("| ") && !line.starts_with("| operation"))
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let number = |cell: &str| -> Result<u64> {
                cell.replace(',', "")
                    .parse()
                    .with_context(|| format!("{GAS_FILE}: {cell:?} in {line:?}"))
            };
            Ok(Figure {
                operation: cells.get(1).context("a row without cells")?.to_string(),
                uncached: number(cells.get(2).context("no uncached figure")?)?,
                cached: number(cells.get(3).context("no cached figure")?)?,
            })
        })
        .collect()
}

/// Compares `measured` with the committed `table`: an error naming every
/// operation more than [`TOLERANCE_PERCENT`] above its figure, or missing
/// from the table.
///
/// # Errors
///
/// As said.
pub fn compare(measured: &[Figure], table: &str) -> Result<Vec<String>> {
    let committed = parse(table)?;
    let mut worse = Vec::new();
    let mut better = Vec::new();
    for figure in measured {
        let Some(before) = committed.iter().find(|c| c.operation == figure.operation) else {
            worse.push(format!(
                "{}: not in {GAS_FILE} (run `suite bench`)",
                figure.operation
            ));
            continue;
        };
        for (kind, now, then) in [
            ("uncached", figure.uncached, before.uncached),
            ("cached", figure.cached, before.cached),
        ] {
            // Gas figures are far below 2^64 / 100.
            if now * 100 > then * (100 + TOLERANCE_PERCENT) {
                worse.push(format!(
                    "{} ({kind}): {now} gas, {then} committed",
                    figure.operation
                ));
            } else if now * 100 < then * (100 - TOLERANCE_PERCENT) {
                better.push(format!(
                    "{} ({kind}): {now} gas, {then} committed",
                    figure.operation
                ));
            }
        }
    }
    ensure!(
        worse.is_empty(),
        "gas above the committed figures by more than {TOLERANCE_PERCENT} %:\n  {}",
        worse.join("\n  ")
    );
    Ok(better)
}

/// Each program's stack, in bytes, as its processed wasm under
/// `target/contracts/` declares it.
///
/// # Errors
///
/// When a wasm cannot be read, or has no stack pointer the runtime finds.
pub fn stack_sizes(root: &Path) -> Result<BTreeMap<String, u32>> {
    // Each contract's address runs its hot program; its full program runs
    // for the rest (`<crate>.full`).
    let programs = crate::CONTRACTS.iter().flat_map(|name| {
        let hot = crate::HOT.contains(name);
        let at = if hot {
            format!("{name}.hot")
        } else {
            (*name).to_string()
        };
        let full = hot.then(|| (format!("{name}.full"), (*name).to_string()));
        [(name.to_string(), at)].into_iter().chain(full)
    });
    programs
        .map(|(name, file)| {
            let path = root.join(format!("target/contracts/{file}.wasm"));
            let wasm = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            let (_, top) = stylus_runtime::stack::stack_pointer(&wasm)?
                .with_context(|| format!("{name}: no stack pointer found"))?;
            Ok((name, top))
        })
        .collect()
}

/// The stack section of [`GAS_FILE`]: each program's deepest use in the
/// bench (each contract's hot program, at its address, and its full
/// program, `<crate>.full`) against its stack.
#[must_use]
pub fn stack_table(used: &BTreeMap<String, u32>, sizes: &BTreeMap<String, u32>) -> String {
    let mut out = format!(
        "\n## Stack\n\n\
         The most stack each program used in any operation above (bytes), against\n\
         the stack it declares. `suite check` fails when a program uses more than\n\
         1/{STACK_MARGIN} of its stack.\n\n\
         | program | deepest use | stack |\n|---|---:|---:|\n"
    );
    for (name, size) in sizes {
        let deepest = used.get(name).copied().unwrap_or_default();
        let _ = writeln!(
            out,
            "| {name} | {} | {} |",
            thousands(deepest.into()),
            thousands((*size).into())
        );
    }
    out
}

/// Checks that each contract used at most 1/[`STACK_MARGIN`] of its
/// stack.
///
/// # Errors
///
/// Naming each contract whose stack is too small for the margin.
pub fn check_stack(used: &BTreeMap<String, u32>, sizes: &BTreeMap<String, u32>) -> Result<()> {
    let short: Vec<String> = sizes
        .iter()
        .filter_map(|(name, size)| {
            let deepest = used.get(name).copied().unwrap_or_default();
            (u64::from(deepest) * u64::from(STACK_MARGIN) > u64::from(*size))
                .then(|| format!("{name}: {deepest} bytes used of {size}"))
        })
        .collect();
    ensure!(
        short.is_empty(),
        "stacks without a {STACK_MARGIN}x margin over the deepest path:\n  {}",
        short.join("\n  ")
    );
    Ok(())
}

/// `suite bench`: measures and writes [`GAS_FILE`].
///
/// # Errors
///
/// When the scenario fails, a stack lacks its margin, or the file cannot
/// be written.
pub fn write(root: &Path) -> Result<String> {
    let measurement = measure(root)?;
    let sizes = stack_sizes(root)?;
    let text = table(&measurement.figures) + &stack_table(&measurement.stack, &sizes);
    let path = root.join(GAS_FILE);
    fs::create_dir_all(path.parent().context("a file has a folder")?)?;
    fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
    check_stack(&measurement.stack, &sizes)?;
    Ok(text)
}

/// `suite check`'s guard: measures, checks the stacks' margin and
/// compares with [`GAS_FILE`]; the
/// operations now more than [`TOLERANCE_PERCENT`] cheaper (worth
/// recording with `suite bench`).
///
/// # Errors
///
/// When an operation got dearer, or the file is missing.
pub fn guard(root: &Path) -> Result<Vec<String>> {
    let path = root.join(GAS_FILE);
    let committed = fs::read_to_string(&path)
        .with_context(|| format!("reading {} (run `suite bench`)", path.display()))?;
    let measurement = measure(root)?;
    check_stack(&measurement.stack, &stack_sizes(root)?)?;
    compare(&measurement.figures, &committed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gas_is_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(62_172), "62,172");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    fn figure(operation: &str, uncached: u64, cached: u64) -> Figure {
        Figure {
            operation: operation.into(),
            uncached,
            cached,
        }
    }

    #[test]
    fn the_table_reads_back_what_it_wrote() {
        let figures = [
            figure("mint to a holder", 1_234_567, 89),
            figure("x", 0, 1_000),
        ];
        assert_eq!(parse(&table(&figures)).unwrap(), figures);
        assert!(table(&figures)
            .contains("| mint to a holder | 1,234,567 | 89 | T-REX 4.1.6: 243,429 |"));
    }

    #[test]
    fn the_guard_allows_two_percent_and_refuses_more() {
        let committed = table(&[figure("a", 100_000, 50_000)]);
        assert!(compare(&[figure("a", 102_000, 51_000)], &committed)
            .unwrap()
            .is_empty());
        let err = compare(&[figure("a", 102_001, 50_000)], &committed).unwrap_err();
        assert!(err
            .to_string()
            .contains("a (uncached): 102001 gas, 100000 committed"));
        let err = compare(&[figure("a", 100_000, 51_001)], &committed).unwrap_err();
        assert!(err
            .to_string()
            .contains("a (cached): 51001 gas, 50000 committed"));
    }

    #[test]
    fn the_guard_names_gains_and_operations_missing_from_the_table() {
        let committed = table(&[figure("a", 100_000, 50_000)]);
        let cheaper = compare(&[figure("a", 97_999, 50_000)], &committed).unwrap();
        assert_eq!(cheaper, ["a (uncached): 97999 gas, 100000 committed"]);
        let err = compare(&[figure("b", 1, 1)], &committed).unwrap_err();
        assert!(err.to_string().contains("b: not in benches/gas.md"));
    }
}
