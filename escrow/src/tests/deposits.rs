//! Construction, the offering, deposits and the end of the raise.
use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{Address, U256};
use common::{roles::OwnableUnauthorizedAccount, testing::MockErc20};
use compliance::Compliance;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn constructor_refuses_unusable_terms(
    escrow: Contract<Escrow>,
    owner: Address,
    token: Address,
    treasury: Address,
) {
    let construct = |token: Address, shares: Vec<u16>, deadlines: Vec<u64>| {
        escrow
            .sender(owner)
            .constructor(
                owner,
                token,
                Address::ZERO,
                treasury,
                owner,
                u(1),
                shares,
                deadlines,
            )
            .motsu_unwrap_err()
    };
    let invalid = |which: &str| -> Error {
        EscrowInvalidTerms {
            which: which.into(),
        }
        .into()
    };
    let day = |n: u64| NOW + n * DAY;
    assert_eq!(
        construct(Address::ZERO, vec![10_000], vec![day(1)]),
        invalid("address")
    );
    assert_eq!(construct(token, vec![], vec![]), invalid("milestones"));
    assert_eq!(
        construct(token, vec![10_000], vec![day(1), day(2)]),
        invalid("milestones")
    );
    assert_eq!(
        construct(token, vec![500; 21], vec![day(1); 21]),
        invalid("milestones")
    );
    assert_eq!(
        construct(token, vec![5_000, 4_999], vec![day(1), day(2)]),
        invalid("shares")
    );
    assert_eq!(
        construct(token, vec![10_000, 0], vec![day(1), day(2)]),
        invalid("shares")
    );
    assert_eq!(
        construct(token, vec![5_000, 5_000], vec![day(2), day(2)]),
        invalid("deadlines")
    );

    escrow
        .sender(owner)
        .constructor(
            owner,
            token,
            Address::ZERO,
            treasury,
            owner,
            u(1),
            vec![5_000, 5_000],
            vec![day(1), day(2)],
        )
        .motsu_unwrap();
    assert_eq!(
        escrow.sender(owner).milestones(),
        vec![(5_000, day(1), PENDING), (5_000, day(2), PENDING)]
    );
    assert_eq!(escrow.sender(owner).state(), RAISING);
}

/// Each address alone: a zero treasury, or a zero approver, is refused
/// even when everything else is valid.
#[motsu::test]
fn constructor_refuses_each_zero_address_alone(
    escrow: Contract<Escrow>,
    owner: Address,
    token: Address,
    treasury: Address,
    approver: Address,
) {
    let construct = |token: Address, treasury: Address, approver: Address| {
        escrow
            .sender(owner)
            .constructor(
                owner,
                token,
                Address::ZERO,
                treasury,
                approver,
                u(1),
                vec![10_000],
                vec![NOW + DAY],
            )
            .motsu_unwrap_err()
    };
    let invalid: Error = EscrowInvalidTerms {
        which: "address".into(),
    }
    .into();
    assert_eq!(construct(Address::ZERO, treasury, approver), invalid);
    assert_eq!(construct(token, Address::ZERO, approver), invalid);
    assert_eq!(construct(token, treasury, Address::ZERO), invalid);
    assert_eq!(
        escrow.sender(owner).ownable.owner(),
        Address::ZERO,
        "nothing stored"
    );
}

/// [`MAX_MILESTONES`] milestones are accepted; one more is refused above.
#[motsu::test]
fn constructor_accepts_exactly_the_most_milestones(
    escrow: Contract<Escrow>,
    owner: Address,
    token: Address,
    treasury: Address,
) {
    let deadlines: Vec<u64> = (1..=MAX_MILESTONES as u64).map(|n| NOW + n * DAY).collect();
    escrow
        .sender(owner)
        .constructor(
            owner,
            token,
            Address::ZERO,
            treasury,
            owner,
            u(1),
            vec![500; MAX_MILESTONES],
            deadlines.clone(),
        )
        .motsu_unwrap();
    let milestones = escrow.sender(owner).milestones();
    assert_eq!(milestones.len(), MAX_MILESTONES);
    assert_eq!(milestones[19], (500, deadlines[19], PENDING));
}

#[motsu::test]
fn offering_is_set_once_by_the_owner(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    offering: Address,
    other: Address,
) {
    deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, other),
    );
    escrow.assert_emitted(&OfferingSet { offering });

    let err = escrow.sender(owner).set_offering(other).motsu_unwrap_err();
    assert_eq!(err, EscrowOfferingAlreadySet { offering }.into());
    let err = escrow.sender(other).set_offering(other).motsu_unwrap_err();
    assert_eq!(err, OwnableUnauthorizedAccount { account: other }.into());
    assert_eq!(escrow.sender(owner).terms().4, offering);
}

