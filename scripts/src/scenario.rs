//! The scenario the bench and the end-to-end tests play on the Stylus test
//! runtime ([`crate::sim`]): `deploy/example.toml`'s plan, with a trusted
//! issuer whose key the scenario holds (for signed claims); investors
//! Alice (France, accredited), Bob (Germany), Carol (Italy), Dave (the
//! Netherlands), all KYC'd, Alice and Bob holding 1,000 minted tokens;
//! ETH for everyone; a day into the sale.
use std::path::Path;

use alloy_dyn_abi::DynSolValue;
use alloy_primitives::{address, keccak256, Address, B256, U256};
use alloy_signer::SignerSync;
use alloy_signer_local::PrivateKeySigner;
use anyhow::{bail, ensure, Context, Result};

use crate::{
    plan::{self, ComplianceConfig, Config},
    sim::{Receipt, Sim},
};

pub const DEPLOYER: Address = address!("de910ede910ede910ede910ede910ede910ede91");
pub const ALICE: Address = address!("a11ce00000000000000000000000000000000a11");
pub const ALICE_ID: Address = address!("a11ce1d000000000000000000000000000000001");
pub const ALICE_NEW: Address = address!("a11ce00000000000000000000000000000000a12");
pub const BOB: Address = address!("b0b0000000000000000000000000000000000b0b");
pub const BOB_ID: Address = address!("b0b1d00000000000000000000000000000000002");
pub const CAROL: Address = address!("ca401000000000000000000000000000000ca401");
pub const CAROL_ID: Address = address!("ca401d0000000000000000000000000000000003");
pub const DAVE: Address = address!("da7e000000000000000000000000000000000da7");
pub const DAVE_ID: Address = address!("da7e1d0000000000000000000000000000000004");
pub const ERIN: Address = address!("e41e000000000000000000000000000000000e41");
pub const ERIN_ID: Address = address!("e41e1d0000000000000000000000000000000005");
pub const DAY: u64 = 86_400;
/// The KYC provider's key: the plan's trusted issuer, signing claims.
pub const ISSUER_KEY: [u8; 32] = [0x15; 32];

/// Which compliance rules a scenario runs with.
#[derive(Clone, Copy)]
pub enum Rules {
    /// Every rule of `deploy/example.toml`.
    Example,
    /// T-REX's three-module measurement: identity check, country
    /// allow-list, supply cap, one transfer-limit window.
    ThreeModules,
    /// No compliance rule.
    Off,
}

/// `deploy/example.toml`, with the bench's issuer key trusted instead.
pub fn config(root: &Path) -> Result<Config> {
    let mut config = plan::parse_config(&root.join("deploy/example.toml"))?;
    let issuer = PrivateKeySigner::from_bytes(&B256::new(ISSUER_KEY))?.address();
    let trusted = config
        .identity
        .trusted_issuers
        .first_mut()
        .context("the example trusts no issuer")?;
    trusted.address = issuer;
    Ok(config)
}

/// The deployed suite with `rules`, programs cached or not: investors
/// registered and KYC'd, Alice accredited, Alice and Bob holding 1,000
/// tokens, everyone holding 1,000,000 ETH; a day into the sale.
///
/// # Errors
///
/// When a step fails.
pub fn setup(root: &Path, rules: Rules, cached: bool) -> Result<Sim> {
    let config = rules_config(root, rules)?;
    let sim = Sim::new(root, config.chain_id, config.offering.start + DAY)?;
    onboard(deploy_suite(sim, root, &config)?, &config, cached)
}

/// [`config`] with `rules`.
///
/// # Errors
///
/// As [`config`].
pub fn rules_config(root: &Path, rules: Rules) -> Result<Config> {
    let mut config = config(root)?;
    match rules {
        Rules::Example => {}
        Rules::ThreeModules => {
            let example = config.compliance;
            config.compliance = ComplianceConfig {
                allowed_countries: example.allowed_countries,
                supply_cap: example.supply_cap,
                transfer_limits: example.transfer_limits.into_iter().take(1).collect(),
                ..ComplianceConfig::default()
            };
        }
        Rules::Off => config.compliance = ComplianceConfig::default(),
    }
    Ok(config)
}

