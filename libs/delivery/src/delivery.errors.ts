import { defineErrors } from '@gv/core';

/** The error codes of delivery and their HTTP statuses (text: `errors.<code>` in delivery.messages.ts). */
export const DeliveryError = defineErrors({
  tranche_over_award: 409,
  tranche_gate_not_passed: 409,
  tranche_same_person: 403,
  tranche_state: 409,
  agreement_not_checked: 409,
  agreement_state: 409,
  project_terminated: 409,
  project_state: 409,
  milestone_outside_period: 400,
  report_state: 409,
  evaluation_not_allowed: 403,
  demo_site_amount: 400,
  demo_site_over_budget: 409,
  demo_site_not_completed: 409,
  // Grant agreements, disbursements, evaluations, closure, demonstration sites (texts in
  // delivery-money.messages.ts).
  agreement_bank_missing: 409,
  agreement_schedule_invalid: 400,
  award_not_active: 409,
  evaluator_invalid: 400,
  evaluation_order: 409,
  clawback_amount: 400,
  clawback_state: 409,
  closure_not_ready: 409,
  demo_site_state: 409,
  signed_copy_type: 415,
  signed_copy_too_large: 413,
  // Milestones, progress reports, tracking (texts in delivery-tracking.messages.ts).
  milestone_state: 409,
  milestone_change_pending: 409,
  milestone_change_state: 409,
  report_version: 409,
  report_file_type: 415,
  report_file_too_large: 413,
  report_files_limit: 409,
});
