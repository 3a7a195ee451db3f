//! Rendering a pack action's templates with a step's parameters into the
//! exact requests of its payload. The host comes only from `base_url`:
//! parameters in a path are percent-encoded as one segment each, and the
//! rendered URL must keep base_url's scheme, host, port and path prefix.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use url::Url;

use super::spec::{HttpAction, RequestSpec, Shape};
use super::template::{Part, Template, secret_reference};
use crate::catalog::ActionSpec;
use crate::error::{Error, Result};
use crate::payload::{HttpCall, HttpProbe};

/// Whether `text` can be a base URL; the URL or why not.
pub fn check_base_url(text: &str) -> std::result::Result<Url, String> {
    let url = Url::parse(text.trim()).map_err(|e| format!("base_url `{text}` is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("base_url `{text}` is not http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("base_url `{text}` has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("base_url `{text}` carries credentials: put them in a header with `secret()`"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("base_url `{text}` has a query or fragment"));
    }
    Ok(url)
}

struct Renderer<'a> {
    action: &'a ActionSpec,
    http: &'a HttpAction,
    params: &'a Map<String, Value>,
}

fn env(name: &str, pack: &str) -> Result<String> {
    std::env::var(name)
        .map_err(|_| Error::Config(format!("`env.{name}` is not set; the `{pack}` pack's requests need it")))
}

/// A parameter's value as text; objects and lists have none.
fn as_text(name: &str, value: &Value) -> Result<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => {
            return Err(Error::Usage(format!(
                "`{name}` is used in text, so it must be a string or a number"
            )));
        }
    };
    // A value that reads as a template could smuggle `secret('…')` into a header.
    if text.contains("{{") || text.contains("}}") {
        return Err(Error::Usage(format!("`{name}` may not contain `{{{{` or `}}}}`")));
    }
    Ok(text)
}

/// Everything but unreserved characters encoded: a value is one path segment.
fn encode_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    // `.` and `..` alone would move up the path.
    match out.as_str() {
        "." => "%2E".into(),
        ".." => "%2E%2E".into(),
        _ => out,
    }
}

impl Renderer<'_> {
    fn param(&self, name: &str, place: &str) -> Result<&Value> {
        self.params
            .get(name)
            .filter(|v| !v.is_null())
            .ok_or_else(|| Error::Usage(format!("`{}` needs `{name}` for its {place}", self.action.name)))
    }

    /// A template as text; secrets stay references when `secrets` allows them.
    fn text(&self, template: &Template, place: &str, encode: bool) -> Result<String> {
        let mut out = String::new();
        for part in &template.parts {
            match part {
                Part::Text(text) => out.push_str(text),
                Part::Param(name) => {
                    let text = as_text(name, self.param(name, place)?)?;
                    out.push_str(&if encode { encode_segment(&text) } else { text });
                }
                Part::Env(name) => out.push_str(&env(name, &self.http.pack)?),
                Part::Secret(name) => out.push_str(&secret_reference(name)),
            }
        }
        Ok(out)
    }

    fn base(&self) -> Result<Url> {
        let text = self.text(&self.http.base_url, "base URL", false)?;
        check_base_url(&text)
            .map_err(|message| Error::Config(format!("the `{}` pack: {message}", self.http.pack)))
    }

    fn url(&self, path: &Template, query: &[(String, Template)]) -> Result<String> {
        let base = self.base()?;
        let rendered = self.text(path, "path", true)?;
        let joined = format!("{}{}", base.as_str().trim_end_matches('/'), rendered);
        let mut url = Url::parse(&joined).map_err(|e| {
            Error::Usage(format!("`{}`: the request URL does not parse: {e}", self.action.name))
        })?;
        let prefix = base.path().trim_end_matches('/');
        if url.origin() != base.origin() || !url.path().starts_with(prefix) {
            return Err(Error::Usage(format!(
                "`{}`: the request would leave {} — refused",
                self.action.name,
                base.origin().ascii_serialization()
            )));
        }
        let mut pairs = Vec::with_capacity(query.len());
        for (name, template) in query {
            // A query value from an absent optional parameter is left out.
            if template.params().any(|p| self.params.get(p).is_none_or(Value::is_null)) {
                continue;
            }
            pairs.push((name, self.text(template, "query", false)?));
        }
        if !pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        Ok(url.to_string())
    }

    fn headers(&self, extra: &[(String, Template)]) -> Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for (name, template) in self.http.headers.iter().chain(extra) {
            let value = self.text(template, &format!("header `{name}`"), false)?;
            if value.contains(['\r', '\n']) {
                return Err(Error::Usage(format!("header `{name}` would have a line break")));
            }
            out.insert(name.clone(), value);
        }
        Ok(out)
    }

    fn body(&self, shape: &Shape) -> Result<Option<Value>> {
        Ok(match shape {
            Shape::Literal(value) => Some(value.clone()),
            Shape::Text(template) => match template.sole_param() {
                // One parameter alone keeps its JSON type; an absent optional one is left out.
                Some(name) => self.params.get(name).filter(|v| !v.is_null()).cloned(),
                None => Some(Value::String(self.text(template, "body", false)?)),
            },
            Shape::List(items) => Some(Value::Array(
                items
                    .iter()
                    .map(|item| self.body(item).map(|v| v.unwrap_or(Value::Null)))
                    .collect::<Result<_>>()?,
            )),
            Shape::Map(entries) => {
                let mut map = Map::new();
                for (key, value) in entries {
                    if let Some(value) = self.body(value)? {
                        map.insert(key.clone(), value);
                    }
                }
                Some(Value::Object(map))
            }
        })
    }

    fn call(&self, request: &RequestSpec) -> Result<HttpCall> {
        Ok(HttpCall {
            method: request.method.clone(),
            url: self.url(&request.path, &request.query)?,
            headers: self.headers(&request.headers)?,
            body: request.body.as_ref().map(|b| self.body(b)).transpose()?.flatten(),
        })
    }
}

