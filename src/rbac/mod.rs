//! Who may do what: the RBAC seed and its validation.

mod apply;
mod require;
mod seed;

pub use apply::{apply_seed, test_staff_email};
pub use require::require;

pub use seed::{
    AlertRuleSeed, ConfigSeed, PermissionSeed, RbacSeed, ResolvedRole, ResolvedSeed, SEED_RBAC_YAML,
    module_of,
};
