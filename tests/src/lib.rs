//! Cross-contract scenarios of the suite under motsu: the real contracts,
//! deployed and wired as on a chain, calling each other.
//!
//! - [`token_compliance`]: the token with the identity registry and the
//!   compliance, end to end: every refusal a holder can meet, forced
//!   transfers, burns and recovery, with the books of the token and the
//!   compliance compared after every step.
#[cfg(test)]
mod suite;
#[cfg(test)]
mod token_compliance;