fn renderer<'a>(action: &'a ActionSpec, params: &'a Value) -> Result<Renderer<'a>> {
    let http = action
        .http
        .as_deref()
        .ok_or_else(|| Error::Internal(format!("`{}` is not an HTTP action", action.name)))?;
    let params = params
        .as_object()
        .ok_or_else(|| Error::Usage(format!("parameters for `{}` must be an object", action.name)))?;
    Ok(Renderer { action, http, params })
}

/// The write request, its target and its dry-run request.
pub fn render_write(
    action: &ActionSpec,
    params: &Value,
) -> Result<(HttpCall, Option<HttpProbe>, Option<HttpCall>)> {
    let renderer = renderer(action, params)?;
    let http = renderer.http;
    let request = renderer.call(&http.request)?;
    let probe = http.target.as_ref().map(|_| render_probe(action, params)).transpose()?.flatten();
    let dry_run = http.dry_run.as_ref().map(|spec| renderer.call(spec)).transpose()?;
    Ok((request, probe, dry_run))
}

/// The request of a read.
pub fn render_read(action: &ActionSpec, params: &Value) -> Result<HttpCall> {
    let renderer = renderer(action, params)?;
    renderer.call(&renderer.http.request)
}

/// The GET that reads a write's target.
pub fn render_probe(action: &ActionSpec, params: &Value) -> Result<Option<HttpProbe>> {
    let renderer = renderer(action, params)?;
    let Some(target) = &renderer.http.target else { return Ok(None) };
    let headers = renderer.headers(&target.headers)?;
    Ok(Some(HttpProbe { url: renderer.url(&target.path, &[])?, headers, watch: target.watch.clone() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_cannot_climb_or_split_the_path() {
        assert_eq!(encode_segment("INV-7"), "INV-7");
        assert_eq!(encode_segment("../admin"), "..%2Fadmin");
        assert_eq!(encode_segment(".."), "%2E%2E");
        assert_eq!(encode_segment("a?b#c d"), "a%3Fb%23c%20d");
        assert_eq!(encode_segment("@evil.com"), "%40evil.com");
    }

    fn list_action() -> ActionSpec {
        let text = "name: shop\ndescription: d\nbase_url: http://127.0.0.1:9/api\npermissions:\n  \
                    - { name: shop.view, description: v }\nactions:\n  - name: shop.orders\n    \
                    description: List orders\n    permission: shop.view\n    risk: read\n    requires: none\n    \
                    params: { type: object, additionalProperties: false, properties: { status: { type: string } } }\n    \
                    request: { method: GET, path: /orders, query: { status: \"{{ params.status }}\" } }\n    \
                    verbs: [list]\n    nouns: [orders]\n";
        let pack = crate::pack::Pack::parse(std::path::Path::new("shop.yaml"), text.into()).unwrap();
        pack.actions.into_iter().next().unwrap()
    }

    #[test]
    fn a_query_keeps_given_values_and_drops_absent_ones_whole() {
        let action = list_action();
        let given = render_read(&action, &serde_json::json!({"status": "open & paid"})).unwrap();
        assert_eq!(given.url, "http://127.0.0.1:9/api/orders?status=open+%26+paid");
        let absent = render_read(&action, &serde_json::json!({})).unwrap();
        assert_eq!(absent.url, "http://127.0.0.1:9/api/orders", "no empty query");
    }

    #[test]
    fn base_urls_are_plain_http_origins() {
        assert!(check_base_url("http://127.0.0.1:3000").is_ok());
        assert!(check_base_url("https://billing.example/api/").is_ok());
        for bad in ["ftp://x", "http://user:pw@x", "http://x/?a=1", "not a url", "http://x/#f"] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
    }
}
