//! The `bookings.*` actions.

pub mod cancel;
pub mod get;
pub mod list;
pub mod refund;
pub mod reschedule;
