//! The first run: `suite plan <toml>` without `--rpc` deploys the plan on
//! the embedded test node (the Stylus test runtime behind a loopback
//! JSON-RPC node, [`crate::node`]) with `suite deploy` itself, then plays a
//! short offering on the deployed contracts and prints each step's outcome
//! and gas: the admin takes the contracts over and trusts a KYC provider,
//! the operator registers three investors, each submits the KYC claim the
//! provider signed (EIP-712), one buys, transfers are refused during the
//! lock-up, then a compliant transfer passes and one to a country the rules
//! do not allow is refused. Nothing leaves the machine.
use std::{fs, path::Path};

use alloy_dyn_abi::DynSolValue;
use alloy_primitives::{address, Address, B256, U256};
use alloy_signer_local::PrivateKeySigner;
use anyhow::{ensure, Context, Result};

use crate::{
    bench::thousands,
    deploy,
    node::Node,
    out::say,
    plan::Config,
    scenario::{self, addr, tokens, uint, ALICE, ALICE_ID, BOB, BOB_ID, CAROL, CAROL_ID, DAY},
    sim::{Reverted, Sim},
};

/// The development key `0x00..01` that deploys on the test node.
const DEV_KEY: &str = "0x0000000000000000000000000000000000000000000000000000000000000001";
/// Its address.
const DEV: Address = address!("7E5F4552091A69125d5DfCb7b8C2659029395Bdf");
/// A country outside the example's allow-list (China).
const OUTSIDE: u16 = 156;

/// What a step of the demonstration must do.
enum Expect {
    /// Succeed.
    Pass,
    /// Revert with this error.
    Refuse(&'static str),
}

/// The demonstration's chain.
struct Demo {
    sim: Sim,
}

impl Demo {
    /// Sends `function` of `contract` from `from` with `args` and `value`,
    /// prints the outcome and gas under `what`, and checks it is as
    /// `expect`ed: the return values.
    fn step(
        &mut self,
        what: &str,
        from: Address,
        (contract, function): (&str, &str),
        args: &[DynSolValue],
        value: U256,
        expect: &Expect,
    ) -> Result<Vec<DynSolValue>> {
        match (self.sim.send(from, contract, function, args, value), expect) {
            (Ok(receipt), Expect::Pass) => {
                say!("  ok      {:>9} gas  {what}", thousands(receipt.gas));
                Ok(receipt.output)
            }
            (Err(err), Expect::Refuse(error)) => {
                let reverted = err
                    .downcast_ref::<Reverted>()
                    .with_context(|| format!("{what}: {err:#}"))?;
                ensure!(
                    reverted.error.starts_with(error),
                    "{what}: refused with {}, not {error}",
                    reverted.error
                );
                say!(
                    "  refused {:>9} gas  {what}: {}",
                    thousands(reverted.gas),
                    reverted.error
                );
                Ok(Vec::new())
            }
            (Ok(_), Expect::Refuse(error)) => {
                anyhow::bail!("{what}: passed, where {error} was expected")
            }
            (Err(err), Expect::Pass) => Err(err.context(what.to_string())),
        }
    }
}

/// Deploys the plan at `plan_path` (for `config`) on an embedded test
/// node with `suite deploy`, recording the run under `dir`, then plays the
/// offering.
///
/// # Errors
///
/// When the deployment fails or a step of the offering does not do what
/// it should.
pub fn run(plan_path: &Path, config: &Config, root: &Path, dir: &Path) -> Result<()> {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let plan = dir.join("plan.json");
    fs::copy(plan_path, &plan).with_context(|| format!("copying the plan to {}", dir.display()))?;
    let key = dir.join("dev.key");
    fs::write(&key, DEV_KEY)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&key, fs::Permissions::from_mode(0o600))?;
    }
    let funds = tokens(1_000);
    let opening = config.offering.start.saturating_sub(DAY);
    let node = Node::start(root, config.chain_id, opening, &[(DEV, funds)], 0)?;
    say!(
        "\nno --rpc: deploying the plan on the embedded test node at {} (the Stylus test \
         runtime, chain {}; nothing leaves this machine), as `suite deploy` would on a chain:",
        node.url,
        config.chain_id
    );
    let options = deploy::Options {
        rpc: node.url.clone(),
        key: crate::signer::KeySource::File(key),
        resume: false,
        data_fee_bump_percent: 20,
        timeout: std::time::Duration::from_secs(30),
        stylus_deployer: crate::encode::STYLUS_DEPLOYER,
        yes: true,
        simulate: true,
    };
    let record = deploy::run(&plan, root, &options)?;
    let sim = Sim::attach(root, node.world(), &record.contracts, DEV)?;
    let demo = Demo { sim };
    say!(
        "\nthe offering, played on the deployed contracts (each role's transactions sent as \
         that role):"
    );
    play(demo, config)?;
    say!(
        "\nthat was the test node. To deploy to a chain: `suite plan <offering.toml> --rpc <url> \
         --private-key-path <file>` (README, \"Deploying\")."
    );
    Ok(())
}

