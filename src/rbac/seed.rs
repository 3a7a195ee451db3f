//! `seeds/rbac.yaml`: parsed, validated and resolved into exact role → permission sets.
//! Nothing touches the database until the whole file is known to be good.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::{Error, Result};

/// The seed shipped with opsgate, used by `--demo` and when no `--file` is given.
pub const SEED_RBAC_YAML: &str = include_str!("../../seeds/rbac.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RbacSeed {
    pub permissions: Vec<PermissionSeed>,
    pub roles: Vec<RoleSeed>,
    #[serde(default)]
    pub alert_rules: Vec<AlertRuleSeed>,
    #[serde(default)]
    pub config: Vec<ConfigSeed>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionSeed {
    pub name: Spanned<String>,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleSeed {
    pub name: Spanned<String>,
    pub level: Spanned<i64>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub all: bool,
    #[serde(default)]
    pub except: Vec<Spanned<String>>,
    pub inherits: Option<Spanned<String>>,
    #[serde(default)]
    pub permissions: Vec<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertRuleSeed {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub condition: String,
    pub threshold: Option<f64>,
    pub severity: String,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigSeed {
    pub key: String,
    pub value: String,
    #[serde(default)]
    pub description: String,
}

/// A role with its exact, expanded permission set.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedRole {
    pub name: String,
    pub level: i64,
    pub description: String,
    pub permissions: BTreeSet<String>,
}

/// The seed after validation: what the database should contain.
#[derive(Debug, Clone)]
pub struct ResolvedSeed {
    pub source: PathBuf,
    /// name → description, in file order.
    pub permissions: Vec<(String, String)>,
    pub roles: Vec<ResolvedRole>,
    pub alert_rules: Vec<AlertRuleSeed>,
    pub config: Vec<ConfigSeed>,
}

/// The module a permission belongs to: everything before its last dot.
pub fn module_of(permission: &str) -> &str {
    permission.rsplit_once('.').map(|(module, _)| module).unwrap_or(permission)
}

const SEVERITIES: [&str; 3] = ["info", "warning", "critical"];

impl ResolvedSeed {
    /// Reads and validates a seed file.
    pub fn load(path: &Path) -> Result<ResolvedSeed> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(format!("cannot read {}", path.display()), e))?;
        ResolvedSeed::parse(path, &text)
    }

    /// Validates seed text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<ResolvedSeed> {
        let seed: RbacSeed = crate::yaml::from_str(path, text)?;
        resolve(path, seed)
    }

    /// The built-in seed.
    pub fn builtin() -> ResolvedSeed {
        ResolvedSeed::parse(Path::new("seeds/rbac.yaml"), SEED_RBAC_YAML)
            .unwrap_or_else(|e| unreachable!("the built-in seed is validated by tests: {e}"))
    }
}

fn resolve(path: &Path, seed: RbacSeed) -> Result<ResolvedSeed> {
    let at = |span: &serde_saphyr::Location, message: String| Error::InvalidFile {
        path: path.to_owned(),
        location: Some((span.line(), span.column())),
        message,
    };

    let mut permissions: Vec<(String, String)> = Vec::new();
    let mut known: BTreeSet<&str> = BTreeSet::new();
    for permission in &seed.permissions {
        let name = permission.name.value.as_str();
        if !is_valid_permission_name(name) {
            return Err(at(
                &permission.name.referenced,
                format!("invalid permission name `{name}`; use lowercase dotted names like `bookings.view`"),
            ));
        }
        if !known.insert(name) {
            return Err(at(&permission.name.referenced, format!("duplicate permission `{name}`")));
        }
        permissions.push((name.to_owned(), permission.description.clone()));
    }

    let mut roles: Vec<ResolvedRole> = Vec::new();
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    for role in &seed.roles {
        let name = role.name.value.as_str();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
        {
            return Err(at(
                &role.name.referenced,
                format!("invalid role name `{name}`; use lowercase snake_case"),
            ));
        }
        if by_name.contains_key(name) {
            return Err(at(&role.name.referenced, format!("duplicate role `{name}`")));
        }
        if role.level.value < 1 {
            return Err(at(
                &role.level.referenced,
                format!("role `{name}` has level {}; levels start at 1 (most senior)", role.level.value),
            ));
        }
        let check = |permission: &Spanned<String>| -> Result<String> {
            if known.contains(permission.value.as_str()) {
                Ok(permission.value.clone())
            } else {
                Err(at(
                    &permission.referenced,
                    format!("role `{name}` names unknown permission `{}`", permission.value),
                ))
            }
        };
        let mut granted: BTreeSet<String> = BTreeSet::new();
        if role.all {
            granted.extend(known.iter().map(|p| (*p).to_owned()));
        } else if !role.except.is_empty() {
            return Err(at(
                &role.name.referenced,
                format!("role `{name}` uses `except` without `all: true`"),
            ));
        }
        if let Some(parent) = &role.inherits {
            let Some(&index) = by_name.get(&parent.value) else {
                return Err(at(
                    &parent.referenced,
                    format!("role `{name}` inherits `{}`, which is not declared above it", parent.value),
                ));
            };
            granted.extend(roles[index].permissions.iter().cloned());
        }
        for permission in &role.permissions {
            granted.insert(check(permission)?);
        }
        for permission in &role.except {
            granted.remove(&check(permission)?);
        }
        by_name.insert(name.to_owned(), roles.len());
        roles.push(ResolvedRole {
            name: name.to_owned(),
            level: role.level.value,
            description: role.description.clone(),
            permissions: granted,
        });
    }
    if roles.is_empty() {
        return Err(Error::InvalidFile {
            path: path.to_owned(),
            location: None,
            message: "no roles declared".into(),
        });
    }

    let mut rule_names = BTreeSet::new();
    for rule in &seed.alert_rules {
        if !rule_names.insert(rule.name.as_str()) {
            return Err(Error::InvalidFile {
                path: path.to_owned(),
                location: None,
                message: format!("duplicate alert rule `{}`", rule.name),
            });
        }
        if !SEVERITIES.contains(&rule.severity.as_str()) {
            return Err(Error::InvalidFile {
                path: path.to_owned(),
                location: None,
                message: format!(
                    "alert rule `{}` has severity `{}`; use info, warning or critical",
                    rule.name, rule.severity
                ),
            });
        }
    }
    let mut config_keys = BTreeSet::new();
    for entry in &seed.config {
        if !config_keys.insert(entry.key.as_str()) {
            return Err(Error::InvalidFile {
                path: path.to_owned(),
                location: None,
                message: format!("duplicate config key `{}`", entry.key),
            });
        }
    }

    Ok(ResolvedSeed {
        source: path.to_owned(),
        permissions,
        roles,
        alert_rules: seed.alert_rules,
        config: seed.config,
    })
}

