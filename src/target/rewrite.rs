//! The built-in pack's statements, written with logical names, put into a
//! team's names through a binding: table references (and their aliases),
//! qualified and bare column references, and `SELECT *`. Renamed columns in a
//! select list keep their logical name as the result's (`total_minor AS
//! amount_cents`), so that what reads the rows never sees the team's names.
//!
//! The pack's SQL is code, not input, and simple (one statement, no nested
//! scopes that rename tables); anything a value could carry is bound as a
//! parameter, never spliced. Every column a statement references must be one
//! its action declares in `uses`, so an action cannot reach past its catalog entry.

use std::collections::{BTreeMap, BTreeSet};

use super::binding::Binding;
use super::logical;
use crate::error::{Error, Result};

/// The back-office tables and columns one action may reference.
pub type Uses = BTreeMap<String, BTreeSet<String>>;

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Space(String),
    Word(String),
    /// A string literal, quotes and all.
    Literal(String),
    /// A quoted identifier, quotes and all (left as written).
    Quoted(String),
    Placeholder(usize),
    Symbol(char),
}

fn tokenize(sql: &str) -> Result<Vec<Token>> {
    let chars: Vec<char> = sql.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            while i < chars.len() && chars[i].is_whitespace() {
                i += 1;
            }
            tokens.push(Token::Space(chars[start..i].iter().collect()));
        } else if c.is_ascii_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token::Word(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
            tokens.push(Token::Word(chars[start..i].iter().collect()));
        } else if c == '\'' || c == '"' {
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err(Error::Internal(format!("unterminated quote in `{sql}`"))),
                    Some(q) if *q == c && chars.get(i + 1) == Some(&c) => i += 2,
                    Some(q) if *q == c => {
                        i += 1;
                        break;
                    }
                    Some(_) => i += 1,
                }
            }
            let text: String = chars[start..i].iter().collect();
            tokens.push(if c == '\'' { Token::Literal(text) } else { Token::Quoted(text) });
        } else if c == '$' && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let number: String = chars[start + 1..i].iter().collect();
            let number =
                number.parse().map_err(|_| Error::Internal(format!("bad placeholder in `{sql}`")))?;
            tokens.push(Token::Placeholder(number));
        } else {
            tokens.push(Token::Symbol(c));
            i += 1;
        }
    }
    Ok(tokens)
}

/// Words that introduce or end a clause; never a table alias.
const CLAUSE_WORDS: &[&str] = &[
    "where",
    "set",
    "join",
    "left",
    "right",
    "inner",
    "outer",
    "cross",
    "on",
    "group",
    "order",
    "limit",
    "offset",
    "values",
    "having",
    "union",
    "returning",
    "using",
    "as",
    "and",
    "or",
];

fn is_word(token: Option<&Token>, word: &str) -> bool {
    matches!(token, Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
}

/// How a statement's placeholders are written for its database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholders {
    /// `$1`, `$2`, … as written (PostgreSQL, SQLite).
    Numbered,
    /// `?` in order of appearance (MySQL); the caller binds parameters in that order.
    Positional,
}

/// A statement in a team's names.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub sql: String,
    /// With [`Placeholders::Positional`]: the (0-based) parameter each `?` takes, in order.
    pub order: Vec<usize>,
}

