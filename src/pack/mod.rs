//! Packs (DESIGN.md, "Catalog"): a team's own HTTP API as catalogued actions.
//! A pack file declares a base URL, headers, permissions and actions with
//! their requests; `pack validate` checks it without a database and names
//! every mistake by line and column; `pack add` stores it with its SHA-256.
//! Once stored, its actions are planned, guarded, confirmed, approved,
//! audited and executed exactly like built-in ones.

mod format;
pub mod install;
mod render;
pub mod secrets;
mod spec;
pub mod template;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;
use serde_saphyr::Spanned;

pub use render::{render_probe, render_read, render_write};
pub use spec::{HttpAction, ProbeSpec, RequestSpec, RowsPath, Shape, Timeouts};

use crate::catalog::{ActionSpec, Catalog, Executor, Requires, Risk};
use crate::error::Error;
use crate::yaml::{Position, find_after};
use format::{RawAction, RawPack, RawRequest};
use template::{Part, Template};

/// A validated pack.
#[derive(Debug, Clone)]
pub struct Pack {
    pub name: String,
    pub description: String,
    /// The file's text as validated, and its SHA-256: what `pack add` stores.
    pub text: String,
    pub sha256: String,
    /// Declared permissions and what they allow.
    pub permissions: Vec<(String, String)>,
    pub actions: Vec<ActionSpec>,
}

/// HTTP methods a request may use.
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Headers opsgate sets itself, or that would change where or how a request goes.
const RESERVED_HEADERS: &[&str] =
    &["host", "idempotency-key", "content-length", "transfer-encoding", "connection", "content-type"];

struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    problems: Vec<Error>,
}

impl Checker<'_> {
    fn at(&mut self, at: Position, message: impl Into<String>) {
        let location = (at.line > 0).then_some((at.line, at.column));
        self.problems.push(Error::InvalidFile {
            path: self.path.to_owned(),
            location,
            message: message.into(),
        });
    }

    /// Parses a template, reporting a malformed one where its mistake is.
    fn template(&mut self, spanned: &Spanned<String>) -> Option<Template> {
        self.template_at(&spanned.value, Position::of(spanned))
    }

    fn template_at(&mut self, source: &str, at: Position) -> Option<Template> {
        match Template::parse(source) {
            Ok(template) => Some(template),
            Err(malformed) => {
                // A plain scalar starts where its text does; quoted ones one column later.
                let text_at = find_after(self.text, at, source);
                let column = text_at.column + source[..malformed.at].chars().count() as u64;
                self.at(Position { line: text_at.line, column }, malformed.message);
                None
            }
        }
    }

    /// Reports every variable of `template` that this place may not read.
    fn reads(&mut self, template: &Template, at: Position, allowed: Reads<'_>, what: &str) {
        for part in &template.parts {
            match part {
                Part::Param(name) if !allowed.params.contains(name) => {
                    let message = if allowed.params.is_empty() {
                        format!("{what} cannot use parameters (`params.{name}`)")
                    } else {
                        format!(
                            "`params.{name}` is not a parameter of this action; it has: {}",
                            allowed.params.iter().cloned().collect::<Vec<_>>().join(", ")
                        )
                    };
                    self.at(at, message);
                }
                Part::Secret(name) if !allowed.secrets => self.at(
                    at,
                    format!(
                        "{what} cannot use secrets (`secret('{name}')`): only headers may, so that a secret never lands in a URL or a recorded body"
                    ),
                ),
                Part::Env(name) if !is_env_name(name) => {
                    self.at(at, format!("`env.{name}` is not an environment variable name (upper case, digits and `_`)"))
                }
                Part::Secret(name) if !is_env_name(name) => {
                    self.at(at, format!("`{name}` is not a secret name (upper case, digits and `_`)"))
                }
                _ => {}
            }
        }
    }
}

#[derive(Clone, Copy)]
struct Reads<'a> {
    params: &'a BTreeSet<String>,
    secrets: bool,
}

