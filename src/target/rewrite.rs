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
use super::convention::{Convention, Dialect, quote};
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

/// A statement in a team's names.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub sql: String,
    /// On MySQL, where placeholders are `?` in order of appearance: the
    /// (0-based) parameter each `?` takes, in order. Empty elsewhere (`$1`, `$2`, … as written).
    pub order: Vec<usize>,
}

/// One column reference: significant tokens `first..=last` (`q.col` or `col`).
struct ColumnRef {
    first: usize,
    last: usize,
    table: String,
    column: String,
}

/// Where a reference stands in its statement, as far as conventions care.
enum Context {
    /// Read: in a select list, a condition, an expression.
    Read,
    /// Assigned (`SET col = …`) or inserted (`INSERT … (col) VALUES (…)`):
    /// the value written is the significant tokens `first..=last`.
    Written { first: usize, last: usize },
    /// Compared with values alone (`col = 'x'`, `col IN ('a', $1)`): these tokens.
    ComparedWith(Vec<usize>),
}

/// Rewrites one of the pack's statements into the team's names and conventions.
/// `uses`, when given, is what the action declares: a reference outside it is an error.
pub fn bind(binding: &Binding, sql: &str, uses: Option<&Uses>, dialect: Dialect) -> Result<Bound> {
    let tokens = tokenize(sql)?;
    let scope = table_references(&tokens);
    let significant: Vec<usize> =
        (0..tokens.len()).filter(|&i| !matches!(tokens[i], Token::Space(_))).collect();
    let at = |k: usize| significant.get(k).map(|&i| &tokens[i]);

    // Decide every replacement first (the tokens are read while deciding).
    let mut replace: BTreeMap<usize, String> = BTreeMap::new();
    let mut before: BTreeMap<usize, String> = BTreeMap::new();
    let mut after: BTreeMap<usize, String> = BTreeMap::new();
    let mut select_item_alias: BTreeMap<usize, String> = BTreeMap::new();
    let mut references: Vec<ColumnRef> = Vec::new();
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
            references.push(ColumnRef { first: k, last: k + 2, table: qualifier, column: column.clone() });
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
        references.push(ColumnRef { first: k, last: k, table: (*owner).to_owned(), column: word.clone() });
    }

    // The team's conventions: each converted reference is read, written or compared.
    for reference in &references {
        let Some(convention) = binding.convention(&reference.table, &reference.column) else { continue };
        match context(&tokens, &significant, &scope, reference, &convention) {
            Context::Written { first, last } => {
                if let Convention::Values(_) = convention {
                    let value = single_value(&tokens, &significant, first, last).ok_or_else(|| {
                        Error::Internal(format!(
                            "{}.{} is written from an expression in `{sql}`; its values can only be renamed in a literal or a parameter",
                            reference.table, reference.column
                        ))
                    })?;
                    replace.insert(significant[first], team_value(&convention, &tokens[value], dialect)?);
                } else {
                    let (prefix, suffix) = around(&convention.write_sql(MARK, dialect)?);
                    before.entry(significant[first]).or_default().push_str(&prefix);
                    after.entry(significant[last]).or_default().insert_str(0, &suffix);
                }
            }
            Context::ComparedWith(values) => {
                for k in values {
                    replace
                        .insert(significant[k], team_value(&convention, &tokens[significant[k]], dialect)?);
                }
            }
            Context::Read => {
                let shown: String = (reference.first..=reference.last)
                    .map(|k| {
                        let i = significant[k];
                        replace.get(&i).cloned().unwrap_or_else(|| render_token(&tokens[i]))
                    })
                    .collect();
                for &index in &significant[reference.first..=reference.last] {
                    replace.insert(index, String::new());
                }
                replace.insert(significant[reference.first], convention.read_sql(&shown, dialect)?);
                select_item_alias.remove(&significant[reference.last]);
                alias_if_select_item(
                    &tokens,
                    &significant,
                    reference.first,
                    reference.last,
                    &reference.column,
                    &mut select_item_alias,
                );
            }
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
            columns.push(match binding.convention(table, column) {
                Some(convention) => format!("{} AS {column}", convention.read_sql(&physical, dialect)?),
                None if physical == *column => physical,
                None => format!("{physical} AS {column}"),
            });
        }
        replace.insert(index, columns.join(", "));
    }

    let mut numbered = String::with_capacity(sql.len() + 16);
    for (index, token) in tokens.iter().enumerate() {
        if let Some(text) = before.get(&index) {
            numbered.push_str(text);
        }
        match replace.get(&index) {
            Some(text) => numbered.push_str(text),
            None => numbered.push_str(&render_token(token)),
        }
        if let Some(text) = after.get(&index) {
            numbered.push_str(text);
        }
        if let Some(alias) = select_item_alias.get(&index) {
            numbered.push_str(" AS ");
            numbered.push_str(alias);
        }
    }
    if dialect != Dialect::MySql {
        return Ok(Bound { sql: numbered, order: Vec::new() });
    }
    // MySQL numbers nothing: each `$n` becomes `?`, and the parameter it takes is noted.
    let mut positional = String::with_capacity(numbered.len());
    let mut order = Vec::new();
    for token in tokenize(&numbered)? {
        match token {
            Token::Placeholder(n) => {
                order.push(n - 1);
                positional.push('?');
            }
            other => positional.push_str(&render_token(&other)),
        }
    }
    Ok(Bound { sql: positional, order })
}

