//! Applying PII masking to what a command is about to print.

use crate::identity::StaffMember;
use crate::pii::{mask_json, mask_text, must_mask};
use crate::plan::{Plan, Step};

pub fn mask_step(step: &mut Step) {
    mask_json(&mut step.params);
    mask_json(&mut step.payload);
    step.rationale = mask_text(&step.rationale);
}

/// The plan as `viewer` may see it.
pub fn masked_plan(mut plan: Plan, viewer: &StaffMember) -> Plan {
    if must_mask(Some(viewer)) {
        plan.prompt = mask_text(&plan.prompt);
        plan.steps.iter_mut().for_each(mask_step);
    }
    plan
}

pub fn masked_step(mut step: Step, viewer: &StaffMember) -> Step {
    if must_mask(Some(viewer)) {
        mask_step(&mut step);
    }
    step
}