fn is_valid_permission_name(name: &str) -> bool {
    name.contains('.')
        && name.split('.').all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ResolvedSeed> {
        ResolvedSeed::parse(Path::new("rbac.yaml"), text)
    }

    #[test]
    fn the_builtin_seed_matches_the_design() {
        let seed = ResolvedSeed::builtin();
        assert_eq!(seed.permissions.len(), 32);
        let counts: Vec<(&str, i64, usize)> =
            seed.roles.iter().map(|r| (r.name.as_str(), r.level, r.permissions.len())).collect();
        let mut sorted = counts.clone();
        sorted.sort_by_key(|(_, level, _)| *level);
        assert_eq!(
            sorted,
            vec![
                ("super_admin", 1, 32),
                ("admin", 2, 31),
                ("manager", 3, 21),
                ("senior_agent", 4, 16),
                ("agent", 5, 13),
                ("support", 6, 7),
                ("analyst", 7, 8),
                ("viewer", 8, 9),
            ]
        );
        assert!(seed.roles.iter().all(|r| r.permissions.contains("ai.use")));
        let admin = seed.roles.iter().find(|r| r.name == "admin").unwrap();
        assert!(!admin.permissions.contains("system.admin"));
        assert_eq!(seed.alert_rules.len(), 4);
        assert_eq!(seed.config.len(), 4);
    }

    #[test]
    fn modules_come_from_the_name() {
        assert_eq!(module_of("ops.priority_queue.view"), "ops.priority_queue");
        assert_eq!(module_of("ai.use"), "ai");
    }

    const BASE: &str = "permissions:\n  - name: a.view\n  - name: a.edit\nroles:\n";

    #[test]
    fn unknown_permission_in_a_role_names_its_line() {
        let error = parse(&format!("{BASE}  - name: r\n    level: 1\n    permissions: [a.view, a.fly]\n"))
            .unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("rbac.yaml:7:"), "{message}");
        assert!(message.contains("unknown permission `a.fly`"), "{message}");
    }

    #[test]
    fn duplicate_role_names_its_line() {
        let error =
            parse(&format!("{BASE}  - name: r\n    level: 1\n  - name: r\n    level: 2\n")).unwrap_err();
        assert!(error.to_string().starts_with("rbac.yaml:7:"), "{error}");
        assert!(error.to_string().contains("duplicate role `r`"), "{error}");
    }

    #[test]
    fn bad_yaml_names_its_line() {
        let error = parse("permissions:\n  - name: a.view\n roles: [\n").unwrap_err();
        assert!(matches!(error, Error::InvalidFile { location: Some(_), .. }), "{error}");
        assert!(!error.to_string().contains('\n'), "{error}");
    }

    #[test]
    fn unknown_fields_are_refused() {
        let error =
            parse(&format!("{BASE}  - name: r\n    level: 1\n    permisions: [a.view]\n")).unwrap_err();
        assert!(error.to_string().contains("permisions"), "{error}");
    }

    #[test]
    fn inheritance_must_point_backwards() {
        let error =
            parse(&format!("{BASE}  - name: r\n    level: 1\n    inherits: s\n  - name: s\n    level: 2\n"))
                .unwrap_err();
        assert!(error.to_string().contains("not declared above"), "{error}");
    }
}
