//! Transfer limits per identity over up to four windows.
use alloy_primitives::{Address, U256};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;

use super::{lock_ups::on_test_vm, *};
use crate::rules::{pack, unpack, unpack_limit};

/// A day and thirty days, in seconds.
const DAY: u64 = 86_400;
const MONTH: u64 = 30 * DAY;

#[motsu::test]
fn transfers_within_each_window_are_capped(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    alice2: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(alice2, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    env.mint(alice, U256::from(1_000));
    compliance
        .sender(owner)
        .set_transfer_limits(vec![DAY, MONTH], vec![HUNDRED, U256::from(150)])
        .motsu_unwrap();
    compliance.assert_emitted(&TransferLimitsSet {
        windows: vec![DAY, MONTH],
        limits: vec![HUNDRED, U256::from(150)],
    });

    assert!(!env.can(alice, bob, HUNDRED + U256::from(1)));
    env.transfer(alice, bob, U256::from(60));
    assert_eq!(
        compliance.sender(owner).sent_in_window(ALICE_ID, DAY),
        U256::from(60)
    );
    assert!(env.can(alice, bob, U256::from(40)));
    assert!(!env.can(alice, bob, U256::from(41)));
    // Own wallets and mints do not count.
    env.transfer(alice, alice2, U256::from(500));
    env.mint(alice, HUNDRED);
    assert_eq!(
        compliance.sender(owner).sent_in_window(ALICE_ID, MONTH),
        U256::from(60)
    );
    // Forced transfers count, even past the limit.
    env.forced(alice, bob, HUNDRED);
    assert_eq!(
        compliance.sender(owner).sent_in_window(ALICE_ID, DAY),
        U256::from(160)
    );
    assert!(!env.can(alice, bob, U256::from(1)));
    assert!(env.can(alice, bob, U256::ZERO));

    compliance
        .sender(owner)
        .set_transfer_limits(vec![], vec![])
        .motsu_unwrap();
    assert!(env.can(alice, bob, U256::from(300)));
    assert_eq!(compliance.sender(owner).transfer_limits(), vec![]);
}

#[motsu::test]
fn malformed_transfer_limits_are_refused(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
) {
    deploy(&compliance, &registry, owner, token);
    let expected: Error = ComplianceInvalidTransferLimits {
        max: U256::from(MAX_TRANSFER_LIMITS),
    }
    .into();
    let above_max = U256::from(MAX_LIMIT) + U256::from(1);
    let cases: [(Vec<u64>, Vec<U256>); 5] = [
        (vec![DAY], vec![]),
        (vec![0], vec![HUNDRED]),
        (vec![DAY, DAY], vec![HUNDRED, HUNDRED]),
        (vec![1, 2, 3, 4, 5], vec![HUNDRED; 5]),
        (vec![DAY, MONTH], vec![HUNDRED, above_max]),
    ];
    for (windows, limits) in cases {
        let err = compliance
            .sender(owner)
            .set_transfer_limits(windows, limits)
            .motsu_unwrap_err();
        assert_eq!(err, expected);
    }
    compliance
        .sender(owner)
        .set_transfer_limits(vec![1, 2, 3, 4], vec![HUNDRED; 4])
        .motsu_unwrap();
    assert_eq!(
        compliance.sender(owner).transfer_limits(),
        vec![(1, HUNDRED), (2, HUNDRED), (3, HUNDRED), (4, HUNDRED)]
    );
    // Three windows: two words, the second half empty; each limit and
    // window reads back, the largest ones included.
    compliance
        .sender(owner)
        .set_transfer_limits(
            vec![MAX_WINDOW, 1, DAY],
            vec![U256::from(7), MAX_LIMIT, U256::ZERO],
        )
        .motsu_unwrap();
    assert_eq!(
        compliance.sender(owner).transfer_limits(),
        vec![
            (MAX_WINDOW, U256::from(7)),
            (1, MAX_LIMIT),
            (DAY, U256::ZERO)
        ]
    );
    // Fewer windows replace them all; the largest limit is accepted.
    compliance
        .sender(owner)
        .set_transfer_limits(vec![DAY], vec![U256::from(MAX_LIMIT)])
        .motsu_unwrap();
    assert_eq!(
        compliance.sender(owner).transfer_limits(),
        vec![(DAY, U256::from(MAX_LIMIT))]
    );
}

#[test]
fn two_limits_share_a_word_each_in_its_half() {
    // Low half: window 2^32 - 1 above limit 2^96 - 1; high half: window 1
    // above limit 2.
    let low = (U256::from(MAX_WINDOW) << 96) | MAX_LIMIT;
    let high = (U256::from(1) << 96) | U256::from(2);
    let word = low | (high << 128);
    assert_eq!(unpack_limit(word, false), (MAX_WINDOW, MAX_LIMIT));
    assert_eq!(unpack_limit(word, true), (1, U256::from(2)));
}

#[test]
fn a_window_counter_saturates_beyond_every_limit() {
    // What an identity sent shares its word with the window's end: an
    // amount beyond 2^192 - 1 is kept as 2^192 - 1, beyond every limit.
    let end = u64::MAX;
    assert!(MAX_COUNTED > MAX_LIMIT);
    assert_eq!(unpack(pack(end, MAX_COUNTED)), (end, MAX_COUNTED));
    assert_eq!(unpack(pack(end, U256::MAX)), (end, MAX_COUNTED));
    assert_eq!(unpack(pack(0, U256::from(7))), (0, U256::from(7)));
    assert_eq!(pack(1, U256::ZERO), U256::from(1) << 192);
}

#[test]
fn the_books_take_a_supply_up_to_two_to_the_128_less_one() {
    let (token, alice, bob) = (
        Address::repeat_byte(0x70),
        Address::repeat_byte(0xa1),
        Address::repeat_byte(0xb0),
    );
    let (vm, mut compliance) = on_test_vm(token, alice, bob);
    vm.set_sender(token);
    compliance.created(alice, MAX_BOOKED - HUNDRED).unwrap();
    assert!(compliance.can_transfer(Address::ZERO, alice, HUNDRED));
    assert!(!compliance.can_transfer(Address::ZERO, alice, HUNDRED + U256::from(1)));
    let err = compliance
        .created(alice, HUNDRED + U256::from(1))
        .unwrap_err();
    assert_eq!(err, ComplianceOverflow {}.into());
    compliance.created(bob, HUNDRED).unwrap();
    assert_eq!(compliance.supply(), MAX_BOOKED);
    assert_eq!(compliance.identity_balance(ALICE_ID), MAX_BOOKED - HUNDRED);
    // The whole supply on one identity keeps its country beside it.
    compliance.transferred(bob, alice, HUNDRED).unwrap();
    assert_eq!(compliance.identity_balance(ALICE_ID), MAX_BOOKED);
    assert_eq!(compliance.country(FRANCE).4, 1);
}

#[test]
fn each_window_restarts_after_it_ends() {
    let (token, alice, bob) = (
        Address::repeat_byte(0x70),
        Address::repeat_byte(0xa1),
        Address::repeat_byte(0xb0),
    );
    let (vm, mut compliance) = on_test_vm(token, alice, bob);
    compliance
        .set_transfer_limits(vec![DAY, MONTH], vec![HUNDRED, U256::from(150)])
        .unwrap();
    vm.set_sender(token);
    compliance.created(alice, U256::from(1_000)).unwrap();
    compliance.transferred(alice, bob, HUNDRED).unwrap();
    assert!(!compliance.can_transfer(alice, bob, U256::from(1)));

    // A day later the daily window restarts; the monthly one has 50 left.
    vm.set_block_timestamp(NOW + DAY);
    assert!(compliance.can_transfer(alice, bob, U256::from(50)));
    assert!(!compliance.can_transfer(alice, bob, U256::from(51)));
    compliance.transferred(alice, bob, U256::from(50)).unwrap();
    assert_eq!(compliance.sent_in_window(ALICE_ID, DAY), U256::from(50));

    vm.set_block_timestamp(NOW + MONTH);
    assert_eq!(compliance.sent_in_window(ALICE_ID, MONTH), U256::ZERO);
    assert!(compliance.can_transfer(alice, bob, HUNDRED));
}
