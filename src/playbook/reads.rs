//! What a playbook template reads, found in its syntax tree. A lookup by a
//! literal subscript (`env['X']`, `vars["n"]`) is the same read as the dotted
//! one (`env.X`), so the allow-lists `playbook validate` enforces cannot be
//! stepped around by spelling a read differently.

use minijinja::machinery::{self, ast};

/// One variable path a template reads (`steps.a.rows`, `env.TEAM`, `item`),
/// and the byte offset in the template's source where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub path: String,
    pub offset: usize,
}

impl Read {
    /// The variable the path starts at.
    pub fn root(&self) -> &str {
        self.path.split('.').next().unwrap_or_default()
    }
}

/// Every read in a template, in source order. Names the template binds itself
/// (`{% for x in … %}`, `{% set … %}`) are reported too: the caller keeps only
/// the roots minijinja found undeclared.
pub fn in_template(source: &str) -> Result<Vec<Read>, minijinja::Error> {
    let tree = machinery::parse(source, "<playbook>", minijinja::syntax::SyntaxConfig::default())?;
    let mut reads = Vec::new();
    statement(&tree, &mut reads);
    reads.sort_by_key(|read| read.offset);
    Ok(reads)
}

/// Every read in a standalone expression, in source order.
pub fn in_expression(source: &str) -> Result<Vec<Read>, minijinja::Error> {
    let tree = machinery::parse_expr(source)?;
    let mut reads = Vec::new();
    expression(&tree, &mut reads);
    reads.sort_by_key(|read| read.offset);
    Ok(reads)
}

