//! The templates of a pack's requests: `{{ params.NAME }}`, `{{ env.NAME }}`
//! and `{{ secret('NAME') }}`, nothing else. A deliberately small language:
//! every variable a template reads is known when the pack is validated, so an
//! undefined one is an error then, not a request sent with a hole in it.

use std::collections::BTreeSet;

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Param(String),
    Env(String),
    Secret(String),
}

/// A parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub parts: Vec<Part>,
}

/// A template that does not parse: the message and the byte offset it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub at: usize,
    pub message: String,
}

fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn expression(inner: &str, at: usize) -> Result<Part, Malformed> {
    let text = inner.trim();
    let malformed = |message: String| Malformed { at, message };
    if let Some(name) = text.strip_prefix("params.") {
        return if is_name(name) {
            Ok(Part::Param(name.to_owned()))
        } else {
            Err(malformed(format!("`{text}`: a parameter is named `params.NAME`")))
        };
    }
    if let Some(name) = text.strip_prefix("env.") {
        return if is_name(name) {
            Ok(Part::Env(name.to_owned()))
        } else {
            Err(malformed(format!("`{text}`: an environment variable is named `env.NAME`")))
        };
    }
    if let Some(argument) = text.strip_prefix("secret(").and_then(|rest| rest.strip_suffix(')')) {
        let argument = argument.trim();
        let name = argument
            .strip_prefix('\'')
            .and_then(|a| a.strip_suffix('\''))
            .or_else(|| argument.strip_prefix('"').and_then(|a| a.strip_suffix('"')));
        return match name {
            Some(name) if is_name(name) => Ok(Part::Secret(name.to_owned())),
            _ => Err(malformed(format!("`{text}`: a secret is named `secret('NAME')`"))),
        };
    }
    Err(malformed(format!(
        "`{}` is not a pack template expression: use `params.NAME`, `env.NAME` or `secret('NAME')`",
        crate::sanitize::one_line(&text.chars().take(60).collect::<String>())
    )))
}

impl Template {
    pub fn parse(source: &str) -> Result<Template, Malformed> {
        let mut parts = Vec::new();
        let mut rest = source;
        let mut offset = 0;
        while let Some(open) = rest.find("{{") {
            let Some(close) = rest[open + 2..].find("}}") else {
                return Err(Malformed { at: offset + open, message: "`{{` without its `}}`".into() });
            };
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_owned()));
            }
            let inner = &rest[open + 2..open + 2 + close];
            parts.push(expression(inner, offset + open)?);
            let consumed = open + 2 + close + 2;
            offset += consumed;
            rest = &rest[consumed..];
        }
        if let Some(stray) = rest.find("}}") {
            return Err(Malformed { at: offset + stray, message: "`}}` without its `{{`".into() });
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_owned()));
        }
        Ok(Template { parts })
    }

    /// `{{ params.X }}` and nothing else: such a value keeps the parameter's JSON type.
    pub fn sole_param(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [Part::Param(name)] => Some(name),
            _ => None,
        }
    }

    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| if let Part::Param(n) = p { Some(n.as_str()) } else { None })
    }

    pub fn secrets(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| if let Part::Secret(n) = p { Some(n.as_str()) } else { None })
    }

    pub fn envs(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| if let Part::Env(n) = p { Some(n.as_str()) } else { None })
    }

    pub fn is_literal(&self) -> bool {
        self.parts.iter().all(|p| matches!(p, Part::Text(_)))
    }
}

/// How a secret appears in a payload, in output and in the payload hash: by
/// reference, never by value.
pub fn secret_reference(name: &str) -> String {
    format!("{{{{ secret('{name}') }}}}")
}

/// The secret names a rendered header value refers to.
pub fn referenced_secrets(rendered: &str) -> BTreeSet<String> {
    Template::parse(rendered).map(|t| t.secrets().map(str::to_owned).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_forms_parse() {
        let template =
            Template::parse("Bearer {{ secret('TOKEN') }} for {{params.id}} at {{ env.HOST }}").unwrap();
        assert_eq!(
            template.parts,
            vec![
                Part::Text("Bearer ".into()),
                Part::Secret("TOKEN".into()),
                Part::Text(" for ".into()),
                Part::Param("id".into()),
                Part::Text(" at ".into()),
                Part::Env("HOST".into()),
            ]
        );
        assert_eq!(Template::parse("{{ params.amount }}").unwrap().sole_param(), Some("amount"));
        assert_eq!(Template::parse(r#"{{ secret("X") }}"#).unwrap().secrets().collect::<Vec<_>>(), ["X"]);
    }

    #[test]
    fn anything_else_is_refused_with_its_place() {
        for (source, at) in [
            ("/a/{{ params.x | upper }}", 3),
            ("{{ config.x }}", 0),
            ("x {{ params.x", 2),
            ("x }}", 2),
            ("{{ secret(X) }}", 0),
            ("{{ params.a.b }}", 0),
            ("{{ env. }}", 0),
        ] {
            let error = Template::parse(source).unwrap_err();
            assert_eq!(error.at, at, "{source}: {}", error.message);
        }
    }

    #[test]
    fn a_reference_reads_back_as_the_secret_it_names() {
        let shown = format!("Bearer {}", secret_reference("BILLING_TOKEN"));
        assert_eq!(shown, "Bearer {{ secret('BILLING_TOKEN') }}");
        assert_eq!(referenced_secrets(&shown).into_iter().collect::<Vec<_>>(), ["BILLING_TOKEN"]);
    }
}
