import { deflateSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { Call } from '@gv/calls';
import { DeliveryMilestone, DeliveryProject } from '@gv/delivery';
import { FundingAward } from '@gv/funding';
import { Proposal, ProposalStatus } from '@gv/proposals';
import { removeDeliveryDemo, TestApp, undoFundingDecision } from '@gv/testing';
import { awardAndStart, eligibleProposals, Tokens, tokens } from './money-fixtures';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real PNG (`w`×`h`, horizontal stripes of the given colours): something a browser shows. */
export function png(w = 160, h = 100, colours: Array<[number, number, number]> = [[183, 28, 28]]) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const [r, g, b] = colours[Math.floor((y * colours.length) / h)];
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) row.set([r, g, b], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Fixed project period and milestones, so dates in the specs do not depend on today. */
export const PERIOD = { startsOn: '2026-03-01', endsOn: '2026-12-31' };

/** Replaces a project's milestones (and sets its period): `[title, dueOn]` pairs. */
export async function setMilestones(
  ds: DataSource,
  projectId: number,
  milestones: Array<[string, string]>,
  period = PERIOD,
): Promise<DeliveryMilestone[]> {
  await ds.getRepository(DeliveryProject).update(projectId, period);
  await ds.getRepository(DeliveryMilestone).delete({ projectId });
  await ds.getRepository(DeliveryMilestone).insert(
    milestones.map(([title, dueOn], i) => ({
      projectId,
      seq: i + 1,
      title,
      dueOn,
      deliverable: `${title}成果`,
      evidence: '',
      status: 'open' as const,
    })),
  );
  return ds.getRepository(DeliveryMilestone).find({ where: { projectId }, order: { seq: 'ASC' } });
}

/**
 * A delivery project of the demo call on `ds` (any driver): the first one, else one made directly for
 * an award of an eligible proposal (an award inserted if the demo made none).
 */
export async function anyProject(ds: DataSource): Promise<DeliveryProject> {
  // Not one of the demo's projects: their milestones and steps are their own.
  await removeDeliveryDemo(ds);
  const found = await ds.getRepository(DeliveryProject).find({ order: { id: 'ASC' }, take: 1 });
  if (found[0]) return found[0];
  const call = await ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
  let award = await ds
    .getRepository(FundingAward)
    .findOneBy({ callId: call.id, status: 'awarded' });
  if (!award) {
    const p = await ds
      .getRepository(Proposal)
      .findOneByOrFail({ callId: call.id, status: ProposalStatus.Eligible });
    await ds.getRepository(FundingAward).insert({
      callId: call.id,
      runId: null,
      proposalId: p.id,
      track: p.track,
      requestedFen: p.totalFen,
      amountFen: p.totalFen,
      status: 'awarded',
      reason: 'tracking spec',
    });
    award = await ds.getRepository(FundingAward).findOneByOrFail({ proposalId: p.id });
  }
  const p = await ds.getRepository(Proposal).findOneByOrFail({ id: award.proposalId });
  await ds.getRepository(DeliveryProject).insert({
    awardId: award.id,
    proposalId: p.id,
    callId: call.id,
    organisationId: p.organisationId,
    communityId: p.firstCommunityId,
    status: 'active',
    ...PERIOD,
    evaluatorUserId: null,
    statusReason: '',
  });
  return ds.getRepository(DeliveryProject).findOneByOrFail({ awardId: award.id });
}

/**
 * The demo street without its funding decision, then the org member's proposal awarded and started
 * (its project has the fixed period and the given milestones).
 */
export async function orgProject(
  t: TestApp,
  milestones: Array<[string, string]> = [
    ['入户走访', '2026-06-10'],
    ['中期汇报', '2026-09-30'],
  ],
): Promise<{ tk: Tokens; project: DeliveryProject; milestones: DeliveryMilestone[] }> {
  const call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
  await removeDeliveryDemo(t.ds);
  await undoFundingDecision(t.ds, call.id);
  const tk = await tokens(t);
  const [p] = await eligibleProposals(t);
  const { project } = await awardAndStart(t, tk.admin, p);
  const ms = await setMilestones(t.ds, project.id, milestones);
  const fresh = await t.ds.getRepository(DeliveryProject).findOneByOrFail({ id: project.id });
  return { tk, project: fresh, milestones: ms };
}
