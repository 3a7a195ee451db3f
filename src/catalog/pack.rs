//! Loading packs of actions and validating parameters against their schemas.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

use super::action::{ActionSpec, Executor};
use crate::error::{Error, Result};

/// The built-in ops pack as written (the source of truth).
pub const BUILTIN_PACK_YAML: &str = include_str!("../../catalog/ops.yaml");

/// The same pack as JSON, generated from the YAML and committed: serde_json parses
/// it several times faster, and every cold `plan` pays for that parse. A test keeps
/// the two identical (`OPSGATE_BLESS=1` regenerates it).
const BUILTIN_PACK_JSON: &str = include_str!("../../catalog/ops.json");

#[derive(Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
struct Pack {
    name: String,
    #[serde(default)]
    description: String,
    actions: Vec<ActionSpec>,
}

/// Catalogs built with packs, by their packs' SHA-256s.
static BUILT: std::sync::Mutex<BTreeMap<String, &'static Catalog>> = std::sync::Mutex::new(BTreeMap::new());

/// All known actions, by name. Parameter schemas compile on first use: a
/// command validates one or two actions, not all of them.
pub struct Catalog {
    actions: Vec<ActionSpec>,
    validators: BTreeMap<String, OnceLock<jsonschema::Validator>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").field("actions", &self.actions.len()).finish()
    }
}

