//! motsu tests of the escrow.
