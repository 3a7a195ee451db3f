//! `draft.report`: an operations report over a window, one section per
//! metric the person may read.

use serde_json::json;

use crate::builtin::{Builtin, DraftInput, Drafted, Lookback};
use crate::error::{Error, Result};
use crate::guard::{Guard, Stage};

pub static ACTION: Builtin = Builtin::draft(
    "draft.report",
    include_str!("../../../templates/draft.report.j2"),
    context,
    Some(Lookback { hours: 720, label: "last 30 days" }),
);

const SECTIONS: &[(&str, &str)] = &[
    ("metrics.revenue", "Revenue"),
    ("metrics.bookings", "Bookings"),
    ("metrics.complaints", "Complaints"),
    ("metrics.sla", "SLA"),
];

fn context(input: DraftInput<'_>) -> futures_util::future::BoxFuture<'_, Result<Drafted>> {
    Box::pin(async move {
        let DraftInput { session, window, person, settings, now, .. } = input;
        let window = window.ok_or_else(|| Error::Internal("draft.report without a window".into()))?;
        let (from, to) = window.params();
        let metric_params = json!({"from": from, "to": to});
        let guard = Guard::new(session);
        let mut sources = Vec::new();
        let mut sections = Vec::new();
        for (metric, title) in SECTIONS {
            let spec = session.catalog().require(metric)?;
            // A section the guard would not answer on its own is left out, not shown.
            if !guard.permits(spec, Stage::Plan).is_allowed() {
                continue;
            }
            let built = crate::payload::build(session.store(), spec, &metric_params, person).await?;
            let finding = crate::answer::read_step(
                session.store(),
                spec,
                &metric_params,
                &built.payload,
                Some(window),
                settings,
                now,
            )
            .await?;
            sources.extend(finding.sources.clone());
            sections.push(json!({"title": title, "summary": finding.summary}));
        }
        let (short_from, short_to) = window.short(settings);
        let context = json!({
            "window": {"label": window.label, "from": short_from, "to": short_to, "time_zone": window.time_zone},
            "generated_at": settings.local(now).format("%Y-%m-%d %H:%M").to_string(),
            "sections": sections,
            "author": {"name": person.name, "email": person.email},
        });
        Ok(Drafted { context, sources })
    })
}
