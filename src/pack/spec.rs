//! A validated pack action's HTTP side: what to send, where its target is read
//! from, how long to wait. Built only by [`super::validate`].

use serde_json::Value;

use super::template::Template;

/// A body as written: its string leaves are templates.
#[derive(Debug, Clone)]
pub enum Shape {
    Literal(Value),
    Text(Template),
    List(Vec<Shape>),
    Map(Vec<(String, Shape)>),
}

/// One request of an action (the write, its dry-run, or a read).
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub method: String,
    pub path: Template,
    pub query: Vec<(String, Template)>,
    pub headers: Vec<(String, Template)>,
    pub body: Option<Shape>,
}

/// The endpoint that shows the row a write changes, and which of its fields
/// must not change between plan and execute.
#[derive(Debug, Clone)]
pub struct ProbeSpec {
    pub path: Template,
    pub headers: Vec<(String, Template)>,
    pub watch: Vec<String>,
}

/// Where the rows of a read's JSON response are: `items[].{id,status}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowsPath {
    /// Dotted path to the array (empty: the response is the array).
    pub array: Vec<String>,
    /// The fields kept from each element, dotted; empty keeps them all.
    pub fields: Vec<String>,
}

impl RowsPath {
    pub fn parse(text: &str) -> Option<RowsPath> {
        let (array, rest) = text.trim().split_once("[]")?;
        let array: Vec<String> =
            if array.is_empty() { Vec::new() } else { array.split('.').map(str::to_owned).collect() };
        let fields: Vec<String> = match rest {
            "" => Vec::new(),
            projection => projection
                .strip_prefix(".{")?
                .strip_suffix('}')?
                .split(',')
                .map(|f| f.trim().to_owned())
                .collect(),
        };
        let name_ok =
            |n: &str| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        let path_ok = |p: &str| p.split('.').all(name_ok);
        (array.iter().all(|n| name_ok(n)) && fields.iter().all(|f| path_ok(f)))
            .then_some(RowsPath { array, fields })
    }

    /// The rows of `response`, each an object of the kept fields.
    pub fn rows(&self, response: &Value) -> Option<Vec<Value>> {
        let mut at = response;
        for key in &self.array {
            at = at.get(key)?;
        }
        let items = at.as_array()?;
        Some(
            items
                .iter()
                .map(|item| {
                    if self.fields.is_empty() {
                        return item.clone();
                    }
                    let mut row = serde_json::Map::new();
                    for field in &self.fields {
                        let value =
                            field.split('.').try_fold(item, |v, k| v.get(k)).cloned().unwrap_or(Value::Null);
                        row.insert(field.clone(), value);
                    }
                    Value::Object(row)
                })
                .collect(),
        )
    }
}

impl std::fmt::Display for RowsPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[]", self.array.join("."))?;
        if !self.fields.is_empty() {
            write!(f, ".{{{}}}", self.fields.join(","))?;
        }
        Ok(())
    }
}

/// Seconds to wait to connect and for the whole exchange.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Timeouts {
    pub connect_ms: u64,
    pub request_ms: u64,
}

impl Default for Timeouts {
    fn default() -> Timeouts {
        Timeouts { connect_ms: 10_000, request_ms: 10_000 }
    }
}

/// Everything about one pack action that is not in its catalog entry.
#[derive(Debug, Clone)]
pub struct HttpAction {
    pub pack: String,
    pub base_url: Template,
    /// The pack's headers, sent with every request (each request adds its own).
    pub headers: Vec<(String, Template)>,
    pub request: RequestSpec,
    pub target: Option<ProbeSpec>,
    pub dry_run: Option<RequestSpec>,
    pub idempotent: bool,
    pub rows: Option<RowsPath>,
    pub timeout: Timeouts,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rows_are_read_from_the_named_array_and_fields() {
        let path = RowsPath::parse("items[].{id,status,customer.name}").unwrap();
        let response =
            json!({"items": [{"id": 1, "status": "open", "customer": {"name": "Ann"}, "x": 1}, {"id": 2}]});
        assert_eq!(
            path.rows(&response).unwrap(),
            vec![
                json!({"id": 1, "status": "open", "customer.name": "Ann"}),
                json!({"id": 2, "status": null, "customer.name": null})
            ]
        );
        assert_eq!(RowsPath::parse("[]").unwrap().rows(&json!([1, 2])).unwrap(), vec![json!(1), json!(2)]);
        for bad in ["items", "items[].id", "items[].{}", "it ems[]", "[].{a,,b}"] {
            assert!(RowsPath::parse(bad).is_none(), "{bad}");
        }
        assert!(path.rows(&json!({"items": 3})).is_none());
    }
}
