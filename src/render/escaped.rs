//! JSON and YAML that carry no raw hidden character (bidi controls, zero-width
//! and other invisible characters, see [`is_hidden`]): each is written as an
//! escape the format defines (`\u202e` in JSON, `\u202E` in YAML), so a person
//! who reads the output sees it, and a program that parses it gets the
//! identical string back.

use std::fmt;
use std::io;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::error::{Error, Result};
use crate::sanitize::is_hidden;

/// Pretty JSON for `--output json`.
pub fn json_pretty<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    json_with(value, EscapeHidden(PrettyFormatter::new()))
}

/// Compact one-line JSON, for JSON Lines and the error envelope.
pub fn json_line<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    json_with(value, EscapeHidden(CompactFormatter))
}

fn json_with<T: Serialize + ?Sized, F: Formatter>(value: &T, formatter: F) -> Result<String> {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut serializer).map_err(|e| Error::Internal(format!("cannot render JSON: {e}")))?;
    String::from_utf8(out).map_err(|e| Error::Internal(format!("cannot render JSON: {e}")))
}

/// YAML for `--output yaml`. Strings holding a hidden character are written
/// double-quoted, the one YAML style with escapes. The value goes through
/// (order-keeping) JSON first, so that those strings can be found; a mapping
/// key holding one makes the whole document JSON, which YAML reads as well.
pub fn yaml<T: Serialize>(value: &T) -> Result<String> {
    let json = json_line(value)?;
    if !json.contains("\\u") {
        // No escape at all in the JSON, so no hidden character anywhere.
        return crate::yaml::to_string(value);
    }
    let node: Node =
        serde_json::from_str(&json).map_err(|e| Error::Internal(format!("cannot render YAML: {e}")))?;
    if node.has_hidden_key() {
        return json_pretty(value);
    }
    let text = crate::yaml::to_string(&node)?;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Only double-quoted scalars hold these raw: the emitter escapes
        // control characters itself, and every other string is free of them.
        match u32::from(c) {
            _ if !needs_yaml_escape(c) => out.push(c),
            code if code <= 0xffff => out.push_str(&format!("\\u{code:04X}")),
            code => out.push_str(&format!("\\U{code:08X}")),
        }
    }
    Ok(out)
}

/// Hidden characters the YAML emitter leaves raw (it escapes controls itself).
fn needs_yaml_escape(c: char) -> bool {
    is_hidden(c) && !c.is_control()
}

/// serde_json's formatting with every hidden character in a string escaped as
/// `\uXXXX` (a surrogate pair above U+FFFF), which JSON reads back as the character.
struct EscapeHidden<F>(F);

impl<F: Formatter> Formatter for EscapeHidden<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (index, c) in fragment.char_indices().filter(|(_, c)| is_hidden(*c)) {
            self.0.write_string_fragment(writer, &fragment[start..index])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = index + c.len_utf8();
        }
        self.0.write_string_fragment(writer, &fragment[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// A JSON value that keeps its keys in order (`serde_json::Value` sorts them,
/// and turning on its `preserve_order` would change every map in the crate).
enum Node {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    fn has_hidden_key(&self) -> bool {
        match self {
            Node::List(items) => items.iter().any(Node::has_hidden_key),
            Node::Map(entries) => entries
                .iter()
                .any(|(key, value)| key.chars().any(needs_yaml_escape) || value.has_hidden_key()),
            _ => false,
        }
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Node::Null => serializer.serialize_unit(),
            Node::Bool(value) => serializer.serialize_bool(*value),
            Node::Unsigned(value) => serializer.serialize_u64(*value),
            Node::Signed(value) => serializer.serialize_i64(*value),
            Node::Float(value) => serializer.serialize_f64(*value),
            Node::Text(text) if text.chars().any(needs_yaml_escape) => {
                serde_saphyr::DoubleQuoted(text.as_str()).serialize(serializer)
            }
            Node::Text(text) => serializer.serialize_str(text),
            Node::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Node::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> std::result::Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> std::result::Result<Node, E> {
        Ok(Node::Bool(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> std::result::Result<Node, E> {
        Ok(Node::Unsigned(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> std::result::Result<Node, E> {
        Ok(Node::Signed(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> std::result::Result<Node, E> {
        Ok(Node::Float(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> std::result::Result<Node, E> {
        Ok(Node::Text(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> std::result::Result<Node, E> {
        Ok(Node::Text(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One character of each hidden class, and ordinary text around them.
    const TRICKY: &str = "refund \u{202e}0001\u{2066}x\u{2069} \u{200b}\u{feff}\u{ad}\u{61c}\u{180e}\u{2028}\u{2029}\
                          \u{2065}\u{206a}\u{fff9}\u{e0001}\u{e0041}\u{7f}\u{85}\u{1b} \"q\" \\ 'a' ünï 👍🏽";

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct View {
        zeta: String,
        alpha: Vec<String>,
        count: i64,
        ratio: f64,
        multi_line: String,
        plain: String,
        nothing: Option<String>,
    }

    fn view() -> View {
        View {
            zeta: TRICKY.to_owned(),
            alpha: vec!["ok".into(), format!("line one\n{TRICKY}\nline three")],
            count: -3,
            ratio: 0.25,
            multi_line: "first\nsecond\n".into(),
            plain: "true".into(),
            nothing: None,
        }
    }

    fn assert_no_raw_hidden(text: &str) {
        let raw: Vec<String> = text
            .chars()
            .filter(|c| is_hidden(*c) && *c != '\n')
            .map(|c| format!("U+{:04X}", u32::from(c)))
            .collect();
        assert!(raw.is_empty(), "raw hidden characters {raw:?} in\n{text}");
    }

    #[test]
    fn json_escapes_hidden_characters_and_parses_back_identically() {
        for text in [json_pretty(&view()).unwrap(), json_line(&view()).unwrap()] {
            assert_no_raw_hidden(&text);
            assert!(text.contains("\\u202e") && text.contains("\\udb40\\udc41"), "{text}");
            assert_eq!(serde_json::from_str::<View>(&text).unwrap(), view());
        }
    }

    #[test]
    fn yaml_escapes_hidden_characters_and_parses_back_identically() {
        let text = yaml(&view()).unwrap();
        assert_no_raw_hidden(&text);
        assert!(text.contains("\\u202E") && text.contains("\\U000E0041"), "{text}");
        assert!(text.find("zeta:").unwrap() < text.find("alpha:").unwrap(), "keys keep their order:\n{text}");
        assert_eq!(serde_saphyr::from_str::<View>(&text).unwrap(), view());
    }

    #[test]
    fn yaml_without_hidden_characters_is_unchanged() {
        let clean = View { zeta: "z".into(), alpha: vec!["a\tb".into()], ..view() };
        assert_eq!(yaml(&clean).unwrap(), crate::yaml::to_string(&clean).unwrap());
    }

    #[test]
    fn a_hidden_character_in_a_key_makes_the_yaml_a_json_document() {
        let mut map = std::collections::BTreeMap::new();
        map.insert(format!("key{TRICKY}"), TRICKY.to_owned());
        let text = yaml(&map).unwrap();
        assert_no_raw_hidden(&text);
        let back: std::collections::BTreeMap<String, String> = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(back, map);
    }
}
