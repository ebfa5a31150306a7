//! Random purchase sequences: quotes equal executions and no cap is ever
//! passed.
use ::identity_registry::IdentityRegistry;
use ::token::Token;
use alloy_primitives::{Address, U256};
use common::testing::MockErc20;
use compliance::Compliance;
use motsu::prelude::*;

use super::*;

#[motsu::test]
fn purchase_sequences_execute_their_quotes_within_every_cap(
    offering: Contract<Offering>,
    registry: Contract<IdentityRegistry>,
    compliance: Contract<Compliance>,
    token: Contract<Token>,
    escrow: Contract<MockEscrow>,
    usdc: Contract<MockErc20>,
    owner: Address,
    alice: Address,
    bob: Address,
) {
    let terms = Terms {
        asset: usdc.address(),
        raise_cap: U256::from(6_000),
        ..Terms::default()
    };
    let env = deploy(
        &offering,
        &registry,
        &compliance,
        &token,
        &escrow,
        owner,
        terms,
    );
    env.register(alice, ALICE_ID);
    env.register(bob, BOB_ID);
    env.accredit(BOB_ID);
    for buyer in [alice, bob] {
        usdc.sender(buyer).mint(buyer, U256::from(1_000_000));
        usdc.sender(buyer).approve(offering.address(), U256::MAX);
    }
    let caps = [(alice, ALICE_ID, 500u64), (bob, BOB_ID, 5_000)];

    let mut seed = 0x0ff3_u64;
    let (mut bought, mut refused) = (0, 0);
    for step in 0..60 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let (buyer, identity, cap) = caps[(seed % 2) as usize];
        let payment = U256::from(seed % 400);
        let view = offering.sender(buyer);
        let (sold, raised, invested) = (view.tokens_sold(), view.raised(), view.invested(identity));
        let quoted = view.quote_buy(payment).unwrap();
        let cost = view.quote_cost(quoted).unwrap();
        let paid_before = usdc.sender(buyer).balance_of(buyer);

        match offering
            .sender(buyer)
            .buy_with_token(payment, U256::ZERO, NOW)
            .motsu_res()
        {
            Ok(tokens) => {
                bought += 1;
                assert_eq!(tokens, quoted, "step {step}: quote = execution");
                assert!(cost <= payment);
                assert_eq!(paid_before - usdc.sender(buyer).balance_of(buyer), cost);
                assert_eq!(offering.sender(buyer).tokens_sold(), sold + tokens);
                assert_eq!(offering.sender(buyer).raised(), raised + cost);
            }
            Err(_) => {
                refused += 1;
                // Refused: nothing moved.
                assert_eq!(offering.sender(buyer).tokens_sold(), sold);
                assert_eq!(usdc.sender(buyer).balance_of(buyer), paid_before);
            }
        }
        let view = offering.sender(buyer);
        assert!(view.tokens_sold() <= U256::from(100));
        assert!(view.raised() <= U256::from(6_000));
        assert!(view.invested(identity) <= U256::from(cap));
        assert!(invested <= view.invested(identity));
        assert_eq!(
            usdc.sender(buyer).balance_of(escrow.address()),
            view.raised()
        );
        assert_eq!(token.sender(buyer).total_supply(), view.tokens_sold());
    }
    assert!(
        bought > 10 && refused > 10,
        "{bought} bought, {refused} refused"
    );
}
