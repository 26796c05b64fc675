import { Actor, Role } from '@gv/core';
import {
  AgreementsService,
  Clawback,
  GrantAgreement,
  ProjectsService,
  Tranche,
} from '@gv/delivery';
import { FundingAward } from '@gv/funding';
import { FileStorage, Proposal } from '@gv/proposals';
import { TestApp } from '@gv/testing';
import { PDF } from './money-fixtures';

export interface DeliveryFixtures {
  /** A project per organisation case (the proposals' organisations), by case. */
  project: Record<string, number>;
  /** The first tranche of each project, by case. */
  tranche: Record<string, number>;
  /** A clawback recorded against the member's own project. */
  clawback: number;
}

/**
 * Delivery records for the authorisation matrix: an award and a project for each given proposal (by
 * ownership case), each with an issued agreement and an uploaded signed copy, and one clawback.
 */
export async function deliveryFixtures(
  t: TestApp,
  adminId: number,
  proposals: Record<string, number>,
): Promise<DeliveryFixtures> {
  const admin: Actor = {
    userId: adminId,
    roles: [Role.StreetAdmin],
    communityId: null,
    organisationId: null,
  };
  const projects = t.app.get(ProjectsService);
  const agreements = t.app.get(AgreementsService);
  const storage = t.app.get(FileStorage);
  const out: DeliveryFixtures = { project: {}, tranche: {}, clawback: 0 };
  for (const [c, proposalId] of Object.entries(proposals)) {
    const p = await t.ds.getRepository(Proposal).findOneByOrFail({ id: proposalId });
    // The demo's funding decision may have awarded it already.
    const awards = t.ds.getRepository(FundingAward);
    if (!(await awards.existsBy({ proposalId: p.id })))
      await awards.insert({
        callId: p.callId,
        runId: null,
        proposalId: p.id,
        track: p.track,
        requestedFen: p.totalFen,
        amountFen: p.totalFen,
        status: 'awarded',
        reason: 'authz',
      });
    await awards.update({ proposalId: p.id }, { status: 'awarded' });
    const award = await awards.findOneByOrFail({ proposalId: p.id });
    const project = await projects.start(admin, award.id);
    if (!(await t.ds.getRepository(GrantAgreement).existsBy({ projectId: project.id })))
      await agreements.issue(admin, project.id, { template: '50-30-20' });
    const key = `delivery/${project.id}/authz-${c}.pdf`;
    await storage.put(key, PDF);
    await t.ds
      .getRepository(GrantAgreement)
      .update(
        { projectId: project.id },
        { status: 'signed_uploaded', signedStorageKey: key, signedFileName: `${c}.pdf` },
      );
    out.project[c] = project.id;
    out.tranche[c] = (
      await t.ds.getRepository(Tranche).findOneByOrFail({ projectId: project.id, seq: 1 })
    ).id;
  }
  const own = out.project['own'];
  out.clawback = (
    await t.ds.getRepository(Clawback).save({
      projectId: own,
      amountFen: 100,
      reason: 'authz',
      status: 'recorded',
    })
  ).id;
  return out;
}
