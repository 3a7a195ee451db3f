//! The `metrics.*` actions.

pub mod bookings;
pub mod complaints;
pub mod export;
pub mod revenue;
pub mod sla;
