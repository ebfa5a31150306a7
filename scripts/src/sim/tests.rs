//! The simulation `suite plan` and `suite deploy` run before anything is
//! sent: every step of a plan on the Stylus test runtime, refusals named
//! by the contract's error and the TOML key at fault.
use alloy_dyn_abi::DynSolValue;
use alloy_primitives::{Address, U256};

use super::*;
use crate::plan::{self, Config};

/// A change to the example offering.
type Change = fn(&mut Config);

/// The deployer of these simulations.
const DEPLOYER: Address = Address::repeat_byte(0xde);

/// The example offering, changed by `change`, planned without the offline
/// checks (as if they missed it), then simulated: the refusal.
fn simulated_refusal(change: impl FnOnce(&mut Config)) -> String {
    let root = crate::workspace_root();
    let mut config = plan::parse_config(&root.join("deploy/example.toml")).unwrap();
    change(&mut config);
    let plan = plan::plan(&config, &root).unwrap();
    format!("{:#}", dry_run(&plan, &root, DEPLOYER).err().unwrap())
}

#[test]
fn the_example_plan_simulates_every_step_and_its_raise_cap_is_reachable() {
    let root = crate::workspace_root();
    let config = plan::parse_config(&root.join("deploy/example.toml")).unwrap();
    let plan = plan::plan(&config, &root).unwrap();
    let (sim, simulated) = dry_run(&plan, &root, DEPLOYER).unwrap();
    let steps = plan.steps();
    assert_eq!(simulated.len(), steps.len());
    for (step, simulated) in steps.iter().zip(&simulated) {
        assert!(simulated.gas > 21_000, "{}: {simulated:?}", step.label);
        let deploys = !matches!(step.action, Action::Call(_));
        assert_eq!(!simulated.data_fee.is_zero(), deploys, "{}", step.label);
    }
    // Handed over: the admin is every contract's pending owner.
    for name in crate::CONTRACTS {
        let pending = sim.view(name, "pendingOwner", &[]).unwrap();
        assert_eq!(
            pending,
            [DynSolValue::Address(config.roles.admin)],
            "{name}"
        );
    }
    // Selling the whole hard cap raises exactly the raise cap.
    let hard_cap = DynSolValue::Uint(config.offering.hard_cap, 256);
    let raise = sim.view("offering", "quoteCost", &[hard_cap]).unwrap();
    assert_eq!(raise, [DynSolValue::Uint(config.offering.raise_cap, 256)]);
}

#[test]
fn terms_the_contracts_refuse_are_refused_by_name_and_toml_key() {
    let cases: [(Change, &str, &str); 4] = [
        (
            |c| c.identity.claim_topics = vec![1, 1],
            "identity-registry.addClaimTopic(uint256): a claim every investor needs \
             (identity.claim_topics[1]) would revert: IdentityRegistryClaimTopicAlreadyRequired(1)",
            "claim topics",
        ),
        (
            |c| c.identity.trusted_issuers[0].topics = Vec::new(),
            "(identity.trusted_issuers[0]) would revert: IdentityRegistryInvalidIssuerTopicCount(15)",
            "issuer topics",
        ),
        (
            |c| c.compliance.transfer_limits[0].window = 0,
            "(compliance.transfer_limits) would revert: ComplianceInvalidTransferLimits(",
            "window",
        ),
        (
            |c| c.offering.slope = U256::MAX,
            "construct offering (offering.slope) would revert: the constructor reverted: \
             OfferingInvalidTerms(\"slope\")",
            "slope",
        ),
    ];
    for (change, expected, what) in cases {
        let refusal = simulated_refusal(change);
        assert!(refusal.contains(expected), "{what}: {refusal}");
    }
}
