//! Cross-contract scenarios of the suite under motsu: the real contracts,
//! deployed and wired as on a chain, calling each other.
//!
//! - [`token_compliance`]: the token with the identity registry and the
//!   compliance, end to end: every refusal a holder can meet, forced
//!   transfers, burns and recovery, with the books of the token and the
//!   compliance compared after every step.
//! - [`lifecycle`]: the five contracts wired as an issuer deploys them, an
//!   offering played through: purchases at rising prices, milestone
//!   releases to the treasury, or a failed raise with refunds and burns.
//! - [`abi_returns`]: every view with several return values, called as raw
//!   calldata through the contracts' routers, decodes with the committed
//!   JSON ABIs.
#[cfg(test)]
mod abi_returns;
#[cfg(test)]
mod lifecycle;
#[cfg(test)]
mod suite;
#[cfg(test)]
mod token_compliance;