/// `operator` registers `wallet` for `identity` in `country`; the receipt.
///
/// # Errors
///
/// When the registry refuses.
pub fn register(
    sim: &mut Sim,
    operator: Address,
    wallet: Address,
    identity: Address,
    country: u16,
) -> Result<Receipt> {
    let args = [
        addr(wallet),
        addr(identity),
        DynSolValue::Uint(U256::from(country), 16),
    ];
    sim.send(
        operator,
        "identity-registry",
        "registerIdentity",
        &args,
        U256::ZERO,
    )
}

/// `sim` with `config`'s plan deployed by [`DEPLOYER`].
///
/// # Errors
///
/// When a step of the plan fails.
pub fn deploy_suite(mut sim: Sim, root: &Path, config: &Config) -> Result<Sim> {
    let plan = plan::plan(config, root)?;
    sim.deploy(&plan, root, DEPLOYER)?;
    Ok(sim)
}

/// The investors of the scenario onboarded on the deployed suite, the
/// programs cached or not (see [`setup`]).
///
/// # Errors
///
/// When a step fails.
pub fn onboard(mut sim: Sim, config: &Config, cached: bool) -> Result<Sim> {
    sim.cache_all(cached);
    let op = config.roles.operator;
    for (wallet, identity, country) in [
        (ALICE, ALICE_ID, 250u16),
        (BOB, BOB_ID, 276),
        (CAROL, CAROL_ID, 380),
        (DAVE, DAVE_ID, 528),
    ] {
        register(&mut sim, op, wallet, identity, country)?;
        add_claim(&mut sim, identity, 1)?;
    }
    add_claim(&mut sim, ALICE_ID, config.offering.accreditation_topic)?;
    for wallet in [ALICE, BOB] {
        sim.send(
            op,
            "token",
            "mint",
            &[addr(wallet), uint(tokens(1_000))],
            U256::ZERO,
        )?;
    }
    for wallet in [ALICE, BOB, CAROL, DAVE, ERIN, ALICE_NEW] {
        sim.world.balances.insert(wallet, tokens(1_000_000));
    }
    Ok(sim)
}

/// OpenZeppelin's contracts as published on npm, compiled by them.
pub const OPENZEPPELIN: (&str, &str) = ("@openzeppelin/contracts", "4.9.6");

/// The ERC-20 calls the scenario makes.
pub mod erc20 {
    alloy_sol_types::sol! {
        function mint(address to, uint256 amount);
        function approve(address spender, uint256 amount) returns (bool);
        function balanceOf(address account) returns (uint256);
    }
}

/// Deploys a stablecoin: OpenZeppelin's `ERC20PresetMinterPauser` (4.9.6,
/// 18 decimals, installed from npm), deployed by `issuer`, who may mint.
///
/// # Errors
///
/// When npm fails or the creation reverts.
pub fn stablecoin(sim: &mut Sim, root: &Path, issuer: Address) -> Result<Address> {
    let mut init = crate::tools::npm_bytecode(
        root,
        OPENZEPPELIN.0,
        OPENZEPPELIN.1,
        "build/contracts/ERC20PresetMinterPauser.json",
    )?;
    let args = [
        DynSolValue::String("Test USD".into()),
        DynSolValue::String("TUSD".into()),
    ];
    init.extend(DynSolValue::Tuple(args.to_vec()).abi_encode_params());
    sim.create(issuer, init)
}

/// Who issues the scenario's stablecoin.
pub const USD_ISSUER: Address = address!("05d0000000000000000000000000000000000005");