/// Where a conversion's operand goes in the SQL that [`around`] splits.
const MARK: &str = "\u{1}";

/// A conversion written around [`MARK`], as the text before and after its operand.
fn around(converted: &str) -> (String, String) {
    match converted.split_once(MARK) {
        Some((prefix, suffix)) => (prefix.to_owned(), suffix.to_owned()),
        None => (String::new(), String::new()),
    }
}

fn render_token(token: &Token) -> String {
    match token {
        Token::Space(s) | Token::Word(s) | Token::Literal(s) | Token::Quoted(s) => s.clone(),
        Token::Placeholder(n) => format!("${n}"),
        Token::Symbol(c) => c.to_string(),
    }
}

/// A logical value (a literal or a parameter) in the team's spelling.
fn team_value(convention: &Convention<'_>, token: &Token, dialect: Dialect) -> Result<String> {
    match token {
        Token::Literal(text) => {
            let logical = text[1..text.len() - 1].replace("''", "'");
            Ok(quote(convention.team_value(&logical).unwrap_or(&logical)))
        }
        Token::Placeholder(n) => convention.write_sql(&format!("${n}"), dialect),
        other => Err(Error::Internal(format!("cannot rename the value {other:?}"))),
    }
}

/// The one literal or parameter that significant tokens `first..=last` are, if they are one.
fn single_value(tokens: &[Token], significant: &[usize], first: usize, last: usize) -> Option<usize> {
    let index = significant[first];
    (first == last && matches!(tokens[index], Token::Literal(_) | Token::Placeholder(_))).then_some(index)
}

/// How `reference` is used: written, compared with plain values, or read.
fn context(
    tokens: &[Token],
    significant: &[usize],
    scope: &[TableReference],
    reference: &ColumnRef,
    convention: &Convention<'_>,
) -> Context {
    let at = |k: usize| significant.get(k).map(|&i| &tokens[i]);
    let (first, last) = (reference.first, reference.last);
    // SET col = <value> [, …] [WHERE …]
    let previous = first.checked_sub(1).and_then(at);
    if matches!(at(last + 1), Some(Token::Symbol('=')))
        && (is_word(previous, "set") || matches!(previous, Some(Token::Symbol(','))))
        && in_set_clause(tokens, significant, first)
    {
        let start = last + 2;
        let end = expression_end(tokens, significant, start);
        if end != start.wrapping_sub(1) {
            return Context::Written { first: start, last: end };
        }
    }
    // INSERT INTO t (…, col, …) VALUES (…, <value>, …)
    if let Some(span) = inserted_value(tokens, significant, scope, first) {
        return Context::Written { first: span.0, last: span.1 };
    }
    if let Convention::Values(_) = convention {
        let value = |k: usize| matches!(at(k), Some(Token::Literal(_) | Token::Placeholder(_)));
        let ends = |k: usize| match at(k) {
            None | Some(Token::Symbol(')' | ',' | ';')) => true,
            Some(Token::Word(w)) => {
                CLAUSE_WORDS.iter().chain(&["then", "else", "when", "end"]).any(|c| w.eq_ignore_ascii_case(c))
            }
            _ => false,
        };
        // col = v, col <> v, col != v
        let operator_len = match (at(last + 1), at(last + 2)) {
            (Some(Token::Symbol('=')), _) => Some(1),
            (Some(Token::Symbol('<')), Some(Token::Symbol('>')))
            | (Some(Token::Symbol('!')), Some(Token::Symbol('='))) => Some(2),
            _ => None,
        };
        if let Some(length) = operator_len {
            let k = last + 1 + length;
            if value(k) && ends(k + 1) {
                return Context::ComparedWith(vec![k]);
            }
        }
        // col [NOT] IN (v, v, …)
        let mut k = last + 1;
        if is_word(at(k), "not") {
            k += 1;
        }
        if is_word(at(k), "in") && matches!(at(k + 1), Some(Token::Symbol('('))) {
            let mut values = Vec::new();
            let mut j = k + 2;
            loop {
                if !value(j) {
                    break;
                }
                values.push(j);
                match at(j + 1) {
                    Some(Token::Symbol(',')) => j += 2,
                    Some(Token::Symbol(')')) => return Context::ComparedWith(values),
                    _ => break,
                }
            }
        }
    }
    Context::Read
}