/// Rewrites one of the pack's statements into the team's names.
/// `uses`, when given, is what the action declares: a reference outside it is an error.
pub fn bind(binding: &Binding, sql: &str, uses: Option<&Uses>, placeholders: Placeholders) -> Result<Bound> {
    let mut tokens = tokenize(sql)?;
    let scope = table_references(&tokens);
    let significant: Vec<usize> =
        (0..tokens.len()).filter(|&i| !matches!(tokens[i], Token::Space(_))).collect();
    let at = |k: usize| significant.get(k).map(|&i| &tokens[i]);

    // Decide every replacement first (the tokens are read while deciding).
    let mut replace: BTreeMap<usize, String> = BTreeMap::new();
    let mut select_item_alias: BTreeMap<usize, String> = BTreeMap::new();
    let mut star: Option<usize> = None;
    for k in 0..significant.len() {
        let index = significant[k];
        let Token::Word(word) = &tokens[index] else {
            if tokens[index] == Token::Symbol('*')
                && matches!(at(k.wrapping_sub(1)), Some(Token::Word(w)) if w.eq_ignore_ascii_case("select"))
            {
                star = Some(index);
            }
            continue;
        };
        let previous = if k == 0 { None } else { at(k - 1) };
        let next = at(k + 1);
        if matches!(previous, Some(Token::Symbol('.'))) || is_word(previous, "as") {
            continue;
        }
        if let Some(reference) = scope.iter().find(|r| r.index == index) {
            replace.insert(index, binding.table(&reference.table));
            continue;
        }
        if matches!(next, Some(Token::Symbol('('))) {
            continue;
        }
        if matches!(next, Some(Token::Symbol('.'))) {
            let (Some(Token::Word(column)), Some(qualifier)) = (at(k + 2), resolve_qualifier(&scope, word))
            else {
                continue;
            };
            let physical = column_of(binding, uses, &qualifier, column)?;
            if scope.iter().any(|r| r.alias.is_none() && r.table.eq_ignore_ascii_case(word)) {
                replace.insert(index, binding.table(&qualifier));
            }
            if physical != *column {
                replace.insert(significant[k + 2], physical.clone());
                alias_if_select_item(&tokens, &significant, k, k + 2, column, &mut select_item_alias);
            }
            continue;
        }
        let owners: Vec<&str> = scope
            .iter()
            .map(|r| r.table.as_str())
            .filter(|table| logical::table(table).is_some_and(|t| t.kind(word).is_some()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let Some(owner) = owners.first() else { continue };
        let physical = column_of(binding, uses, owner, word)?;
        for other in &owners[1..] {
            if column_of(binding, uses, other, word)? != physical {
                return Err(Error::Internal(format!(
                    "`{word}` is ambiguous between {owner} and {other} in `{sql}`; qualify it"
                )));
            }
        }
        if physical != *word {
            replace.insert(index, physical);
            alias_if_select_item(&tokens, &significant, k, k, word, &mut select_item_alias);
        }
    }
    if let Some(index) = star {
        let tables: BTreeSet<&str> = scope.iter().map(|r| r.table.as_str()).collect();
        let [table] = tables.into_iter().collect::<Vec<_>>()[..] else {
            return Err(Error::Internal(format!("`SELECT *` over more than one table in `{sql}`")));
        };
        let logical = logical::table(table)
            .ok_or_else(|| Error::Internal(format!("`{table}` is not a table of the built-in pack")))?;
        let mut columns = Vec::with_capacity(logical.columns.len());
        for (column, _) in logical.columns {
            let physical = column_of(binding, uses, table, column)?;
            columns.push(if physical == *column { physical } else { format!("{physical} AS {column}") });
        }
        replace.insert(index, columns.join(", "));
    }

    let mut sql_out = String::with_capacity(sql.len() + 16);
    let mut order = Vec::new();
    for (index, token) in tokens.iter_mut().enumerate() {
        match (replace.remove(&index), &*token) {
            (Some(text), _) => sql_out.push_str(&text),
            (None, Token::Placeholder(n)) if placeholders == Placeholders::Positional => {
                order.push(n - 1);
                sql_out.push('?');
            }
            (None, Token::Placeholder(n)) => {
                sql_out.push('$');
                sql_out.push_str(&n.to_string());
            }
            (None, Token::Space(s) | Token::Word(s) | Token::Literal(s) | Token::Quoted(s)) => {
                sql_out.push_str(s)
            }
            (None, Token::Symbol(c)) => sql_out.push(*c),
        }
        if let Some(alias) = select_item_alias.get(&index) {
            sql_out.push_str(" AS ");
            sql_out.push_str(alias);
        }
    }
    Ok(Bound { sql: sql_out, order })
}

/// One table named in a statement: where, which, and the alias it goes by.
struct TableReference {
    index: usize,
    table: String,
    alias: Option<String>,
}

fn table_references(tokens: &[Token]) -> Vec<TableReference> {
    let significant: Vec<usize> =
        (0..tokens.len()).filter(|&i| !matches!(tokens[i], Token::Space(_))).collect();
    let mut references = Vec::new();
    for k in 0..significant.len() {
        let Token::Word(keyword) = &tokens[significant[k]] else { continue };
        if !["from", "join", "update", "into"].iter().any(|w| keyword.eq_ignore_ascii_case(w)) {
            continue;
        }
        let Some(&index) = significant.get(k + 1) else { continue };
        let Token::Word(table) = &tokens[index] else { continue };
        if logical::table(table).is_none() {
            continue;
        }
        let mut alias_at = k + 2;
        if is_word(significant.get(alias_at).map(|&i| &tokens[i]), "as") {
            alias_at += 1;
        }
        let alias = match significant.get(alias_at).map(|&i| &tokens[i]) {
            Some(Token::Word(alias)) if !CLAUSE_WORDS.iter().any(|w| alias.eq_ignore_ascii_case(w)) => {
                Some(alias.clone())
            }
            _ => None,
        };
        references.push(TableReference { index, table: table.clone(), alias });
    }
    references
}

fn resolve_qualifier(scope: &[TableReference], qualifier: &str) -> Option<String> {
    scope
        .iter()
        .find(|r| r.alias.as_deref() == Some(qualifier) || (r.alias.is_none() && r.table == qualifier))
        .map(|r| r.table.clone())
}

/// The team's name for `table.column`, refusing what the action does not declare.
fn column_of(binding: &Binding, uses: Option<&Uses>, table: &str, column: &str) -> Result<String> {
    if let Some(uses) = uses
        && !uses.get(table).is_some_and(|columns| columns.contains(column))
    {
        return Err(Error::Internal(format!(
            "the statement uses {table}.{column}, which its action does not declare in `uses`"
        )));
    }
    Ok(binding.column(table, column).to_owned())
}

/// When the column reference spanning significant tokens `first..=last` is a
/// whole item of the statement's select list, it keeps its logical name as
/// the result column's.
fn alias_if_select_item(
    tokens: &[Token],
    significant: &[usize],
    first: usize,
    last: usize,
    logical: &str,
    aliases: &mut BTreeMap<usize, String>,
) {
    let before = first.checked_sub(1).map(|k| &tokens[significant[k]]);
    let after = significant.get(last + 1).map(|&i| &tokens[i]);
    let starts_item = matches!(before, Some(Token::Symbol(',')))
        || is_word(before, "select")
        || is_word(before, "distinct");
    let ends_item = matches!(after, Some(Token::Symbol(','))) || is_word(after, "from");
    if starts_item && ends_item && in_select_list(tokens, significant, first) {
        aliases.insert(significant[last], logical.to_owned());
    }
}

/// Whether significant token `k` lies between a SELECT and its FROM, outside parentheses.
fn in_select_list(tokens: &[Token], significant: &[usize], k: usize) -> bool {
    let mut depth = 0i32;
    for j in (0..k).rev() {
        match &tokens[significant[j]] {
            Token::Symbol(')') => depth += 1,
            Token::Symbol('(') => depth -= 1,
            Token::Word(w) if depth == 0 && w.eq_ignore_ascii_case("select") => return true,
            Token::Word(w)
                if depth == 0 && (w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("set")) =>
            {
                return false;
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::binding::TableBinding;

    fn team() -> Binding {
        let mut binding = Binding::default();
        binding.tables.insert(
            "bookings".into(),
            TableBinding {
                table: Some("reservations".into()),
                columns: [("amount_cents", "total_minor"), ("status", "state")]
                    .into_iter()
                    .map(|(a, b)| (a.to_owned(), b.to_owned()))
                    .collect(),
            },
        );
        binding.tables.insert(
            "staff".into(),
            TableBinding {
                table: Some("employees".into()),
                columns: [("email".into(), "mail".into())].into(),
            },
        );
        binding
    }

    fn sql(text: &str) -> String {
        bind(&team(), text, None, Placeholders::Numbered).unwrap().sql
    }

    #[test]
    fn tables_columns_and_result_names() {
        assert_eq!(
            sql(
                "SELECT id, status, amount_cents FROM bookings WHERE status = $1 ORDER BY created_at DESC LIMIT $2"
            ),
            "SELECT id, state AS status, total_minor AS amount_cents FROM reservations WHERE state = $1 ORDER BY created_at DESC LIMIT $2"
        );
        assert_eq!(
            sql(
                "UPDATE bookings SET status = 'cancelled', amount_cents = amount_cents + $1 WHERE id = $2 AND status IN ('paid')"
            ),
            "UPDATE reservations SET state = 'cancelled', total_minor = total_minor + $1 WHERE id = $2 AND state IN ('paid')"
        );
        assert_eq!(
            sql(
                "SELECT currency, CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS amount_cents FROM bookings GROUP BY currency"
            ),
            "SELECT currency, CAST(COALESCE(SUM(total_minor), 0) AS BIGINT) AS amount_cents FROM reservations GROUP BY currency"
        );
    }

    #[test]
    fn aliases_joins_and_qualified_columns() {
        assert_eq!(
            sql(
                "SELECT s.email, s.name, r.name AS role FROM staff s JOIN roles r ON r.id = s.role_id WHERE r.name = $1"
            ),
            "SELECT s.mail AS email, s.name, r.name AS role FROM employees s JOIN roles r ON r.id = s.role_id WHERE r.name = $1"
        );
        assert_eq!(
            sql("SELECT bookings.status FROM bookings"),
            "SELECT reservations.state AS status FROM reservations"
        );
    }

    #[test]
    fn literals_and_quoted_names_are_never_touched() {
        assert_eq!(
            sql("SELECT id FROM bookings WHERE service = 'status amount_cents bookings' AND \"status\" = $1"),
            "SELECT id FROM reservations WHERE service = 'status amount_cents bookings' AND \"status\" = $1"
        );
    }

    #[test]
    fn select_star_lists_the_logical_columns() {
        let bound = sql("SELECT * FROM bookings WHERE id = $1");
        assert!(bound.starts_with("SELECT id, user_id, provider_id, service, state AS status,"), "{bound}");
        assert!(bound.contains("total_minor AS amount_cents"), "{bound}");
        assert!(bound.ends_with("FROM reservations WHERE id = $1"), "{bound}");
    }

    #[test]
    fn positional_placeholders_follow_their_appearance() {
        let bound = bind(
            &Binding::default(),
            "UPDATE bookings SET refunded_cents = refunded_cents + $1, updated_at = $2 WHERE id = $3 AND refunded_cents + $1 = amount_cents",
            None,
            Placeholders::Positional,
        )
        .unwrap();
        assert_eq!(bound.sql.matches('?').count(), 4);
        assert_eq!(bound.order, [0, 1, 2, 0]);
    }

    #[test]
    fn a_column_outside_the_actions_uses_is_refused() {
        let uses: Uses = [("bookings".to_owned(), ["id".to_owned(), "status".to_owned()].into())].into();
        let ok = bind(&team(), "SELECT id, status FROM bookings", Some(&uses), Placeholders::Numbered);
        assert!(ok.is_ok());
        let refused =
            bind(&team(), "SELECT id, amount_cents FROM bookings", Some(&uses), Placeholders::Numbered);
        assert!(refused.unwrap_err().to_string().contains("bookings.amount_cents"));
    }

    #[test]
    fn the_identity_binding_changes_nothing() {
        let text = "SELECT s.email, r.name AS role FROM staff s JOIN roles r ON r.id = s.role_id WHERE s.status = 'active'";
        assert_eq!(bind(&Binding::default(), text, None, Placeholders::Numbered).unwrap().sql, text);
    }
}
