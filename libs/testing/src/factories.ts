import { DataSource } from 'typeorm';

/** Shanghai wall-clock time `hours` from now as "YYYY-MM-DDTHH:mm", the form the pages and the API take. */
export function shanghaiIn(hours: number): string {
  return new Date(Date.now() + hours * 3600_000 + 8 * 3600_000).toISOString().slice(0, 16);
}

export const shanghaiInDays = (days: number): string => shanghaiIn(days * 24);

/**
 * A complete body for POST /api/v1/calls: the second Dongguan competition (116,000 yuan cap), open since
 * yesterday, submission deadline in 10 days. Override any field.
 */
export function callPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const d = shanghaiInDays;
  return {
    code: 'DG',
    title: '第二届社区公益创投大赛',
    year: 2027,
    tracks: ['venture', 'self_governance'],
    budgetCapFen: 11_600_000,
    minGrantFen: 100_000,
    maxGrantFen: 2_000_000,
    maxProposalsPerOrg: 2,
    rubric: '待定',
    checklist: ['在东关街道登记或备案', '项目回应社区需求'],
    opensAt: d(-1),
    submissionDeadline: d(10),
    screeningAt: d(11),
    roadshowAt: d(20),
    scoringAt: d(21),
    publicityAt: d(25),
    implementationAt: d(30),
    closesAt: d(200),
    ...overrides,
  };
}

/**
 * Undoes the demo's funding decision of a call (and what delivery built on it), so a spec starts from
 * reviewed-but-undecided: awards, versions, overrides, ledger, placements, publicity, settings.
 */
/**
 * Sets the demo's publication (公示) of a call aside, keeping its decision: for specs that decide again
 * (a published decision cannot be re-approved until an objection reopens it).
 */
export async function withdrawPublication(ds: DataSource, callId: number): Promise<void> {
  for (const table of ['objection', 'publicity'])
    await ds.query(`DELETE FROM ${table} WHERE callId = ?`, [callId]);
}

export async function undoFundingDecision(ds: DataSource, callId: number): Promise<void> {
  const awards = await ds.query('SELECT id FROM funding_award WHERE callId = ?', [callId]);
  const ids = (awards as { id: number }[]).map((a) => Number(a.id));
  if (ids.length) {
    const projects = (await ds.query(
      `SELECT id FROM delivery_project WHERE awardId IN (${ids.map(() => '?').join(',')})`,
      ids,
    )) as { id: number }[];
    for (const p of projects) await ds.query('DELETE FROM delivery_project WHERE id = ?', [p.id]);
  }
  for (const table of [
    'objection',
    'publicity',
    'funding_placement',
    'funding_award',
    'funding_run',
    'funding_override',
    'funding_ledger',
    'funding_settings',
    'community_capacity',
  ])
    await ds.query(`DELETE FROM ${table} WHERE callId = ?`, [callId]);
}

/** An empty outbox and inboxes: for specs that count every notification (the demo leaves a history). */
export async function clearNotifications(ds: DataSource): Promise<void> {
  await ds.query('DELETE FROM notification');
}

/**
 * Waits until none of these notifications is still being sent. A mail reaches the SMTP sink a moment
 * before its worker records it as sent; a spec that re-runs a send job must wait for that record, since
 * a run during it rightly answers "being sent by another worker".
 */
export async function untilNotificationsSettled(ds: DataSource, ids: number[]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const rows: { status: string }[] = await ds
      .createQueryBuilder()
      .select('n.status', 'status')
      .from('notification', 'n')
      .where('n.id IN (:...ids)', { ids })
      .getRawMany();
    if (rows.every((r) => r.status !== 'sending' && r.status !== 'pending')) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`notifications ${ids.join(', ')} were still being sent after 10 s`);
}

/**
 * The demo's delivery taken away (its projects, their rows by cascade, the demonstration-site budgets and
 * the delivery notifications and audit entries), for specs that build their own projects and count what they cause.
 * The awards stay; the project organisations' member accounts stay.
 */
export async function removeDeliveryDemo(ds: DataSource): Promise<void> {
  await ds.query('DELETE FROM delivery_project');
  await ds.query('DELETE FROM demo_site_budget');
  await ds.query("DELETE FROM notification WHERE event LIKE 'delivery.%'");
  await ds.query("DELETE FROM audit_log WHERE action LIKE 'delivery.%'");
}