/// [`setup`] with the example's rules, the offering taking a
/// [`stablecoin`] instead of ETH; Alice holds 1,000 of it and lets the
/// offering take it. The sim and the stablecoin's address.
///
/// # Errors
///
/// When a step fails.
pub fn stablecoin_setup(root: &Path, cached: bool) -> Result<(Sim, Address)> {
    let mut config = rules_config(root, Rules::Example)?;
    let mut sim = Sim::new(root, config.chain_id, config.offering.start + DAY)?;
    let usd = stablecoin(&mut sim, root, USD_ISSUER)?;
    config.offering.payment_asset = usd;
    let mut sim = onboard(deploy_suite(sim, root, &config)?, &config, cached)?;
    let offering = sim.address("offering")?;
    fund_in_stablecoin(&mut sim, usd, USD_ISSUER, ALICE, offering)?;
    Ok((sim, usd))
}

/// `issuer` mints 1,000 of the stablecoin `usd` to `investor`, who lets
/// `spender` (the offering) take all of it.
///
/// # Errors
///
/// When a call reverts.
pub fn fund_in_stablecoin(
    sim: &mut Sim,
    usd: Address,
    issuer: Address,
    investor: Address,
    spender: Address,
) -> Result<()> {
    mint_and_approve(sim, (usd, issuer), investor, spender, tokens(1_000))
}

/// The stablecoin `usd`'s `issuer` mints `amount` to `holder`, who lets
/// `spender` take it.
///
/// # Errors
///
/// When a call reverts.
pub fn mint_and_approve(
    sim: &mut Sim,
    (usd, issuer): (Address, Address),
    holder: Address,
    spender: Address,
    amount: U256,
) -> Result<()> {
    use alloy_sol_types::SolCall;
    let mint = erc20::mintCall { to: holder, amount };
    sim.raw(issuer, usd, mint.abi_encode(), U256::ZERO)?;
    let approve = erc20::approveCall { spender, amount };
    sim.raw(holder, usd, approve.abi_encode(), U256::ZERO)?;
    Ok(())
}

/// An agent `op` funds a distribution of `split` in the stablecoin `usd`
/// (minted to it by [`USD_ISSUER`]), claimable for 30 days; the receipt.
///
/// # Errors
///
/// When a call reverts.
pub fn dividend(
    sim: &mut Sim,
    usd: Address,
    op: Address,
    split: &crate::entitlements::Entitlements,
) -> Result<Receipt> {
    let distribution = sim.address("distribution")?;
    mint_and_approve(sim, (usd, USD_ISSUER), op, distribution, split.total())?;
    let args = [
        addr(usd),
        uint(split.total()),
        DynSolValue::FixedBytes(split.root(), 32),
        DynSolValue::Uint(U256::from(sim.world.block), 64),
        DynSolValue::Uint(U256::from(sim.world.timestamp + 30 * DAY), 64),
        DynSolValue::String("ipfs://dividend".into()),
    ];
    sim.send(op, "distribution", "createDistribution", &args, U256::ZERO)
}

/// A dividend of 1,000 of the stablecoin `usd` split evenly between
/// Alice's and Bob's identities (as if each held 1,000 tokens), funded by
/// the agent `op` with [`dividend`]: the split and the receipt.
///
/// # Errors
///
/// When a call reverts.
pub fn even_dividend(
    sim: &mut Sim,
    usd: Address,
    op: Address,
) -> Result<(crate::entitlements::Entitlements, Receipt)> {
    let held = [(ALICE_ID, tokens(1_000)), (BOB_ID, tokens(1_000))].into();
    let split = crate::entitlements::Entitlements::pro_rata(&held, tokens(1_000))?;
    let receipt = dividend(sim, usd, op, &split)?;
    Ok((split, receipt))
}

