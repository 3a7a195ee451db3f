//! The payload of a pack action: the exact HTTP request, with secrets by
//! reference (`{{ secret('NAME') }}`) so that the payload hash covers which
//! secret goes where without ever holding its value.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One request as it will be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HttpCall {
    pub method: String,
    pub url: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

/// Where the row a write changes is read from, and the fields that must not
/// change between plan and execute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HttpProbe {
    pub url: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    pub watch: Vec<String>,
}

impl HttpProbe {
    /// What the target is called in messages: its path.
    pub fn label(&self) -> String {
        match url::Url::parse(&self.url) {
            Ok(url) => url.path().to_owned(),
            Err(_) => self.url.clone(),
        }
    }

    /// The target's own name, as a person types it to confirm a destructive
    /// write: the last segment of its path, decoded (`INV-8` of `/invoices/INV-8`).
    pub fn key(&self) -> Option<String> {
        let url = url::Url::parse(&self.url).ok()?;
        let last = url.path_segments()?.rev().find(|s| !s.is_empty())?;
        let key = percent_encoding::percent_decode_str(last).decode_utf8().ok()?;
        (!key.trim().is_empty()).then(|| key.into_owned())
    }

    /// The watched fields of a response, as the version a plan records.
    pub fn version_of(&self, response: &Value) -> String {
        crate::canonical::hash_value(&self.watched(response))
    }

    /// The watched fields themselves, for before-values.
    pub fn watched(&self, response: &Value) -> Value {
        Value::Object(
            self.watch
                .iter()
                .map(|field| {
                    let value =
                        field.split('.').try_fold(response, |v, k| v.get(k)).cloned().unwrap_or(Value::Null);
                    (field.clone(), value)
                })
                .collect(),
        )
    }
}
