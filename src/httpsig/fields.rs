//! The part of RFC 8941 (Structured Field Values) that signature fields use:
//! dictionaries whose members are items or inner lists, with parameters;
//! integers, strings, tokens, byte sequences and booleans.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// A bare item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bare {
    Integer(i64),
    String(String),
    Token(String),
    Bytes(Vec<u8>),
    Boolean(bool),
}

/// Parameters, in the order they were written (which the signature base keeps).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(Vec<(String, Bare)>);

impl Params {
    pub fn new() -> Params {
        Params(Vec::new())
    }

    pub fn with(mut self, key: &str, value: Bare) -> Params {
        self.0.push((key.to_owned(), value));
        self
    }

    fn get(&self, key: &str) -> Option<&Bare> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn string(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Bare::String(s)) => Some(s),
            _ => None,
        }
    }

    pub fn integer(&self, key: &str) -> Option<i64> {
        match self.get(key) {
            Some(Bare::Integer(n)) => Some(*n),
            _ => None,
        }
    }
}

/// A dictionary member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member {
    Item(Bare, Params),
    InnerList(Vec<(Bare, Params)>, Params),
}

impl Member {
    /// An inner list of plain strings (component names) and its parameters.
    pub fn as_inner_list(&self) -> Option<(Vec<String>, &Params)> {
        let Member::InnerList(items, params) = self else { return None };
        let names = items
            .iter()
            .map(|(bare, item_params)| match bare {
                Bare::String(s) if item_params.0.is_empty() => Some(s.clone()),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        Some((names, params))
    }

    pub fn as_bytes(&self) -> Option<&Vec<u8>> {
        match self {
            Member::Item(Bare::Bytes(bytes), _) => Some(bytes),
            _ => None,
        }
    }
}

/// Parses a dictionary field; an error says what is wrong where.
pub fn parse_dictionary(text: &str) -> Result<Vec<(String, Member)>, String> {
    let mut parser = Parser { bytes: text.as_bytes(), at: 0 };
    parser.skip_sp();
    let mut members: Vec<(String, Member)> = Vec::new();
    while !parser.done() {
        let key = parser.key()?;
        let member = if parser.eat(b'=') {
            if parser.peek() == Some(b'(') { parser.inner_list()? } else { parser.item()? }
        } else {
            Member::Item(Bare::Boolean(true), parser.params()?)
        };
        if members.iter().any(|(k, _)| *k == key) {
            return Err(format!("`{key}` appears twice"));
        }
        members.push((key, member));
        parser.skip_ows();
        if parser.done() {
            break;
        }
        if !parser.eat(b',') {
            return Err(format!("expected `,` at byte {}", parser.at));
        }
        parser.skip_ows();
        if parser.done() {
            return Err("a trailing `,`".into());
        }
    }
    Ok(members)
}

/// `("a" "b");k=v` — the serialization the signature base repeats.
pub fn serialize_inner_list(names: &[String], params: &Params) -> String {
    let items: Vec<String> = names.iter().map(|n| serialize_bare(&Bare::String(n.clone()))).collect();
    format!("({}){}", items.join(" "), serialize_params(params))
}

fn serialize_params(params: &Params) -> String {
    params
        .0
        .iter()
        .map(|(key, value)| match value {
            Bare::Boolean(true) => format!(";{key}"),
            other => format!(";{key}={}", serialize_bare(other)),
        })
        .collect()
}

fn serialize_bare(bare: &Bare) -> String {
    match bare {
        Bare::Integer(n) => n.to_string(),
        Bare::String(s) => format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
        Bare::Token(t) => t.clone(),
        Bare::Bytes(b) => format!(":{}:", STANDARD.encode(b)),
        Bare::Boolean(b) => {
            if *b {
                "?1".into()
            } else {
                "?0".into()
            }
        }
    }
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn skip_sp(&mut self) {
        while self.peek() == Some(b' ') {
            self.at += 1;
        }
    }

    fn skip_ows(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    fn key(&mut self) -> Result<String, String> {
        let start = self.at;
        match self.peek() {
            Some(c) if c.is_ascii_lowercase() || c == b'*' => self.at += 1,
            _ => return Err(format!("expected a key at byte {start}")),
        }
        while matches!(self.peek(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() || b"_-.*".contains(&c))
        {
            self.at += 1;
        }
        Ok(String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned())
    }

    fn item(&mut self) -> Result<Member, String> {
        let bare = self.bare()?;
        Ok(Member::Item(bare, self.params()?))
    }

    fn inner_list(&mut self) -> Result<Member, String> {
        self.at += 1; // (
        let mut items = Vec::new();
        loop {
            self.skip_sp();
            if self.eat(b')') {
                break;
            }
            let bare = self.bare()?;
            let params = self.params()?;
            items.push((bare, params));
            match self.peek() {
                Some(b' ') | Some(b')') => {}
                _ => return Err(format!("expected ` ` or `)` at byte {}", self.at)),
            }
        }
        Ok(Member::InnerList(items, self.params()?))
    }

    fn params(&mut self) -> Result<Params, String> {
        let mut params = Params::new();
        while self.eat(b';') {
            self.skip_sp();
            let key = self.key()?;
            let value = if self.eat(b'=') { self.bare()? } else { Bare::Boolean(true) };
            if let Some(slot) = params.0.iter_mut().find(|(k, _)| *k == key) {
                slot.1 = value;
            } else {
                params.0.push((key, value));
            }
        }
        Ok(params)
    }

    fn bare(&mut self) -> Result<Bare, String> {
        let start = self.at;
        match self.peek() {
            Some(b'"') => self.string(),
            Some(b':') => self.byte_sequence(),
            Some(b'?') => {
                self.at += 1;
                match self.peek() {
                    Some(b'1') => {
                        self.at += 1;
                        Ok(Bare::Boolean(true))
                    }
                    Some(b'0') => {
                        self.at += 1;
                        Ok(Bare::Boolean(false))
                    }
                    _ => Err(format!("bad boolean at byte {start}")),
                }
            }
            Some(c) if c == b'-' || c.is_ascii_digit() => self.integer(),
            Some(c) if c.is_ascii_alphabetic() || c == b'*' => {
                while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~:/".contains(&c))
                {
                    self.at += 1;
                }
                Ok(Bare::Token(String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned()))
            }
            _ => Err(format!("expected a value at byte {start}")),
        }
    }

    fn integer(&mut self) -> Result<Bare, String> {
        let start = self.at;
        self.eat(b'-');
        let digits = self.at;
        while matches!(self.peek(), Some(c) if c.is_ascii_digit()) {
            self.at += 1;
        }
        if self.peek() == Some(b'.') {
            return Err(format!("decimals are not used in signatures (byte {start})"));
        }
        let len = self.at - digits;
        if len == 0 || len > 15 {
            return Err(format!("bad integer at byte {start}"));
        }
        std::str::from_utf8(&self.bytes[start..self.at])
            .ok()
            .and_then(|s| s.parse().ok())
            .map(Bare::Integer)
            .ok_or_else(|| format!("bad integer at byte {start}"))
    }

    fn string(&mut self) -> Result<Bare, String> {
        let start = self.at;
        self.at += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(format!("unterminated string from byte {start}")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Bare::String(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    match self.peek() {
                        Some(c @ (b'"' | b'\\')) => {
                            out.push(char::from(c));
                            self.at += 1;
                        }
                        _ => return Err(format!("bad escape in the string from byte {start}")),
                    }
                }
                Some(c) if (0x20..0x7f).contains(&c) => {
                    out.push(char::from(c));
                    self.at += 1;
                }
                Some(_) => return Err(format!("a string may hold printable ASCII only (byte {})", self.at)),
            }
        }
    }

    fn byte_sequence(&mut self) -> Result<Bare, String> {
        let start = self.at;
        self.at += 1;
        let body_start = self.at;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || b"+/=".contains(&c)) {
            self.at += 1;
        }
        let body = &self.bytes[body_start..self.at];
        if !self.eat(b':') {
            return Err(format!("unterminated byte sequence from byte {start}"));
        }
        STANDARD.decode(body).map(Bare::Bytes).map_err(|_| format!("bad base64 from byte {start}"))
    }
}
