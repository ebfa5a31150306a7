//! Lock-up of minted tokens: motsu at its fixed clock, and `TestVM` where
//! time must pass.
use alloy_primitives::{Address, U256};
use common::{
    bindings::identity_registry::{IDENTITY, INVESTOR_COUNTRY},
    call::calldata,
    log::{address_word, uint_word},
};
use identity_registry::IdentityRegistry;
use motsu::prelude::*;
use stylus_sdk::testing::*;

use super::*;

/// A day, in seconds.
const DAY: u64 = 86_400;

#[motsu::test]
fn minted_tokens_are_locked_and_older_tokens_move(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    // Minted before the lock-up: free.
    env.mint(alice, HUNDRED);

    compliance
        .sender(owner)
        .set_lock_up_period(30 * DAY)
        .motsu_unwrap();
    compliance.assert_emitted(&LockUpPeriodSet { period: 30 * DAY });
    env.mint(alice, U256::from(50));

    assert_eq!(
        compliance.sender(owner).locked_balance(alice),
        U256::from(50)
    );
    assert_eq!(
        compliance.sender(owner).lock_ups(alice),
        vec![(NOW + 30 * DAY, U256::from(50))]
    );
    assert!(env.can(alice, bob, HUNDRED));
    assert!(!env.can(alice, bob, HUNDRED + U256::from(1)));
    env.transfer(alice, bob, HUNDRED);
    assert!(!env.can(alice, bob, U256::from(1)));
    // Received by transfer: free.
    assert!(env.can(bob, alice, HUNDRED));
}

#[motsu::test]
fn zero_period_locks_nothing(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    compliance
        .sender(owner)
        .set_lock_up_period(30 * DAY)
        .motsu_unwrap();
    compliance
        .sender(owner)
        .set_lock_up_period(0)
        .motsu_unwrap();

    env.mint(alice, HUNDRED);

    assert_eq!(compliance.sender(owner).locked_balance(alice), U256::ZERO);
    assert!(env.can(alice, bob, HUNDRED));
}

#[motsu::test]
fn forced_transfers_and_burns_take_locked_tokens_last_and_clear_them(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
    bob: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    env.register(bob, BOB_ID, FRANCE);
    env.mint(alice, HUNDRED);
    compliance
        .sender(owner)
        .set_lock_up_period(DAY)
        .motsu_unwrap();
    env.mint(alice, U256::from(60));
    env.mint(alice, U256::from(40));

    // 100 free, 100 locked (60 then 40): 120 forced out takes 20 locked,
    // from the newest lock.
    env.forced(alice, bob, U256::from(120));
    assert_eq!(
        compliance.sender(owner).locked_balance(alice),
        U256::from(80)
    );
    assert_eq!(
        compliance.sender(owner).lock_ups(alice),
        vec![(NOW + DAY, U256::from(60)), (NOW + DAY, U256::from(20))]
    );

    // Burning 50 of the 80 left (all locked) clears 50 locked.
    env.burn(alice, U256::from(50));
    assert_eq!(
        compliance.sender(owner).locked_balance(alice),
        U256::from(30)
    );
    assert_eq!(
        compliance.sender(owner).lock_ups(alice),
        vec![(NOW + DAY, U256::from(30))]
    );
    assert_eq!(
        compliance.sender(owner).wallet_book(alice).1,
        U256::from(30)
    );
}

#[motsu::test]
fn lock_ups_beyond_the_limit_merge_into_the_newest(
    compliance: Contract<Compliance>,
    registry: Contract<IdentityRegistry>,
    owner: Address,
    token: Address,
    alice: Address,
) {
    let env = deploy(&compliance, &registry, owner, token);
    env.register(alice, ALICE_ID, FRANCE);
    compliance
        .sender(owner)
        .set_lock_up_period(DAY)
        .motsu_unwrap();

    for _ in 0..lock_up::MAX_LOCK_UPS + 2 {
        env.mint(alice, U256::from(1));
    }

    let entries = compliance.sender(owner).lock_ups(alice);
    assert_eq!(entries.len(), lock_up::MAX_LOCK_UPS);
    assert_eq!(entries.last().map(|e| e.1), Some(U256::from(3)));
    assert_eq!(
        compliance.sender(owner).locked_balance(alice),
        U256::from(lock_up::MAX_LOCK_UPS + 2)
    );
}

/// Answers the registry's `identity` and `investorCountry` for `wallet`.
fn mock_wallet(vm: &TestVM, registry: Address, wallet: Address, identity: Address, country: u16) {
    vm.mock_static_call(
        registry,
        calldata(IDENTITY, &[address_word(wallet)]),
        Ok(address_word(identity).to_vec()),
    );
    vm.mock_static_call(
        registry,
        calldata(INVESTOR_COUNTRY, &[address_word(wallet)]),
        Ok(uint_word(U256::from(country)).to_vec()),
    );
}

/// A compliance on a `TestVM` at `NOW`, bound to `token`, with Alice and
/// Bob answered by a mocked registry.
pub(crate) fn on_test_vm(token: Address, alice: Address, bob: Address) -> (TestVM, Compliance) {
    let vm = TestVM::new();
    vm.set_block_timestamp(NOW);
    let registry = Address::repeat_byte(0x12);
    let owner = Address::repeat_byte(0x0a);
    mock_wallet(&vm, registry, alice, ALICE_ID, FRANCE);
    mock_wallet(&vm, registry, bob, BOB_ID, FRANCE);
    let mut compliance = Compliance::from(&vm);
    vm.set_sender(owner);
    compliance.constructor(owner, registry).unwrap();
    compliance.bind_token(token).unwrap();
    // Keep the books, as `deploy` does.
    compliance.set_max_holders(true, u32::MAX).unwrap();
    compliance.set_max_holders(false, 0).unwrap();
    (vm, compliance)
}