#[motsu::test]
fn eth_deposits_are_recorded_per_investor_identity(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    offering: Address,
    treasury: Address,
    alice: Address,
) {
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, treasury),
    );

    env.buy_eth(&registry, alice, ALICE_ID, 10, 300);
    env.buy_eth(&registry, alice, ALICE_ID, 5, 200);

    assert_eq!(
        escrow.sender(owner).deposits(ALICE_ID),
        (u(500), u(15), U256::ZERO)
    );
    assert_eq!(escrow.sender(owner).totals().0, u(500));
    assert_eq!(eth(escrow.address()), u(500));
    assert_eq!(escrow.sender(owner).deposits(alice).1, U256::ZERO);
    escrow.assert_emitted(&Deposited {
        investor: ALICE_ID,
        amount: u(200),
        tokens: u(5),
    });
}

#[motsu::test]
fn deposits_refuse_strangers_and_wrong_values(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    offering: Address,
    treasury: Address,
    alice: Address,
) {
    deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, treasury),
    );
    alice.fund(u(100));
    offering.fund(u(100));

    let err = escrow
        .sender_and_value(alice, u(100))
        .deposit(alice, u(1), u(100))
        .motsu_unwrap_err();
    assert_eq!(err, EscrowUnauthorizedOffering { account: alice }.into());
    let err = escrow
        .sender_and_value(offering, u(99))
        .deposit(alice, u(1), u(100))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowWrongValue {
            amount: u(100),
            value: u(99),
        }
        .into()
    );
    assert_eq!(escrow.sender(owner).totals().0, U256::ZERO);
    assert_eq!(eth(offering), u(100));
}

#[motsu::test]
fn deposits_refuse_totals_beyond_half_a_word(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    offering: Address,
    treasury: Address,
    alice: Address,
) {
    deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, treasury),
    );
    let max = common::storage::HALF_MAX;
    offering.fund(max + u(10));
    let deposit = |tokens: U256, amount: U256| {
        escrow
            .sender_and_value(offering, amount)
            .deposit(alice, tokens, amount)
    };

    // Up to 2^128 - 1 of each, recorded; one more is refused.
    deposit(max, u(1)).motsu_unwrap();
    assert_eq!(
        deposit(u(1), u(1)).motsu_unwrap_err(),
        EscrowMathOverflow {}.into()
    );
    deposit(U256::ZERO, max - u(1)).motsu_unwrap();
    assert_eq!(
        deposit(U256::ZERO, u(1)).motsu_unwrap_err(),
        EscrowMathOverflow {}.into()
    );
    assert_eq!(escrow.sender(owner).deposits(alice), (max, max, U256::ZERO));
    assert_eq!(escrow.sender(owner).totals().0, max);
}

#[motsu::test]
fn erc20_deposits_must_arrive_first(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    usdc: Contract<MockErc20>,
    owner: Address,
    offering: Address,
    treasury: Address,
    alice: Address,
) {
    deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(usdc.address(), treasury),
    );
    offering.fund(u(1));

    let err = escrow
        .sender(offering)
        .deposit(alice, u(1), u(100))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowUnfundedDeposit {
            balance: U256::ZERO,
            needed: u(100),
        }
        .into()
    );
    let err = escrow
        .sender_and_value(offering, u(1))
        .deposit(alice, u(1), u(100))
        .motsu_unwrap_err();
    assert_eq!(
        err,
        EscrowWrongValue {
            amount: u(100),
            value: u(1),
        }
        .into()
    );

    usdc.sender(offering).mint(escrow.address(), u(100));
    escrow
        .sender(offering)
        .deposit(alice, u(1), u(100))
        .motsu_unwrap();
    assert_eq!(escrow.sender(owner).deposits(alice).0, u(100));
}

#[motsu::test]
fn raise_succeeds_at_the_soft_cap(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    offering: Address,
    treasury: Address,
    alice: Address,
) {
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, treasury),
    );
    env.buy_eth(&registry, alice, ALICE_ID, 10, 1_000);

    let err = escrow.sender(alice).close_raise().motsu_unwrap_err();
    assert_eq!(err, EscrowUnauthorizedOffering { account: alice }.into());
    env.close();

    assert_eq!(escrow.sender(owner).state(), SUCCEEDED);
    escrow.assert_emitted(&RaiseClosed {
        succeeded: true,
        deposited: u(1_000),
    });
    let err = escrow.sender(offering).close_raise().motsu_unwrap_err();
    assert_eq!(err, EscrowWrongState { state: SUCCEEDED }.into());
    offering.fund(u(1));
    let err = escrow
        .sender_and_value(offering, u(1))
        .deposit(alice, u(1), u(1))
        .motsu_unwrap_err();
    assert_eq!(err, EscrowWrongState { state: SUCCEEDED }.into());
}

#[motsu::test]
fn raise_below_the_soft_cap_fails(
    escrow: Contract<Escrow>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    owner: Address,
    offering: Address,
    treasury: Address,
    alice: Address,
) {
    let env = deploy(
        &escrow,
        &registry,
        &compliance,
        &token,
        owner,
        offering,
        Terms::new(Address::ZERO, treasury),
    );
    env.buy_eth(&registry, alice, ALICE_ID, 10, 999);

    env.close();

    assert_eq!(escrow.sender(owner).state(), FAILED);
    escrow.assert_emitted(&RaiseClosed {
        succeeded: false,
        deposited: u(999),
    });
    assert_eq!(escrow.sender(owner).refundable(ALICE_ID).unwrap(), u(999));
}
