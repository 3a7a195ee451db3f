//! Who may do what: the RBAC seed and its validation.

mod apply;
mod grants;
mod require;
mod seed;

pub use apply::{apply_seed, test_staff_email};
pub use grants::{check_grant, check_senior, grantable_role};
pub use require::require;

pub use seed::{
    AlertRuleSeed, ConfigSeed, PermissionSeed, RbacSeed, ResolvedRole, ResolvedSeed, SEED_RBAC_YAML,
    module_of,
};