fn is_env_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase() || c == '_')
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn is_pack_name(text: &str) -> bool {
    let mut chars = text.chars();
    text.len() <= 40
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn is_header_name(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The modules the built-in catalog uses: a pack may not take their names.
fn builtin_modules() -> BTreeSet<&'static str> {
    Catalog::builtin()
        .actions()
        .iter()
        .filter_map(|a| a.name.split('.').next())
        .chain(Catalog::builtin().actions().iter().filter_map(|a| a.permission.split('.').next()))
        .chain(["system", "opsgate", "audit"])
        .collect()
}

impl Pack {
    /// Reads and validates a pack file.
    pub fn load(path: &Path) -> Result<Pack, Vec<Error>> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![Error::io(format!("cannot read pack {}", path.display()), e)])?;
        Pack::parse(path, text)
    }

    /// Validates pack text read from `path`: every problem, each with its place.
    pub fn parse(path: &Path, text: String) -> Result<Pack, Vec<Error>> {
        let raw: RawPack = crate::yaml::from_str(path, &text).map_err(|e| vec![e])?;
        let mut check = Checker { path, text: &text, problems: Vec::new() };
        let name = raw.name.value.trim().to_owned();
        if !is_pack_name(&name) {
            check.at(
                Position::of(&raw.name),
                format!(
                    "`{name}` is not a pack name: lower-case letters, digits and `_`, starting with a letter"
                ),
            );
        } else if builtin_modules().contains(name.as_str()) {
            check.at(
                Position::of(&raw.name),
                format!("`{name}` is a built-in module; choose another pack name"),
            );
        }

        let no_params = BTreeSet::new();
        let base_url = check.template(&raw.base_url);
        if let Some(base) = &base_url {
            let at = Position::of(&raw.base_url);
            check.reads(base, at, Reads { params: &no_params, secrets: false }, "base_url");
            if base.is_literal() {
                if let Err(message) = render::check_base_url(&raw.base_url.value) {
                    check.at(at, message);
                }
            } else if !matches!(base.parts.as_slice(), [Part::Env(_)]) && base.envs().next().is_some() {
                // An environment variable inside the host would let its value pick the host
                // piecewise; the whole base URL comes from one variable or none.
                check.at(at, "base_url is either written out or one `{{ env.NAME }}` holding the whole URL");
            }
        }
        let pack_headers = headers(&mut check, &raw.headers, Reads { params: &no_params, secrets: true });

        let mut permissions = Vec::new();
        for permission in &raw.permissions {
            let at = Position::of(&permission.name);
            let pname = permission.name.value.trim();
            let mut parts = pname.split('.');
            let (module, rest) = (parts.next().unwrap_or(""), parts.collect::<Vec<_>>());
            if module != name || rest.is_empty() || rest.iter().any(|p| p.is_empty()) {
                check.at(at, format!("permission `{pname}` must be named `{name}.<something>`: a pack declares permissions in its own module"));
            } else if permissions.iter().any(|(n, _): &(String, String)| n == pname) {
                check.at(at, format!("permission `{pname}` is declared twice"));
            }
            permissions.push((pname.to_owned(), permission.description.clone()));
        }

        let timeout = match &raw.timeout {
            None => Timeouts::default(),
            Some(spanned) => {
                let seconds = |value: Option<f64>, default: u64| match value {
                    None => Some(default),
                    Some(s) if s > 0.0 && s <= 300.0 => Some((s * 1000.0).round() as u64),
                    Some(_) => None,
                };
                match (seconds(spanned.value.connect, 10_000), seconds(spanned.value.request, 10_000)) {
                    (Some(connect_ms), Some(request_ms)) => Timeouts { connect_ms, request_ms },
                    _ => {
                        check.at(Position::of(spanned), "timeouts are seconds, more than 0 and at most 300");
                        Timeouts::default()
                    }
                }
            }
        };

        let mut actions: Vec<ActionSpec> = Vec::new();
        if raw.actions.is_empty() {
            check.at(Position::of(&raw.name), "a pack has at least one action");
        }
        for action in &raw.actions {
            if let Some(spec) = check_action(
                &mut check,
                action,
                &name,
                &permissions,
                ActionContext { base_url: base_url.clone(), headers: &pack_headers, timeout },
            ) {
                if actions.iter().any(|a| a.name == spec.name) {
                    check.at(Position::of(&action.name), format!("action `{}` is declared twice", spec.name));
                }
                actions.push(spec);
            }
        }
        if check.problems.is_empty() {
            // Schemas compile, names are unique across the catalog: the catalog's own checks.
            if let Err(error) = Catalog::builtin().with(&actions) {
                check.at(Position::of(&raw.name), error.to_string());
            }
        }
        if !check.problems.is_empty() {
            return Err(check.problems);
        }
        let sha256 = crate::canonical::sha256_hex(text.as_bytes());
        Ok(Pack { name, description: raw.description, text, sha256, permissions, actions })
    }
}

struct ActionContext<'a> {
    base_url: Option<Template>,
    headers: &'a [(String, Template)],
    timeout: Timeouts,
}

