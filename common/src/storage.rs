//! Helpers over storage lists.
use stylus_sdk::storage::{SimpleStorageType, StorageType, StorageVec};

/// Position of `value` in a storage vector.
pub fn position<S, T: PartialEq>(list: &StorageVec<S>, value: T) -> Option<usize>
where
    S: 'static + for<'a> StorageType<Wraps<'a> = T>,
{
    (0..list.len()).find(|&i| list.get(i).as_ref() == Some(&value))
}

/// Removes element `index` by moving the last element into its place
/// (order is not kept). Out of range, it removes the last element.
pub fn swap_remove<S, T>(list: &mut StorageVec<S>, index: usize)
where
    S: 'static + for<'a> SimpleStorageType<'a, Wraps<'a> = T>,
{
    if let Some(last) = list.pop() {
        if let Some(mut slot) = list.setter(index) {
            slot.set_by_wrapped(last);
        }
    }
}