#[test]
fn locked_tokens_move_once_released() {
    let (token, alice, bob) = (
        Address::repeat_byte(0x70),
        Address::repeat_byte(0xa1),
        Address::repeat_byte(0xb0),
    );
    let (vm, mut compliance) = on_test_vm(token, alice, bob);
    compliance.set_lock_up_period(DAY).unwrap();
    vm.set_sender(token);
    compliance.created(alice, HUNDRED).unwrap();
    vm.set_block_timestamp(NOW + DAY / 2);
    compliance.created(alice, HUNDRED).unwrap();

    vm.set_block_timestamp(NOW + DAY - 1);
    assert!(!compliance.can_transfer(alice, bob, U256::from(1)));

    // The first mint is released; the second is not.
    vm.set_block_timestamp(NOW + DAY);
    assert!(compliance.can_transfer(alice, bob, HUNDRED));
    assert!(!compliance.can_transfer(alice, bob, HUNDRED + U256::from(1)));
    compliance.transferred(alice, bob, HUNDRED).unwrap();
    assert_eq!(
        compliance
            .lock_ups(alice)
            .iter()
            .map(|e| e.0)
            .collect::<Vec<_>>(),
        vec![NOW + DAY / 2 + DAY]
    );

    vm.set_block_timestamp(NOW + DAY / 2 + DAY);
    assert_eq!(compliance.locked_balance(alice), U256::ZERO);
    assert!(compliance.can_transfer(alice, bob, HUNDRED));
}

#[motsu::test]
fn locks_follow_tokens_moved_between_wallets_of_one_identity(
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
    compliance
        .sender(owner)
        .set_lock_up_period(DAY)
        .motsu_unwrap();
    env.mint(alice, HUNDRED);
    compliance
        .sender(owner)
        .set_lock_up_period(0)
        .motsu_unwrap();
    env.mint(alice, U256::from(50));

    // Unlocked tokens move first: no lock moves with them.
    env.forced(alice, alice2, U256::from(50));
    assert!(compliance.sender(owner).lock_ups(alice2).is_empty());
    assert_eq!(compliance.sender(owner).locked_balance(alice), HUNDRED);
    env.forced(alice2, alice, U256::from(50));

    // A recovery (forced move within the identity) keeps the lock.
    env.forced(alice, alice2, U256::from(150));
    assert_eq!(compliance.sender(owner).locked_balance(alice), U256::ZERO);
    assert_eq!(compliance.sender(owner).locked_balance(alice2), HUNDRED);
    assert_eq!(
        compliance.sender(owner).lock_ups(alice2),
        vec![(NOW + DAY, HUNDRED)]
    );
    assert!(env.can(alice2, bob, U256::from(50)));
    assert!(!env.can(alice2, bob, U256::from(51)));

    // A forced move to another identity clears it.
    env.forced(alice2, bob, U256::from(150));
    assert_eq!(compliance.sender(owner).locked_balance(bob), U256::ZERO);
    assert!(env.can(bob, alice, U256::from(150)));
}

/// A forced take of exactly the newest entry's amount removes that entry
/// and leaves the older one whole (no empty entry left behind).
#[test]
fn taking_exactly_one_entry_removes_it_and_keeps_the_other() {
    let (token, alice, bob) = (
        Address::repeat_byte(0x70),
        Address::repeat_byte(0xa1),
        Address::repeat_byte(0xb0),
    );
    let (vm, mut compliance) = on_test_vm(token, alice, bob);
    compliance.set_lock_up_period(DAY).unwrap();
    vm.set_sender(token);
    compliance.created(alice, HUNDRED).unwrap();
    vm.set_block_timestamp(NOW + 10);
    compliance.created(alice, U256::from(50)).unwrap();

    // Everything is locked: the forced move takes the newest entry, whole.
    compliance.transferred(alice, bob, U256::from(50)).unwrap();
    assert_eq!(compliance.lock_ups(alice), vec![(NOW + DAY, HUNDRED)]);
    assert_eq!(compliance.locked_balance(alice), HUNDRED);
    // One more token takes from the older entry, which keeps the rest.
    compliance.transferred(alice, bob, U256::from(1)).unwrap();
    assert_eq!(
        compliance.lock_ups(alice),
        vec![(NOW + DAY, HUNDRED - U256::from(1))]
    );
}

/// Mints that lock nothing leave the lock list as it was: a zero amount,
/// or no lock-up period.
#[test]
fn mints_that_lock_nothing_leave_the_list_unchanged() {
    let (token, alice, bob) = (
        Address::repeat_byte(0x70),
        Address::repeat_byte(0xa1),
        Address::repeat_byte(0xb0),
    );
    let (vm, mut compliance) = on_test_vm(token, alice, bob);
    compliance.set_lock_up_period(DAY).unwrap();
    vm.set_sender(token);
    compliance.created(alice, HUNDRED).unwrap();
    compliance.created(alice, U256::ZERO).unwrap();
    assert_eq!(compliance.lock_ups(alice), vec![(NOW + DAY, HUNDRED)]);

    vm.set_sender(Address::repeat_byte(0x0a));
    compliance.set_lock_up_period(0).unwrap();
    vm.set_sender(token);
    compliance.created(alice, HUNDRED).unwrap();
    assert_eq!(compliance.lock_ups(alice), vec![(NOW + DAY, HUNDRED)]);
    assert_eq!(compliance.locked_balance(alice), HUNDRED);
    // The unlocked hundred moves; the locked one does not.
    assert!(compliance.can_transfer(alice, bob, HUNDRED));
    assert!(!compliance.can_transfer(alice, bob, HUNDRED + U256::from(1)));
}