fn headers(
    check: &mut Checker<'_>,
    raw: &std::collections::BTreeMap<String, Spanned<String>>,
    reads: Reads<'_>,
) -> Vec<(String, Template)> {
    let mut out = Vec::new();
    for (name, value) in raw {
        let at = Position::of(value);
        if !is_header_name(name) {
            check.at(at, format!("`{name}` is not an HTTP header name"));
            continue;
        }
        if RESERVED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            check.at(at, format!("header `{name}` is set by opsgate, not by a pack"));
            continue;
        }
        if value.value.contains(['\r', '\n']) {
            check.at(at, format!("header `{name}` has a line break"));
            continue;
        }
        if let Some(template) = check.template(value) {
            check.reads(&template, at, reads, &format!("header `{name}`"));
            out.push((name.clone(), template));
        }
    }
    out
}

fn request(
    check: &mut Checker<'_>,
    raw: &RawRequest,
    params: &BTreeSet<String>,
    what: &str,
) -> Option<RequestSpec> {
    let method_at = Position::of(&raw.method);
    let method = raw.method.value.trim().to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        check.at(
            method_at,
            format!(
                "`{}` is not a method opsgate sends; use one of {}",
                raw.method.value,
                METHODS.join(", ")
            ),
        );
    }
    let path = path(check, &raw.path, params, what);
    let reads = Reads { params, secrets: false };
    let mut query = Vec::new();
    for (name, value) in &raw.query {
        if let Some(template) = check.template(value) {
            check.reads(&template, Position::of(value), reads, &format!("query `{name}`"));
            query.push((name.clone(), template));
        }
    }
    let headers = headers(check, &raw.headers, Reads { params, secrets: true });
    let body = raw.body.as_ref().map(|body| {
        if method == "GET" {
            check.at(Position::of(body), format!("{what} is a GET: it has no body"));
        }
        shape(check, &body.value, Position::of(body), params)
    });
    Some(RequestSpec { method, path: path?, query, headers, body })
}

/// A request path: starts with `/`, and no template may reach the host.
fn path(
    check: &mut Checker<'_>,
    raw: &Spanned<String>,
    params: &BTreeSet<String>,
    what: &str,
) -> Option<Template> {
    let at = Position::of(raw);
    let source = raw.value.as_str();
    let template = check.template(raw)?;
    check.reads(&template, at, Reads { params, secrets: false }, &format!("the path of {what}"));
    match template.parts.first() {
        Some(Part::Text(text)) if text.starts_with('/') && !text.starts_with("//") => {}
        _ => {
            check.at(
                at,
                format!("the path of {what} (`{source}`) must start with `/` and a fixed segment: the host comes only from base_url"),
            );
            return None;
        }
    }
    let literal: String = template
        .parts
        .iter()
        .filter_map(|p| if let Part::Text(t) = p { Some(t.as_str()) } else { None })
        .collect();
    if literal.contains("://") || literal.contains('\\') || literal.contains('@') || literal.contains('#') {
        check.at(
            at,
            format!(
                "the path of {what} (`{source}`) may not name a scheme, a user, a fragment or a backslash"
            ),
        );
        return None;
    }
    Some(template)
}

fn shape(check: &mut Checker<'_>, value: &Value, at: Position, params: &BTreeSet<String>) -> Shape {
    match value {
        Value::String(text) => {
            let here = find_after(check.text, at, text);
            match check.template_at(text, at) {
                Some(template) => {
                    check.reads(&template, here, Reads { params, secrets: false }, "a request body");
                    Shape::Text(template)
                }
                None => Shape::Literal(value.clone()),
            }
        }
        Value::Array(items) => Shape::List(items.iter().map(|v| shape(check, v, at, params)).collect()),
        Value::Object(map) => {
            Shape::Map(map.iter().map(|(k, v)| (k.clone(), shape(check, v, at, params))).collect())
        }
        other => Shape::Literal(other.clone()),
    }
}

