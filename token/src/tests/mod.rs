//! motsu tests of the token.