/// Whether significant token `k` is in an UPDATE's SET list (before its WHERE).
fn in_set_clause(tokens: &[Token], significant: &[usize], k: usize) -> bool {
    let mut depth = 0i32;
    for j in (0..k).rev() {
        match &tokens[significant[j]] {
            Token::Symbol(')') => depth += 1,
            Token::Symbol('(') => depth -= 1,
            Token::Word(w) if depth == 0 && w.eq_ignore_ascii_case("set") => return true,
            Token::Word(w)
                if depth == 0
                    && ["where", "select", "from", "values"].iter().any(|c| w.eq_ignore_ascii_case(c)) =>
            {
                return false;
            }
            _ => {}
        }
    }
    false
}

/// The last significant token of the expression starting at `start`: up to a
/// comma, a closing parenthesis or a clause word at its own depth, or the end.
fn expression_end(tokens: &[Token], significant: &[usize], start: usize) -> usize {
    let mut depth = 0i32;
    let mut k = start;
    while k < significant.len() {
        match &tokens[significant[k]] {
            Token::Symbol('(') => depth += 1,
            Token::Symbol(')') if depth == 0 => break,
            Token::Symbol(')') => depth -= 1,
            Token::Symbol(',' | ';') if depth == 0 => break,
            Token::Word(w)
                if depth == 0 && ["where", "returning", "from"].iter().any(|c| w.eq_ignore_ascii_case(c)) =>
            {
                break;
            }
            _ => {}
        }
        k += 1;
    }
    // One before `start` when the expression is empty.
    k.wrapping_sub(1)
}