fn check_action(
    check: &mut Checker<'_>,
    raw: &RawAction,
    pack: &str,
    permissions: &[(String, String)],
    context: ActionContext<'_>,
) -> Option<ActionSpec> {
    let name = raw.name.value.trim().to_owned();
    let name_at = Position::of(&raw.name);
    let short = name.strip_prefix(pack).and_then(|rest| rest.strip_prefix('.'));
    if !short.is_some_and(|s| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    }) {
        check.at(name_at, format!("action `{name}` must be named `{pack}.<lower_case_name>`"));
    }
    let permission = raw.permission.value.trim().to_owned();
    if !permissions.iter().any(|(p, _)| *p == permission) {
        check.at(
            Position::of(&raw.permission),
            format!(
                "permission `{permission}` is not declared under `permissions:`{}",
                if permissions.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (declared: {})",
                        permissions.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>().join(", ")
                    )
                }
            ),
        );
    }
    let risk = raw.risk.value;
    let requires = raw.requires.value;
    let requires_at = Position::of(&raw.requires);
    match (risk, requires) {
        (Risk::Read | Risk::Draft, Requires::None) => {}
        (Risk::Read | Risk::Draft, _) => {
            check.at(requires_at, "a read needs nothing before it runs: `requires: none`")
        }
        (Risk::Financial | Risk::Admin, Requires::Approval) => {}
        (Risk::Financial | Risk::Admin, _) => check.at(
            requires_at,
            format!("a {} action needs a second person: `requires: approval`", risk.as_str()),
        ),
        (_, Requires::None) => check.at(requires_at, "a write needs at least `requires: confirm`"),
        _ => {}
    }
    if matches!(risk, Risk::Financial | Risk::Admin) && !raw.second_factor {
        check.at(name_at, format!("a {} action needs `second_factor: true`", risk.as_str()));
    }
    if risk == Risk::Draft {
        check.at(
            Position::of(&raw.risk),
            "a pack action reads or writes through its API; drafts are built in",
        );
    }
    let params_at = Position::of(&raw.params);
    let declared: BTreeSet<String> = match raw.params.value.get("properties").and_then(Value::as_object) {
        Some(properties) if raw.params.value.get("type").and_then(Value::as_str) == Some("object") => {
            properties.keys().cloned().collect()
        }
        _ => {
            check.at(params_at, "params is a JSON Schema of `type: object` with `properties`");
            BTreeSet::new()
        }
    };
    if raw.params.value.get("additionalProperties") != Some(&Value::Bool(false)) {
        check.at(params_at, "params needs `additionalProperties: false`: a model must not add parameters the request never reviews");
    }
    let call = request(check, &raw.request, &declared, "the request");
    if let Some(request) = &call
        && !risk.writes()
        && request.method != "GET"
    {
        check.at(
            Position::of(&raw.request.method),
            "a read is a GET: a read-only action must not change anything",
        );
    }
    let target = raw.target.as_ref().and_then(|target| {
        if let Some(method) = &target.method
            && !method.value.eq_ignore_ascii_case("GET")
        {
            check.at(Position::of(method), "a target is read with GET");
        }
        if target.watch.value.is_empty() {
            check.at(Position::of(&target.watch), "watch names at least one field of the target");
        }
        let path = path(check, &target.path, &declared, "the target")?;
        let headers = headers(check, &target.headers, Reads { params: &declared, secrets: true });
        Some(ProbeSpec { path, headers, watch: target.watch.value.clone() })
    });
    if risk == Risk::Destructive && raw.target.is_none() {
        check.at(
            name_at,
            "a destructive action needs a `target`: it is what a person types to confirm, and what must not change",
        );
    }
    if raw.target.is_some() && !risk.writes() {
        check.at(name_at, "only writes have a target (it is what the write changes)");
    }
    let dry_run = raw.dry_run.as_ref().and_then(|r| request(check, r, &declared, "the dry-run request"));
    let rows = raw.rows.as_ref().and_then(|rows| {
        if risk.writes() {
            check.at(Position::of(rows), "rows belong to reads");
        }
        let parsed = RowsPath::parse(&rows.value);
        if parsed.is_none() {
            check.at(
                Position::of(rows),
                format!("`{}` is not a rows path: write e.g. `items[].{{id,status}}` or `[]`", rows.value),
            );
        }
        parsed
    });
    if raw.verbs.is_empty() {
        check.at(name_at, "an action needs `verbs` for the planner to recognise it");
    }
    let http = HttpAction {
        pack: pack.to_owned(),
        base_url: context.base_url?,
        headers: context.headers.to_vec(),
        request: call?,
        target,
        dry_run,
        idempotent: raw.idempotent,
        rows,
        timeout: context.timeout,
    };
    Some(ActionSpec {
        name,
        description: raw.description.clone(),
        permission,
        risk,
        requires,
        second_factor: raw.second_factor,
        target: None,
        verbs: raw.verbs.clone(),
        nouns: raw.nouns.clone(),
        examples: raw.examples.clone(),
        params: raw.params.value.clone(),
        executor: Executor::Http,
        uses: Default::default(),
        http: Some(Arc::new(http)),
    })
}