/// The offering, step by step.
fn play(mut demo: Demo, config: &Config) -> Result<()> {
    let roles = &config.roles;
    let pass = Expect::Pass;
    for name in crate::CONTRACTS {
        demo.step(
            &format!("the admin accepts ownership of the {name}"),
            roles.admin,
            (name, "acceptOwnership"),
            &[],
            U256::ZERO,
            &pass,
        )?;
    }
    let provider = PrivateKeySigner::from_bytes(&B256::new(scenario::ISSUER_KEY))?.address();
    let mut topics: Vec<u64> = config.identity.claim_topics.clone();
    topics.push(config.offering.accreditation_topic);
    topics.sort_unstable();
    topics.dedup();
    let topic_args = DynSolValue::Array(topics.iter().map(|&t| uint(U256::from(t))).collect());
    demo.step(
        &format!("the admin trusts a KYC provider ({provider}) for topics {topics:?}"),
        roles.admin,
        ("identity-registry", "addTrustedIssuer"),
        &[addr(provider), topic_args],
        U256::ZERO,
        &pass,
    )?;
    let investors = [
        ("Alice", ALICE, ALICE_ID, 250u16),
        ("Bob", BOB, BOB_ID, 276),
        ("Carol", CAROL, CAROL_ID, OUTSIDE),
    ];
    for (name, wallet, identity, country) in investors {
        let country_arg = DynSolValue::Uint(U256::from(country), 16);
        demo.step(
            &format!("the operator registers {name}'s wallet (country {country})"),
            roles.operator,
            ("identity-registry", "registerIdentity"),
            &[addr(wallet), addr(identity), country_arg],
            U256::ZERO,
            &pass,
        )?;
    }
    demo.sim.world.timestamp = config.offering.start + 3_600;
    say!("  -- the sale opens");
    for (name, wallet, identity, _) in investors {
        for &topic in &config.identity.claim_topics {
            let args = scenario::signed_claim(&demo.sim, identity, topic)?;
            demo.step(
                &format!("{name} submits the KYC claim (topic {topic}) the provider signed"),
                wallet,
                ("identity-registry", "addSignedClaim"),
                &args,
                U256::ZERO,
                &pass,
            )?;
        }
    }
    let offering = &config.offering;
    if !offering.payment_asset.is_zero() {
        say!("  -- the offering is paid in an ERC-20 (offering.payment_asset): the demonstration ends here");
        return Ok(());
    }
    let accreditation = offering.accreditation_topic;
    if !config.identity.claim_topics.contains(&accreditation) {
        let args = scenario::signed_claim(&demo.sim, ALICE_ID, accreditation)?;
        demo.step(
            &format!(
                "Alice submits her accreditation claim (topic {accreditation}) the provider signed"
            ),
            ALICE,
            ("identity-registry", "addSignedClaim"),
            &args,
            U256::ZERO,
            &pass,
        )?;
    }
    for (_, wallet, _, _) in investors {
        demo.sim.world.balances.insert(wallet, tokens(100));
    }
    // A thousandth of the tokens for sale (within the balance and supply
    // caps), or what an investor's cap and the raise cap allow.
    let mut target = offering.hard_cap / U256::from(1_000);
    for cap in [config.compliance.max_balance, config.compliance.supply_cap]
        .into_iter()
        .flatten()
    {
        target = target.min(cap / U256::from(2));
    }
    let quote = demo
        .sim
        .view("offering", "quoteCost", &[uint(target.max(U256::from(1)))])?;
    let cost = match quote.first() {
        Some(DynSolValue::Uint(cost, _)) => *cost,
        _ => anyhow::bail!("quoteCost answered {quote:?}"),
    };
    let pay = cost.min(offering.cap_accredited).min(offering.raise_cap);
    if pay < offering.min_investment {
        say!("  -- the minimum investment is above the demonstration's purchase: it ends here");
        return Ok(());
    }
    let deadline = DynSolValue::Uint(U256::from(demo.sim.world.timestamp + DAY), 64);
    let bought = demo.step(
        &format!(
            "Alice buys with {} ETH",
            alloy_primitives::utils::format_ether(pay)
        ),
        ALICE,
        ("offering", "buy"),
        &[uint(U256::from(1)), deadline],
        pay,
        &pass,
    )?;
    let (decimals, symbol) = (config.token.decimals, config.token.symbol.clone());
    let written = |amount: U256| {
        let amount = alloy_primitives::utils::format_units(amount, decimals)
            .unwrap_or_else(|_| amount.to_string());
        format!("{amount} {symbol}")
    };
    let bought = match bought.first() {
        Some(DynSolValue::Uint(amount, _)) => *amount,
        _ => U256::ZERO,
    };
    say!(
        "                           {} minted to Alice, locked for {} s",
        written(bought),
        config.compliance.lock_up_period
    );
    // A tenth of it to Bob, then to Carol.
    let amount = bought / U256::from(10);
    let sent = uint(amount);
    let locked = if config.compliance.lock_up_period > 0 {
        Expect::Refuse("TokenComplianceRefused")
    } else {
        Expect::Pass
    };
    demo.step(
        &format!("Alice sends {} to Bob during the lock-up", written(amount)),
        ALICE,
        ("token", "transfer"),
        &[addr(BOB), sent.clone()],
        U256::ZERO,
        &locked,
    )?;
    if config.compliance.lock_up_period > 0 {
        demo.sim = scenario::after_lock_up(demo.sim)?;
        say!("  -- a year later (the programs kept alive): the lock-up is over");
        demo.step(
            &format!("Alice sends {} to Bob", written(amount)),
            ALICE,
            ("token", "transfer"),
            &[addr(BOB), sent.clone()],
            U256::ZERO,
            &pass,
        )?;
    }
    let outside = if config.compliance.allowed_countries.is_empty()
        || config.compliance.allowed_countries.contains(&OUTSIDE)
    {
        Expect::Pass
    } else {
        Expect::Refuse("TokenComplianceRefused")
    };
    demo.step(
        &format!(
            "Alice sends {} to Carol, whose country ({OUTSIDE}) the allow-list leaves out",
            written(amount)
        ),
        ALICE,
        ("token", "transfer"),
        &[addr(CAROL), sent],
        U256::ZERO,
        &outside,
    )?;
    let balance = demo.sim.view("token", "balanceOf", &[addr(BOB)])?;
    ensure!(
        balance == [uint(amount)],
        "Bob holds {balance:?}, not the {} Alice sent",
        written(amount)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_run_deploys_the_example_on_the_test_node_and_plays_the_offering() {
        let root = crate::workspace_root();
        let config = crate::plan::parse_config(&root.join("deploy/example.toml")).unwrap();
        let plan = crate::plan::plan(&config, &root).unwrap();
        let dir = std::env::temp_dir().join(format!("suite-demo-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let plan_path = dir.join("example-plan.json");
        fs::write(&plan_path, serde_json::to_string(&plan).unwrap()).unwrap();
        // Every step checks its own outcome (passes, or is refused with the
        // expected error); the run records the deployment in its folder.
        run(&plan_path, &config, &root, &dir.join("demo")).unwrap();
        let addresses = fs::read_to_string(dir.join("demo").join("addresses.json")).unwrap();
        assert!(addresses.contains("\"offering\""), "{addresses}");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_first_run_plays_other_terms_too() {
        // The dev node's offering: one account in every role, a minute's
        // lock-up, another chain.
        let root = crate::workspace_root();
        let config = crate::plan::parse_config(&root.join("deploy/devnode.toml")).unwrap();
        let plan = crate::plan::plan(&config, &root).unwrap();
        let dir = std::env::temp_dir().join(format!("suite-demo-dev-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let plan_path = dir.join("devnode-plan.json");
        fs::write(&plan_path, serde_json::to_string(&plan).unwrap()).unwrap();
        run(&plan_path, &config, &root, &dir.join("demo")).unwrap();
        let _ = fs::remove_dir_all(&dir);
    }
}