fn statements(body: &[ast::Stmt<'_>], reads: &mut Vec<Read>) {
    body.iter().for_each(|s| statement(s, reads));
}

// Exhaustive on purpose: a statement kind added by a minijinja feature must
// be walked here before it can be used, or the build fails.
fn statement(stmt: &ast::Stmt<'_>, reads: &mut Vec<Read>) {
    match stmt {
        ast::Stmt::Template(t) => statements(&t.children, reads),
        ast::Stmt::EmitExpr(e) => expression(&e.expr, reads),
        ast::Stmt::EmitRaw(_) => {}
        ast::Stmt::ForLoop(l) => {
            expression(&l.iter, reads);
            target(&l.target, reads);
            optional(&l.filter_expr, reads);
            statements(&l.body, reads);
            statements(&l.else_body, reads);
        }
        ast::Stmt::IfCond(c) => {
            expression(&c.expr, reads);
            statements(&c.true_body, reads);
            statements(&c.false_body, reads);
        }
        ast::Stmt::WithBlock(w) => {
            for (name, value) in &w.assignments {
                target(name, reads);
                expression(value, reads);
            }
            statements(&w.body, reads);
        }
        ast::Stmt::Set(s) => {
            target(&s.target, reads);
            expression(&s.expr, reads);
        }
        ast::Stmt::SetBlock(s) => {
            target(&s.target, reads);
            optional(&s.filter, reads);
            statements(&s.body, reads);
        }
        ast::Stmt::AutoEscape(a) => {
            expression(&a.enabled, reads);
            statements(&a.body, reads);
        }
        ast::Stmt::FilterBlock(f) => {
            expression(&f.filter, reads);
            statements(&f.body, reads);
        }
        ast::Stmt::Do(d) => call(&d.call, reads),
    }
}

/// An assignment target: plain names are bindings, not reads; anything else
/// (`ns.count` in `{% set ns.count = … %}`) reads its base.
fn target(expr: &ast::Expr<'_>, reads: &mut Vec<Read>) {
    match expr {
        ast::Expr::Var(_) => {}
        ast::Expr::List(l) => l.items.iter().for_each(|e| target(e, reads)),
        ast::Expr::Tuple(t) => t.items.iter().for_each(|e| target(e, reads)),
        other => expression(other, reads),
    }
}

fn optional(expr: &Option<ast::Expr<'_>>, reads: &mut Vec<Read>) {
    if let Some(expr) = expr {
        expression(expr, reads);
    }
}

fn call(c: &ast::Call<'_>, reads: &mut Vec<Read>) {
    expression(&c.expr, reads);
    c.args.iter().for_each(|a| argument(a, reads));
}

fn argument(arg: &ast::CallArg<'_>, reads: &mut Vec<Read>) {
    match arg {
        ast::CallArg::Pos(e)
        | ast::CallArg::Kwarg(_, e)
        | ast::CallArg::PosSplat(e)
        | ast::CallArg::KwargSplat(e) => expression(e, reads),
    }
}

/// The dotted path of a chain of attribute and literal-string subscript
/// lookups that ends at a variable, with the variable's offset (where the
/// chain is written: a lookup's own span starts at its last part), or `None`
/// when the chain is anything else.
fn path(expr: &ast::Expr<'_>) -> Option<Read> {
    let extend = |base: Read, name: &str| Read { path: format!("{}.{name}", base.path), offset: base.offset };
    match expr {
        ast::Expr::Var(v) => Some(Read { path: v.id.to_owned(), offset: offset(v.span()) }),
        ast::Expr::GetAttr(g) => Some(extend(path(&g.expr)?, g.name)),
        ast::Expr::GetItem(g) => match &g.subscript_expr {
            ast::Expr::Const(c) => Some(extend(path(&g.expr)?, c.value.as_str()?)),
            _ => None,
        },
        _ => None,
    }
}

fn offset(span: machinery::Span) -> usize {
    span.start_offset as usize
}

fn expression(expr: &ast::Expr<'_>, reads: &mut Vec<Read>) {
    match expr {
        ast::Expr::Var(v) => reads.push(Read { path: v.id.to_owned(), offset: offset(v.span()) }),
        ast::Expr::GetAttr(g) => match path(expr) {
            Some(read) => reads.push(read),
            None => expression(&g.expr, reads),
        },
        ast::Expr::GetItem(g) => match path(expr) {
            Some(read) => reads.push(read),
            // A computed subscript (`env[name]`, `rows[0]`) reads its base whole.
            None => {
                expression(&g.expr, reads);
                expression(&g.subscript_expr, reads);
            }
        },
        ast::Expr::Const(_) => {}
        ast::Expr::Slice(s) => {
            expression(&s.expr, reads);
            optional(&s.start, reads);
            optional(&s.stop, reads);
            optional(&s.step, reads);
        }
        ast::Expr::UnaryOp(u) => expression(&u.expr, reads),
        ast::Expr::BinOp(b) => {
            expression(&b.left, reads);
            expression(&b.right, reads);
        }
        ast::Expr::Compare(c) => {
            expression(&c.expr, reads);
            c.ops.iter().for_each(|op| expression(&op.expr, reads));
        }
        ast::Expr::IfExpr(i) => {
            expression(&i.test_expr, reads);
            expression(&i.true_expr, reads);
            optional(&i.false_expr, reads);
        }
        ast::Expr::Filter(f) => {
            optional(&f.expr, reads);
            f.args.iter().for_each(|a| argument(a, reads));
        }
        ast::Expr::Test(t) => {
            expression(&t.expr, reads);
            t.args.iter().for_each(|a| argument(a, reads));
        }
        ast::Expr::Call(c) => call(c, reads),
        ast::Expr::List(l) => l.items.iter().for_each(|e| expression(e, reads)),
        ast::Expr::Tuple(t) => t.items.iter().for_each(|e| expression(e, reads)),
        ast::Expr::Map(m) => {
            m.keys.iter().for_each(|e| expression(e, reads));
            m.values.iter().for_each(|e| expression(e, reads));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(reads: Vec<Read>) -> Vec<String> {
        reads.into_iter().map(|r| r.path).collect()
    }

    #[test]
    fn subscripts_by_a_literal_name_read_the_same_path_as_dots() {
        let found = paths(in_template("{{ env['HOME'] }} {{ env[\"USER\"] }} {{ env.TEAM }}").unwrap());
        assert_eq!(found, ["env.HOME", "env.USER", "env.TEAM"]);
        assert_eq!(
            paths(in_expression("steps['a'].rows[0].id > vars.n").unwrap()),
            ["steps.a.rows", "vars.n"]
        );
    }

    #[test]
    fn computed_subscripts_and_whole_values_read_the_base() {
        assert_eq!(paths(in_expression("env[name]").unwrap()), ["env", "name"]);
        assert_eq!(paths(in_template("{{ env | attr('HOME') }}").unwrap()), ["env"]);
        assert_eq!(
            paths(in_template("{% for k, v in env | items %}{{ v }}{% endfor %}").unwrap()),
            ["env", "v"]
        );
    }

    #[test]
    fn reads_are_found_in_branches_that_would_not_run() {
        let found = paths(in_template("{% if false %}{{ env['SECRET'] }}{% endif %}").unwrap());
        assert_eq!(found, ["env.SECRET"]);
    }

    #[test]
    fn offsets_point_at_where_the_read_is_written() {
        let source = "list {{ env['HOME'] }} {{ steps.b.count }}";
        let reads = in_template(source).unwrap();
        assert_eq!(&source[reads[0].offset..], "env['HOME'] }} {{ steps.b.count }}");
        assert_eq!(&source[reads[1].offset..], "steps.b.count }}");
    }
}
