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
});