impl Catalog {
    /// The built-in catalog, parsed and compiled once per process.
    pub fn builtin() -> &'static Catalog {
        static BUILTIN: OnceLock<Catalog> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let pack: Pack = serde_json::from_str(BUILTIN_PACK_JSON)
                .unwrap_or_else(|e| unreachable!("catalog/ops.json is generated and checked by tests: {e}"));
            Catalog::from_pack(Path::new("catalog/ops.yaml"), pack)
                .unwrap_or_else(|e| unreachable!("the built-in pack is validated by tests: {e}"))
        })
    }

    /// `catalog/ops.json` as generated from `catalog/ops.yaml`.
    pub fn builtin_pack_json() -> Result<String> {
        let pack: Pack = crate::yaml::from_str(Path::new("catalog/ops.yaml"), BUILTIN_PACK_YAML)?;
        serde_json::to_string_pretty(&pack)
            .map(|json| json + "\n")
            .map_err(|e| Error::Internal(e.to_string()))
    }

    /// The committed JSON pack, for the test that keeps it in sync.
    pub fn committed_builtin_pack_json() -> &'static str {
        BUILTIN_PACK_JSON
    }

    /// Parses and checks a pack: unique names, schemas that compile, dotted permissions.
    pub fn from_yaml(path: &Path, text: &str) -> Result<Catalog> {
        let catalog = Catalog::from_pack(path, crate::yaml::from_str(path, text)?)?;
        catalog.compile_all()?;
        Ok(catalog)
    }

    /// This catalog and `more` actions (a pack's), checked as one catalog.
    pub fn with(&self, more: &[ActionSpec]) -> Result<Catalog> {
        let actions = self.actions.iter().chain(more).cloned().collect();
        let pack = Pack { name: "installed".into(), description: String::new(), actions };
        let catalog = Catalog::from_pack(Path::new("installed packs"), pack)?;
        for action in more {
            catalog.validator(action)?;
        }
        Ok(catalog)
    }

    /// The built-in catalog and these packs' actions, built once per process
    /// for each set of packs (keyed by their SHA-256s): a command plans
    /// against the packs added when it started, and a long-running server
    /// sees an added pack on its next request without rebuilding per request.
    pub fn with_packs(packs: &[crate::pack::Pack]) -> Result<&'static Catalog> {
        if packs.is_empty() {
            return Ok(Catalog::builtin());
        }
        let key = Catalog::key(packs.iter().map(|p| p.sha256.as_str()));
        let mut built = BUILT.lock().map_err(|_| Error::Internal("the catalog cache is poisoned".into()))?;
        if let Some(catalog) = built.get(&key) {
            return Ok(catalog);
        }
        let more: Vec<ActionSpec> = packs.iter().flat_map(|p| p.actions.iter().cloned()).collect();
        // Leaked on purpose: sessions hold `&'static Catalog`, and a process
        // sees only as many pack sets as admins add or remove packs while it runs.
        let catalog: &'static Catalog = Box::leak(Box::new(Catalog::builtin().with(&more)?));
        built.insert(key, catalog);
        Ok(catalog)
    }

    /// The catalog already built for packs with these SHA-256s (in name order), if any.
    pub fn built_for<'a>(shas: impl IntoIterator<Item = &'a str>) -> Option<&'static Catalog> {
        BUILT.lock().ok()?.get(&Catalog::key(shas)).copied()
    }

    fn key<'a>(shas: impl IntoIterator<Item = &'a str>) -> String {
        shas.into_iter().collect::<Vec<_>>().join(",")
    }

    fn from_pack(path: &Path, pack: Pack) -> Result<Catalog> {
        let invalid = |message: String| Error::InvalidFile { path: path.to_owned(), location: None, message };
        let mut validators = BTreeMap::new();
        for action in &pack.actions {
            if validators.contains_key(&action.name) {
                return Err(invalid(format!("duplicate action `{}`", action.name)));
            }
            if !action.permission.contains('.') {
                return Err(invalid(format!(
                    "action `{}` has permission `{}`",
                    action.name, action.permission
                )));
            }
            if let Some(target) = &action.target
                && !action.param_names().contains(&target.param.as_str())
            {
                return Err(invalid(format!(
                    "action `{}` targets unknown parameter `{}`",
                    action.name, target.param
                )));
            }
            if action.executor == Executor::Http && action.http.is_none() {
                return Err(invalid(format!("action `{}` is an HTTP action without a request", action.name)));
            }
            if action.executor == Executor::Builtin && crate::builtin::builtin(&action.name).is_err() {
                return Err(invalid(format!(
                    "action `{}` is bound to the built-in executor, which has no `{}`",
                    action.name, action.name
                )));
            }
            validators.insert(action.name.clone(), OnceLock::new());
        }
        Ok(Catalog { actions: pack.actions, validators })
    }

    fn compile(action: &ActionSpec) -> Result<jsonschema::Validator> {
        // Draft 7 is all the pack's schemas use, and its meta-schema is far cheaper
        // to compile than 2020-12's: that cost lands on every cold `plan`.
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .should_validate_formats(true)
            .build(&action.params)
            .map_err(|e| {
                Error::Config(format!("action `{}` has an invalid parameter schema: {e}", action.name))
            })
    }

    /// Compiles every schema now (for packs loaded from files: fail at load, not at use).
    pub fn compile_all(&self) -> Result<()> {
        for action in &self.actions {
            self.validator(action)?;
        }
        Ok(())
    }

    fn validator(&self, action: &ActionSpec) -> Result<&jsonschema::Validator> {
        let cell = self.validators.get(&action.name).ok_or_else(|| {
            Error::NotFound(format!("unknown action `{}`; `opsgate actions` lists the catalog", action.name))
        })?;
        if let Some(validator) = cell.get() {
            return Ok(validator);
        }
        let compiled = Catalog::compile(action)?;
        Ok(cell.get_or_init(|| compiled))
    }

    pub fn actions(&self) -> &[ActionSpec] {
        &self.actions
    }

    pub fn get(&self, name: &str) -> Option<&ActionSpec> {
        self.actions.iter().find(|a| a.name == name)
    }

    /// Looks an action up, or explains which names exist.
    pub fn require(&self, name: &str) -> Result<&ActionSpec> {
        self.get(name).ok_or_else(|| {
            Error::NotFound(format!("unknown action `{name}`; `opsgate actions` lists the catalog"))
        })
    }

    /// Checks parameters against the action's schema; the error lists every violation on one line.
    pub fn validate(&self, action: &str, params: &Value) -> Result<()> {
        let validator = self.validator(self.require(action)?)?;
        let problems: Vec<String> = validator
            .iter_errors(params)
            .map(|error| {
                let at = error.instance_path().to_string();
                if at.is_empty() { error.to_string() } else { format!("{at}: {error}") }
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Usage(format!("invalid parameters for `{action}`: {}", problems.join("; "))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Requires, Risk};
    use serde_json::json;

    #[test]
    fn the_builtin_pack_has_every_action_of_the_design() {
        let catalog = Catalog::builtin();
        let expected = [
            ("bookings.list", "bookings.view", Risk::Read, Requires::None, false),
            ("bookings.get", "bookings.view", Risk::Read, Requires::None, false),
            ("bookings.reschedule", "bookings.edit", Risk::Write, Requires::Confirm, false),
            ("bookings.cancel", "bookings.cancel", Risk::Destructive, Requires::Confirm, false),
            ("bookings.refund", "bookings.refund", Risk::Financial, Requires::Approval, true),
            ("users.search", "users.view", Risk::Read, Requires::None, false),
            ("users.get", "users.view", Risk::Read, Requires::None, false),
            ("users.update", "users.edit", Risk::Write, Requires::Confirm, false),
            ("users.delete", "users.delete", Risk::Destructive, Requires::Confirm, false),
            ("users.wallet_credit", "users.wallet", Risk::Financial, Requires::Approval, true),
            ("providers.list", "providers.view", Risk::Read, Requires::None, false),
            ("providers.approve", "providers.approve", Risk::Write, Requires::Confirm, false),
            ("providers.reject", "providers.approve", Risk::Write, Requires::Confirm, false),
            ("providers.delete", "providers.delete", Risk::Destructive, Requires::Confirm, false),
            ("complaints.list", "complaints.view", Risk::Read, Requires::None, false),
            // Beyond DESIGN.md: one complaint as a record (issue 13, "status of complaint 17").
            ("complaints.get", "complaints.view", Risk::Read, Requires::None, false),
            ("complaints.sla_report", "complaints.view", Risk::Read, Requires::None, false),
            ("complaints.assign", "complaints.assign", Risk::Write, Requires::Confirm, false),
            ("complaints.resolve", "complaints.resolve", Risk::Write, Requires::Confirm, false),
            ("complaints.escalate", "complaints.escalate", Risk::Write, Requires::Confirm, false),
            ("priority_queue.list", "ops.priority_queue.view", Risk::Read, Requires::None, false),
            ("priority_queue.review", "ops.priority_queue.review", Risk::Write, Requires::Confirm, false),
            ("metrics.revenue", "ops.metrics.view", Risk::Read, Requires::None, false),
            ("metrics.bookings", "ops.metrics.view", Risk::Read, Requires::None, false),
            ("metrics.complaints", "ops.metrics.view", Risk::Read, Requires::None, false),
            ("metrics.sla", "ops.metrics.view", Risk::Read, Requires::None, false),
            ("metrics.export", "ops.metrics.export", Risk::Write, Requires::Confirm, false),
            ("alerts.list", "ops.alerts.view", Risk::Read, Requires::None, false),
            ("alerts.rule_update", "ops.alerts.manage_rules", Risk::Admin, Requires::Confirm, false),
            ("alerts.subscribe", "ops.alerts.manage_subscriptions", Risk::Write, Requires::Confirm, false),
            ("config.get", "ops.config.view", Risk::Read, Requires::None, false),
            ("config.set", "ops.config.edit", Risk::Admin, Requires::Confirm, true),
            ("staff.list", "ops.staff.view", Risk::Read, Requires::None, false),
            ("staff.set_role", "ops.staff.edit", Risk::Admin, Requires::Approval, true),
            ("staff.deactivate", "ops.staff.delete", Risk::Admin, Requires::Approval, true),
            ("draft.email", "complaints.view", Risk::Draft, Requires::None, false),
            ("draft.coupon", "users.view", Risk::Draft, Requires::None, false),
            ("draft.report", "ops.metrics.view", Risk::Draft, Requires::None, false),
            ("ops.health", "ops.metrics.view", Risk::Read, Requires::None, false),
            ("logs.analyze", "ops.metrics.view", Risk::Read, Requires::None, false),
        ];
        assert_eq!(catalog.actions().len(), expected.len());
        for (name, permission, risk, requires, second_factor) in expected {
            let action = catalog.get(name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(
                (action.permission.as_str(), action.risk, action.requires, action.second_factor),
                (permission, risk, requires, second_factor),
                "{name}"
            );
            assert!(action.examples.len() >= 2, "{name} needs several examples");
        }
    }

    #[test]
    fn every_builtin_schema_compiles() {
        Catalog::builtin().compile_all().unwrap();
    }

    #[test]
    fn every_example_is_a_string_and_every_string_param_is_bounded() {
        for action in Catalog::builtin().actions() {
            let properties = action.params["properties"].as_object().unwrap();
            for (name, schema) in properties {
                if schema["type"] == "string" {
                    assert!(schema.get("maxLength").is_some(), "{}.{name} has no maxLength", action.name);
                }
            }
        }
    }

    #[test]
    fn parameters_are_validated_against_the_schema() {
        let catalog = Catalog::builtin();
        catalog.validate("bookings.refund", &json!({"booking_id": 1042})).unwrap();
        catalog.validate("bookings.refund", &json!({"booking_id": 1042, "amount_cents": 2500})).unwrap();
        let missing = catalog.validate("bookings.refund", &json!({})).unwrap_err().to_string();
        assert!(missing.contains("booking_id"), "{missing}");
        let wrong = catalog
            .validate("bookings.refund", &json!({"booking_id": "7; DROP TABLE bookings"}))
            .unwrap_err();
        assert!(wrong.to_string().contains("/booking_id"), "{wrong}");
        assert!(catalog.validate("bookings.refund", &json!({"booking_id": 1, "extra": true})).is_err());
        assert!(catalog.validate("users.update", &json!({"user_id": 1, "email": "not-an-email"})).is_err());
        assert!(catalog.validate("nope.nothing", &json!({})).is_err());
    }
}