/// `wallet` claims `identity`'s entitlement in distribution `id` of
/// `split`; the receipt.
///
/// # Errors
///
/// When the claim is refused.
pub fn claim(
    sim: &mut Sim,
    id: u64,
    split: &crate::entitlements::Entitlements,
    (wallet, identity): (Address, Address),
) -> Result<Receipt> {
    let (index, amount, proof) = split.claim_of(identity).context("no entitlement")?;
    let proof = proof
        .into_iter()
        .map(|p| DynSolValue::FixedBytes(p, 32))
        .collect();
    let args = [
        uint(U256::from(id)),
        uint(U256::from(index)),
        uint(amount),
        DynSolValue::Array(proof),
    ];
    sim.send(wallet, "distribution", "claim", &args, U256::ZERO)
}

/// `sim` a year and two days later: the minted tokens' lock-up is over.
/// The programs would have expired (365 days after activation): as an
/// issuer would with `suite keepalive`, the deployer keeps each alive
/// 200 days in, paying its data fee again.
///
/// # Errors
///
/// When a keepalive is refused.
pub fn after_lock_up(mut sim: Sim) -> Result<Sim> {
    use alloy_sol_types::SolCall;
    sim.world.timestamp += 200 * DAY;
    let full = crate::HOT.iter().map(|name| format!("{name}.full"));
    for name in crate::CONTRACTS.map(String::from).into_iter().chain(full) {
        let program = sim.address(&name)?;
        let code = sim
            .world
            .code
            .get(&program)
            .context("a program without code")?;
        let codehash = keccak256(code);
        let fee = sim
            .world
            .activated
            .get(&codehash)
            .context("a program never activated")?
            .data_fee;
        sim.world.balances.insert(DEPLOYER, fee);
        let keepalive = stylus_runtime::arbwasm::codehashKeepaliveCall { codehash };
        let arb_wasm = stylus_runtime::arbwasm::ARB_WASM;
        sim.raw(DEPLOYER, arb_wasm, keepalive.abi_encode(), fee)
            .with_context(|| format!("keeping {name} alive"))?;
    }
    sim.world.timestamp += 167 * DAY;
    Ok(sim)
}

/// `from` sends 10 tokens to `to`, which returns true and emits one
/// `Transfer`; the receipt's gas.
pub fn transfer(sim: &mut Sim, from: Address, to: Address) -> Result<u64> {
    let receipt = sim.send(
        from,
        "token",
        "transfer",
        &[addr(to), uint(tokens(10))],
        U256::ZERO,
    )?;
    let moved = [addr(from), addr(to), uint(tokens(10))];
    ensure!(
        receipt.output == [DynSolValue::Bool(true)]
            && receipt.events.len() == 1
            && receipt.events[0].1 == "Transfer"
            && receipt.events[0].2 == moved,
        "transfer answered {:?} with events {:?}",
        receipt.output,
        receipt.events
    );
    Ok(receipt.gas)
}

/// `buyer` buys with `amount` of the offering's ERC-20; the receipt's
/// gas.
///
/// # Errors
///
/// When the purchase is refused.
pub fn buy_with_token(sim: &mut Sim, buyer: Address, amount: U256) -> Result<u64> {
    let deadline = DynSolValue::Uint(U256::from(sim.world.timestamp + DAY), 64);
    let args = [uint(amount), uint(U256::from(1)), deadline];
    Ok(sim
        .send(buyer, "offering", "buyWithToken", &args, U256::ZERO)?
        .gas)
}

/// `buyer` buys with `value` wei; the receipt's gas.
pub fn buy(sim: &mut Sim, buyer: Address, value: U256) -> Result<u64> {
    let deadline = DynSolValue::Uint(U256::from(sim.world.timestamp + DAY), 64);
    let receipt = sim.send(
        buyer,
        "offering",
        "buy",
        &[uint(U256::from(1)), deadline],
        value,
    )?;
    Ok(receipt.gas)
}

/// The bench's issuer adds a claim of `topic` for `identity`, valid ten
/// years; the receipt's gas.
pub fn add_claim(sim: &mut Sim, identity: Address, topic: u64) -> Result<u64> {
    let issuer = PrivateKeySigner::from_bytes(&B256::new(ISSUER_KEY))?.address();
    let args = claim_args(sim, identity, topic);
    Ok(sim
        .send(issuer, "identity-registry", "addClaim", &args, U256::ZERO)?
        .gas)
}

