//! Drafts: text rendered from minijinja templates and filled with real rows.
//! Nothing is sent or stored. The built-in templates live in `templates/`;
//! a file of the same name in `$XDG_CONFIG_HOME/opsgate/templates/` replaces one.

use std::path::Path;

use chrono::{DateTime, Utc};
use minijinja::Environment;
use serde_json::Value;

use super::finding::{Finding, Source};
use super::window::AnswerWindow;
use crate::builtin::{Binding, DraftInput, Drafted, builtin};
use crate::error::{Error, Result};
use crate::identity::StaffMember;
use crate::session::Session;
use crate::settings::Settings;
use crate::store::ResultSet;

/// The template for `action`: the user's override if present, else the built-in one.
fn template_source(action: &str, override_dir: &Path) -> Result<(String, String)> {
    let file = override_dir.join(format!("{action}.j2"));
    match std::fs::read_to_string(&file) {
        Ok(text) => Ok((text, file.display().to_string())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match &builtin(action)?.binding {
            Binding::Draft(draft) => {
                Ok((draft.template.to_owned(), format!("built-in templates/{action}.j2")))
            }
            _ => Err(Error::Internal(format!("`{action}` is not a draft"))),
        },
        Err(e) => Err(Error::io(format!("cannot read {}", file.display()), e)),
    }
}

fn render(action: &str, override_dir: &Path, context: &Value) -> Result<(String, String)> {
    let (source, origin) = template_source(action, override_dir)?;
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_template_owned(action.to_owned(), source)
        .map_err(|e| Error::Config(format!("{origin}: {}", crate::error::one_line(&e.to_string()))))?;
    let text = env
        .get_template(action)
        .and_then(|t| t.render(minijinja::value::Serde(context)))
        .map_err(|e| Error::Config(format!("{origin}: {}", crate::error::one_line(&e.to_string()))))?;
    Ok((text, origin))
}

pub struct DraftRequest<'a> {
    pub action: &'a str,
    pub params: &'a Value,
    pub window: Option<&'a AnswerWindow>,
    pub person: &'a StaffMember,
    pub override_dir: &'a Path,
}

/// Renders a draft; the finding's summary is the draft text.
pub async fn draft(
    session: &Session,
    request: DraftRequest<'_>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<(Finding, String)> {
    let DraftRequest { action, params, window, person, override_dir } = request;
    let bound = builtin(action)?;
    let Binding::Draft(draft) = &bound.binding else {
        return Err(Error::Internal(format!("`{action}` is not a draft")));
    };
    let input = DraftInput { session, action: bound.name, params, window, person, settings, now };
    let Drafted { context, mut sources } = (draft.context)(input).await?;
    let (text, origin) = render(action, override_dir, &context)?;
    sources.push(Source::Reading { name: "template".into(), detail: origin });
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim().to_owned();
    let mut finding = Finding::new(
        action,
        format!("Drafted {}: {first_line}", action.trim_start_matches("draft.")),
        ResultSet::default(),
    );
    finding.sources = sources;
    Ok((finding, text))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::builtin::BUILTINS;

    #[test]
    fn every_builtin_template_compiles() {
        for builtin in BUILTINS {
            if let Binding::Draft(draft) = &builtin.binding {
                let mut env = Environment::new();
                env.add_template(builtin.name, draft.template)
                    .unwrap_or_else(|e| panic!("{}: {e}", builtin.name));
            }
        }
    }

    #[test]
    fn an_override_replaces_the_builtin_and_a_broken_one_names_its_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("draft.coupon.j2"), "Coupon {{ code }} for {{ customer.name }}")
            .unwrap();
        let context = json!({"code": "GW-1-ABC", "customer": {"name": "Ana"}});
        let (text, origin) = render("draft.coupon", dir.path(), &context).unwrap();
        assert_eq!(text, "Coupon GW-1-ABC for Ana");
        assert!(origin.ends_with("draft.coupon.j2"));
        std::fs::write(dir.path().join("draft.coupon.j2"), "{{ missing.value }}").unwrap();
        let error = render("draft.coupon", dir.path(), &context).unwrap_err().to_string();
        assert!(error.contains("draft.coupon.j2"), "{error}");
    }
}