/// When significant token `k` is a column of `INSERT INTO t (…) VALUES (…)`:
/// the significant tokens of the value inserted into it.
fn inserted_value(
    tokens: &[Token],
    significant: &[usize],
    scope: &[TableReference],
    k: usize,
) -> Option<(usize, usize)> {
    let at = |j: usize| significant.get(j).map(|&i| &tokens[i]);
    // The column list's opening parenthesis, and the column's position in it.
    let mut open = k.checked_sub(1)?;
    let mut ordinal = 0;
    loop {
        match at(open)? {
            Token::Symbol('(') => break,
            Token::Symbol(',') => ordinal += 1,
            Token::Word(_) | Token::Quoted(_) => {}
            _ => return None,
        }
        open = open.checked_sub(1)?;
    }
    let table_at = open.checked_sub(1)?;
    if !is_word(table_at.checked_sub(1).and_then(at), "into")
        || !scope.iter().any(|r| r.index == significant[table_at])
    {
        return None;
    }
    let mut close = k;
    while !matches!(at(close)?, Token::Symbol(')')) {
        close += 1;
    }
    if !is_word(at(close + 1), "values") || !matches!(at(close + 2), Some(Token::Symbol('('))) {
        return None;
    }
    let mut start = close + 3;
    for _ in 0..ordinal {
        let end = expression_end(tokens, significant, start);
        if !matches!(at(end + 1), Some(Token::Symbol(','))) {
            return None;
        }
        start = end + 2;
    }
    let end = expression_end(tokens, significant, start);
    (end != start.wrapping_sub(1)).then_some((start, end))
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
    use crate::target::binding::{ColumnBinding, TableBinding};

    fn team() -> Binding {
        let mut binding = Binding::default();
        binding.tables.insert(
            "bookings".into(),
            TableBinding {
                table: Some("reservations".into()),
                columns: [("amount_cents", "total_minor"), ("status", "state")]
                    .into_iter()
                    .map(|(a, b)| (a.to_owned(), ColumnBinding::renamed(b)))
                    .collect(),
            },
        );
        binding.tables.insert(
            "staff".into(),
            TableBinding {
                table: Some("employees".into()),
                columns: [("email".into(), ColumnBinding::renamed("mail"))].into(),
            },
        );
        binding
    }

    fn sql(text: &str) -> String {
        bind(&team(), text, None, Dialect::Postgres).unwrap().sql
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
            Dialect::MySql,
        )
        .unwrap();
        assert_eq!(bound.sql.matches('?').count(), 4);
        assert_eq!(bound.order, [0, 1, 2, 0]);
    }

    #[test]
    fn a_column_outside_the_actions_uses_is_refused() {
        let uses: Uses = [("bookings".to_owned(), ["id".to_owned(), "status".to_owned()].into())].into();
        let ok = bind(&team(), "SELECT id, status FROM bookings", Some(&uses), Dialect::Postgres);
        assert!(ok.is_ok());
        let refused = bind(&team(), "SELECT id, amount_cents FROM bookings", Some(&uses), Dialect::Postgres);
        assert!(refused.unwrap_err().to_string().contains("bookings.amount_cents"));
    }

    #[test]
    fn the_identity_binding_changes_nothing() {
        let text = "SELECT s.email, r.name AS role FROM staff s JOIN roles r ON r.id = s.role_id WHERE s.status = 'active'";
        assert_eq!(bind(&Binding::default(), text, None, Dialect::Postgres).unwrap().sql, text);
    }

    fn conventions() -> Binding {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("binding.yaml");
        std::fs::write(
            &path,
            "time_zone: Europe/Berlin\n\
             tables:\n  bookings:\n    table: reservations\n    columns:\n\
             \x20     amount_cents: { column: total, money: major }\n\
             \x20     refunded_cents: { column: refunded, money: { unit: major, scale: 2 } }\n\
             \x20     status: { column: state, values: { confirmed: CONF, refunded: RFND } }\n\
             \x20     payment_status: { values: { paid: PAID, partially_refunded: PART } }\n\
             \x20     created_at: { time_zone: UTC }\n",
        )
        .unwrap();
        Binding::load(&path).unwrap()
    }

    fn converted(text: &str, dialect: Dialect) -> Bound {
        bind(&conventions(), text, None, dialect).unwrap()
    }

    #[test]
    fn money_in_major_units_is_read_and_written_as_minor_units() {
        let refund = "UPDATE bookings SET refunded_cents = refunded_cents + $1, payment_status = 'refunded', \
                      status = 'refunded', updated_at = $2 WHERE id = $3 AND payment_status IN ('paid', 'settled', \
                      'partially_refunded') AND refunded_cents + $1 = amount_cents";
        assert_eq!(
            converted(refund, Dialect::Postgres).sql,
            "UPDATE reservations SET refunded = (CAST(ROUND(refunded * 100) AS BIGINT) + $1) / 100.0, \
             payment_status = 'refunded', state = 'RFND', \
             updated_at = (CAST($2 AS TIMESTAMPTZ) AT TIME ZONE 'Europe/Berlin') WHERE id = $3 AND payment_status \
             IN ('PAID', 'settled', 'PART') AND CAST(ROUND(refunded * 100) AS BIGINT) + $1 = CAST(ROUND(total * 100) AS BIGINT)"
        );
        let mysql = converted(refund, Dialect::MySql);
        assert!(mysql.sql.contains("updated_at = CONVERT_TZ(?, '+00:00', 'Europe/Berlin')"), "{}", mysql.sql);
        assert_eq!(mysql.order, [0, 1, 2, 0]);
    }

    #[test]
    fn reads_come_back_under_logical_names_and_values() {
        assert_eq!(
            converted("SELECT id, status, amount_cents, created_at, updated_at FROM bookings WHERE status = 'confirmed'", Dialect::Postgres).sql,
            "SELECT id, CASE state WHEN 'CONF' THEN 'confirmed' WHEN 'RFND' THEN 'refunded' ELSE state END AS status, \
             CAST(ROUND(total * 100) AS BIGINT) AS amount_cents, created_at, \
             (updated_at AT TIME ZONE 'Europe/Berlin') AS updated_at FROM reservations WHERE state = 'CONF'"
        );
        assert_eq!(
            converted(
                "SELECT b.status, SUM(b.amount_cents) AS total FROM bookings b GROUP BY b.status",
                Dialect::Postgres
            )
            .sql,
            "SELECT CASE b.state WHEN 'CONF' THEN 'confirmed' WHEN 'RFND' THEN 'refunded' ELSE b.state END AS status, \
             SUM(CAST(ROUND(b.total * 100) AS BIGINT)) AS total FROM reservations b GROUP BY \
             CASE b.state WHEN 'CONF' THEN 'confirmed' WHEN 'RFND' THEN 'refunded' ELSE b.state END"
        );
        let star = converted("SELECT * FROM bookings WHERE id = $1", Dialect::Postgres).sql;
        assert!(star.contains("CAST(ROUND(total * 100) AS BIGINT) AS amount_cents"), "{star}");
        assert!(star.contains("(scheduled_at AT TIME ZONE 'Europe/Berlin') AS scheduled_at"), "{star}");
    }

    #[test]
    fn values_compared_with_parameters_are_renamed_where_they_are_bound() {
        let bound =
            converted("SELECT id FROM bookings WHERE status = $1 AND payment_status <> $2", Dialect::MySql);
        assert_eq!(
            bound.sql,
            "SELECT id FROM reservations WHERE state = CASE ? WHEN 'confirmed' THEN 'CONF' WHEN 'refunded' THEN 'RFND' ELSE ? END \
             AND payment_status <> CASE ? WHEN 'paid' THEN 'PAID' WHEN 'partially_refunded' THEN 'PART' ELSE ? END"
        );
        assert_eq!(bound.order, [0, 0, 1, 1]);
    }

    #[test]
    fn inserted_values_follow_the_teams_conventions() {
        assert_eq!(
            converted(
                "INSERT INTO bookings (user_id, status, amount_cents, created_at, updated_at) VALUES ($1, 'confirmed', $2, $3, $3)",
                Dialect::Postgres
            )
            .sql,
            "INSERT INTO reservations (user_id, state, total, created_at, updated_at) VALUES ($1, 'CONF', ($2) / 100.0, $3, \
             (CAST($3 AS TIMESTAMPTZ) AT TIME ZONE 'Europe/Berlin'))"
        );
    }

    #[test]
    fn a_renamed_value_written_from_an_expression_is_refused() {
        let error = bind(
            &conventions(),
            "UPDATE bookings SET status = LOWER($1) WHERE id = $2",
            None,
            Dialect::Postgres,
        )
        .unwrap_err();
        assert!(error.to_string().contains("bookings.status is written from an expression"), "{error}");
    }

    #[test]
    fn cancellations_and_sums_bind_under_every_convention() {
        for text in [
            "UPDATE bookings SET status = 'cancelled', cancel_reason = $1, cancelled_at = $2, updated_at = $2 WHERE id = $3 AND status IN ('pending', 'confirmed')",
            "SELECT currency, CAST(COALESCE(SUM(amount_cents - refunded_cents), 0) AS BIGINT) AS net_cents FROM bookings WHERE payment_status IN ('paid', 'partially_refunded') GROUP BY currency",
        ] {
            for dialect in [Dialect::Postgres, Dialect::MySql] {
                let bound = bind(&conventions(), text, None, dialect).unwrap().sql;
                if text.starts_with("UPDATE") {
                    assert!(
                        bound.contains("state = 'cancelled'"),
                        "unlisted values keep their spelling: {bound}"
                    );
                    assert!(bound.contains("state IN ('pending', 'CONF')"), "{bound}");
                    assert!(bound.contains("Europe/Berlin"), "{bound}");
                } else {
                    assert!(
                        bound.contains(
                            "SUM(CAST(ROUND(total * 100) AS BIGINT) - CAST(ROUND(refunded * 100) AS BIGINT))"
                        ),
                        "{bound}"
                    );
                    assert!(bound.contains("payment_status IN ('PAID', 'PART')"), "{bound}");
                }
            }
        }
    }

    #[test]
    fn a_hostile_spelling_in_a_binding_stays_a_literal() {
        let mut binding = conventions();
        let status = binding.tables.get_mut("bookings").unwrap().columns.get_mut("status").unwrap();
        status.values.insert("cancelled".into(), "X'); DROP TABLE reservations; --".into());
        let bound =
            bind(&binding, "UPDATE bookings SET status = 'cancelled' WHERE id = $1", None, Dialect::Postgres)
                .unwrap()
                .sql;
        assert_eq!(
            bound,
            "UPDATE reservations SET state = 'X''); DROP TABLE reservations; --' WHERE id = $1"
        );
    }
}