/// A relayer (Dave) submits a claim the scenario's issuer signed; the
/// receipt.
///
/// # Errors
///
/// When the registry refuses it.
pub fn add_signed_claim(sim: &mut Sim, identity: Address, topic: u64) -> Result<Receipt> {
    let args = signed_claim(sim, identity, topic)?;
    sim.send(
        DAVE,
        "identity-registry",
        "addSignedClaim",
        &args,
        U256::ZERO,
    )
}

/// `addSignedClaim`'s arguments: a claim of `topic` for `identity` as
/// [`claim_args`], signed by the scenario's issuer (EIP-712) with the
/// registry's current nonce.
///
/// # Errors
///
/// When the registry's views answer out of their ABI.
pub fn signed_claim(sim: &Sim, identity: Address, topic: u64) -> Result<[DynSolValue; 7]> {
    let signer = PrivateKeySigner::from_bytes(&B256::new(ISSUER_KEY))?;
    let [identity_arg, topic_arg, expiry, data_hash] = claim_args(sim, identity, topic);
    let nonce = sim.view(
        "identity-registry",
        "claimNonce",
        &[identity_arg.clone(), topic_arg.clone()],
    )?;
    let domain = sim.view("identity-registry", "DOMAIN_SEPARATOR", &[])?;
    let (Some(DynSolValue::Uint(nonce, _)), Some(DynSolValue::FixedBytes(domain, _))) =
        (nonce.first(), domain.first())
    else {
        bail!("claimNonce or DOMAIN_SEPARATOR answered out of its ABI");
    };
    let typehash = keccak256(
        "Claim(address identity,uint256 topic,uint64 expiry,bytes32 dataHash,uint256 nonce)",
    );
    let claim = DynSolValue::Tuple(vec![
        DynSolValue::FixedBytes(typehash, 32),
        identity_arg.clone(),
        topic_arg.clone(),
        expiry.clone(),
        data_hash.clone(),
        uint(*nonce),
    ]);
    let mut digest = vec![0x19, 0x01];
    digest.extend_from_slice(domain.as_slice());
    digest.extend_from_slice(keccak256(claim.abi_encode()).as_slice());
    let signature = signer.sign_hash_sync(&keccak256(&digest))?;
    Ok([
        identity_arg,
        topic_arg,
        addr(signer.address()),
        expiry,
        data_hash,
        uint(*nonce),
        DynSolValue::Bytes(signature.as_bytes().to_vec()),
    ])
}

/// `addClaim`'s arguments: `identity`, `topic`, ten years of validity, a
/// non-zero evidence hash.
pub fn claim_args(sim: &Sim, identity: Address, topic: u64) -> [DynSolValue; 4] {
    [
        addr(identity),
        uint(U256::from(topic)),
        DynSolValue::Uint(U256::from(sim.world.timestamp + 3_650 * DAY), 64),
        DynSolValue::FixedBytes(B256::repeat_byte(0x5a), 32),
    ]
}

/// An address argument.
pub fn addr(address: Address) -> DynSolValue {
    DynSolValue::Address(address)
}

/// A `uint256` argument.
pub fn uint(value: U256) -> DynSolValue {
    DynSolValue::Uint(value, 256)
}

/// `n` whole tokens (18 decimals), or `n` ETH in wei.
pub fn tokens(n: u64) -> U256 {
    U256::from(n) * U256::from(10).pow(U256::from(18))
}

/// `n` thousandths of an ETH, in wei.
pub fn eth_milli(n: u64) -> U256 {
    U256::from(n) * U256::from(10).pow(U256::from(15))
}

#[cfg(test)]
mod checks;
#[cfg(test)]
mod corporate;
#[cfg(test)]
mod tests;
