//! The error enum of a contract that calls other contracts.
//!
//! `#[derive(SolidityError)]` accepts only Solidity error types as
//! variants, so a contract using it cannot pass a callee's revert data
//! through unchanged. [`contract_error!`](crate::contract_error) declares
//! the same enum (one variant per `sol!` error, the same ABI encoding, the
//! same `error` lines in `export-abi`) plus a `Reverted` variant that holds
//! the revert data of a call the contract made, returned to its own caller
//! byte for byte: a wallet decodes the callee's typed error as if it had
//! called the callee.

/// Encodes a Solidity error: `selector`, then its ABI-encoded `tokens`.
///
/// Same bytes as `SolError::abi_encode`, but generic over the parameters'
/// token types rather than over each error type, and never inlined: the
/// errors of a contract share a handful of instances (one per parameter
/// list shape), which keeps the deployed wasm small.
#[inline(never)]
#[must_use]
pub fn encode<'a, T: alloy_sol_types::abi::TokenSeq<'a>>(
    selector: [u8; 4],
    tokens: &T,
) -> alloc::vec::Vec<u8> {
    let mut out = selector.to_vec();
    out.extend(alloy_sol_types::abi::encode_sequence(tokens));
    out
}

/// Declares a contract's error enum.
///
/// ```ignore
/// common::contract_error! {
///     /// A rejection by the token.
///     pub enum Error {
///         /// The caller is not the owner.
///         UnauthorizedOwner(OwnableUnauthorizedAccount),
///     }
/// }
/// ```
///
/// expands to the enum with an extra variant `Reverted(Vec<u8>)`, `From`
/// conversions from each error type and from revert data, the conversion
/// into revert data the router uses, and (with the contract's `export-abi`
/// feature) the error declarations of the exported interface.
///
/// `contract_error! { plain pub enum Error { ... } }` declares the same
/// without `Reverted`, for code that calls no other contract (the roles).
#[macro_export]
macro_rules! contract_error {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($ty:ty) ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, PartialEq)]
        pub enum $name {
            $( $(#[$vmeta])* $variant($ty), )*
            /// A contract this one called reverted with this data, which is
            /// returned to the caller unchanged.
            Reverted($crate::call::RevertData),
        }

        impl From<$crate::call::RevertData> for $name {
            fn from(data: $crate::call::RevertData) -> Self {
                Self::Reverted(data)
            }
        }

        impl From<$name> for alloc::vec::Vec<u8> {
            fn from(error: $name) -> Self {
                match error {
                    $( $name::$variant(e) => $crate::error::encode(
                        <$ty as alloy_sol_types::SolError>::SELECTOR,
                        &alloy_sol_types::SolError::tokenize(&e),
                    ), )*
                    $name::Reverted(data) => data,
                }
            }
        }

        $crate::contract_error!(@variants $name { $( $variant($ty) ),* });
    };
    (
        plain
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($ty:ty) ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, PartialEq)]
        pub enum $name {
            $( $(#[$vmeta])* $variant($ty), )*
        }

        impl From<$name> for alloc::vec::Vec<u8> {
            fn from(error: $name) -> Self {
                match error {
                    $( $name::$variant(e) => $crate::error::encode(
                        <$ty as alloy_sol_types::SolError>::SELECTOR,
                        &alloy_sol_types::SolError::tokenize(&e),
                    ), )*
                }
            }
        }

        $crate::contract_error!(@variants $name { $( $variant($ty) ),* });
    };
    (@variants $name:ident { $( $variant:ident($ty:ty) ),* }) => {
        $(
            impl From<$ty> for $name {
                fn from(value: $ty) -> Self {
                    Self::$variant(value)
                }
            }
        )*

        #[cfg(feature = "export-abi")]
        impl stylus_sdk::abi::export::internal::InnerTypes for $name {
            fn inner_types() -> alloc::vec::Vec<stylus_sdk::abi::export::internal::InnerType> {
                use alloc::{format, vec};
                use stylus_sdk::abi::export::internal::InnerType;
                use alloy_sol_types::SolError;

                vec![
                    $(
                        InnerType {
                            name: format!(
                                "error {};",
                                <$ty as SolError>::SIGNATURE.replace(',', ", ")
                            ),
                            id: core::any::TypeId::of::<$ty>(),
                        },
                    )*
                ]
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use alloc::{vec, vec::Vec};

    use alloy_primitives::{address, Address};
    use alloy_sol_types::{sol, SolError};

    sol! {
        #[derive(Debug, PartialEq)]
        error SampleRefused(address account);
    }

    crate::contract_error! {
        /// A sample error enum.
        pub enum Error {
            /// Refused.
            Refused(SampleRefused),
        }
    }

    #[test]
    fn variants_encode_as_their_solidity_error() {
        let account: Address = address!("00000000000000000000000000000000000000aa");
        let error = Error::from(SampleRefused { account });
        assert_eq!(
            Vec::<u8>::from(error),
            SampleRefused { account }.abi_encode()
        );
    }

    #[test]
    fn revert_data_passes_through_unchanged() {
        let data = vec![0xde, 0xad, 0xbe, 0xef, 1, 2, 3];
        assert_eq!(Vec::<u8>::from(Error::from(data.clone())), data);
    }
}
