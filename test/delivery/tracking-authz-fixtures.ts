import {
  DeliveryMilestone,
  DeliveryProject,
  MilestoneChange,
  ProgressReport,
  ReportFile,
} from '@gv/delivery';
import { FileStorage } from '@gv/proposals';
import { TestApp } from '@gv/testing';
import { png } from './tracking-fixtures';

export interface TrackingFixtures {
  /** An accepted progress report per organisation case (the projects of the given proposals). */
  report: Record<string, number>;
  /** A photo of each report (the own one marked for publishing: the public page shows it). */
  file: Record<string, number>;
  /** The public photo (the own project's). */
  photo: number;
  /** A milestone per case. */
  milestone: Record<string, number>;
  /** A pending change request of the own milestone. */
  change: number;
}

/**
 * Reports, photos, milestones and a change request for the authorisation matrix, on the delivery
 * projects of the given proposals (made by deliveryFixtures first). The reports are accepted, so the
 * organisation's writes that pass the gate meet a 409 and never remove a fixture.
 */
export async function trackingFixtures(
  t: TestApp,
  proposals: Record<string, number>,
): Promise<TrackingFixtures> {
  const storage = t.app.get(FileStorage);
  const out: TrackingFixtures = { report: {}, file: {}, photo: 0, milestone: {}, change: 0 };
  for (const [c, proposalId] of Object.entries(proposals)) {
    const p = await t.ds.getRepository(DeliveryProject).findOneByOrFail({ proposalId });
    const ms = await t.ds.getRepository(DeliveryMilestone).save({
      projectId: p.id,
      seq: 90,
      title: `权限矩阵 ${c}`,
      dueOn: p.endsOn,
      deliverable: '权限矩阵',
      evidence: '',
      status: 'open',
    });
    out.milestone[c] = ms.id;
    const r = await t.ds.getRepository(ProgressReport).save({
      projectId: p.id,
      milestoneId: null,
      beneficiaries: 3,
      serviceHours: 2,
      activities: 1,
      narrative: `权限矩阵 ${c}`,
      spending: {},
      status: 'accepted',
      comments: null,
      version: 1,
      submittedById: null,
      decidedById: null,
      decidedAt: new Date(),
    });
    out.report[c] = r.id;
    const key = `delivery/${p.id}/reports/authz-${c}-${Date.now()}.png`;
    await storage.put(key, png(8, 8));
    const f = await t.ds.getRepository(ReportFile).save({
      reportId: r.id,
      fileName: `${c}.png`,
      mimeType: 'image/png',
      sizeBytes: 100,
      storageKey: key,
      showsPeople: false,
      publicConsent: c === 'own',
    });
    out.file[c] = f.id;
    if (c === 'own') out.photo = f.id;
  }
  out.change = (
    await t.ds.getRepository(MilestoneChange).save({
      milestoneId: out.milestone['own'],
      dueOn: null,
      deliverable: '权限矩阵：新的成果',
      reason: '权限矩阵',
      status: 'pending',
      requestedById: null,
      decidedById: null,
    })
  ).id;
  return out;
}
