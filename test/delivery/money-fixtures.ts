import { User } from '@gv/accounts';
import { Call } from '@gv/calls';
import { Role } from '@gv/core';
import { DeliveryProject } from '@gv/delivery';
import { FundingAward } from '@gv/funding';
import { Proposal, ProposalStatus } from '@gv/proposals';
import { bearer, TestApp } from '@gv/testing';

export const ADMIN = 'admin@dongguan.example.cn';
/** A second street admin (the seed has one): the person who records payments. */
export const ADMIN2 = 'caiwu@dongguan.example.cn';
export const ORG = 'org@dongguan.example.cn';
export const JUDGE = 'judge@dongguan.example.cn';

/** A minimal PDF (its leading bytes are what the upload checks). */
export const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n% signed and stamped\n'),
  Buffer.alloc(256),
]);

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Adds the second street admin (same demo password) unless it exists. */
export async function addSecondStreetAdmin(t: TestApp): Promise<void> {
  const users = t.ds.getRepository(User);
  if (await users.existsBy({ email: ADMIN2 })) return;
  const admin = await users
    .createQueryBuilder('u')
    .addSelect('u.passwordHash')
    .where('u.email = :e', { e: ADMIN })
    .getOneOrFail();
  await users.insert({
    email: ADMIN2,
    name: '孙丽（街道财务）',
    role: Role.StreetAdmin,
    communityId: null,
    organisationId: null,
    passwordHash: admin.passwordHash,
    locale: 'zh-CN',
    active: true,
    lastLoginAt: null,
  });
}

export interface Tokens {
  admin: string;
  admin2: string;
  org: string;
  judge: string;
}

export async function tokens(t: TestApp): Promise<Tokens> {
  await addSecondStreetAdmin(t);
  return {
    admin: await bearer(t.http, ADMIN),
    admin2: await bearer(t.http, ADMIN2),
    org: await bearer(t.http, ORG),
    judge: await bearer(t.http, JUDGE),
  };
}

/**
 * Eligible demo proposals, largest first; `forOrg` hands the first to the org member's organisation
 * (the seed gives that organisation no eligible proposal).
 */
export async function eligibleProposals(t: TestApp, forOrg = true): Promise<Proposal[]> {
  const call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
  const proposals = await t.ds.getRepository(Proposal).find({
    where: { callId: call.id, status: ProposalStatus.Eligible },
    order: { totalFen: 'DESC', id: 'ASC' },
  });
  if (forOrg) {
    const member = await t.ds.getRepository(User).findOneByOrFail({ email: ORG });
    await t.ds
      .getRepository(Proposal)
      .update(proposals[0].id, { organisationId: member.organisationId! });
    proposals[0].organisationId = member.organisationId!;
  }
  return proposals;
}

/** An award outside a ranking version (the funding API), then delivery started for it. */
export async function awardAndStart(
  t: TestApp,
  admin: string,
  p: Proposal,
  amountFen = p.totalFen,
): Promise<{ award: FundingAward; project: DeliveryProject }> {
  await t.http
    .post(`/api/v1/calls/${p.callId}/funding/awards`)
    .set(auth(admin))
    .send({ proposalId: p.id, amountFen, reason: '测试立项' })
    .expect(201);
  const award = await t.ds.getRepository(FundingAward).findOneByOrFail({ proposalId: p.id });
  const res = await t.http
    .post('/api/v1/delivery/projects')
    .set(auth(admin))
    .send({ awardId: award.id })
    .expect(201);
  return { award, project: res.body as DeliveryProject };
}

/** Issue → bank account → signed copy → checked: the agreement as the first tranche needs it. */
export async function checkedAgreement(
  t: TestApp,
  tk: Tokens,
  projectId: number,
  schedule: Record<string, unknown> = { template: '50-30-20' },
): Promise<void> {
  await t.http
    .put(`/api/v1/delivery/projects/${projectId}/agreement`)
    .set(auth(tk.admin))
    .send(schedule)
    .expect(200);
  await signAndCheck(t, tk, projectId);
}

/** The organisation's bank account and signed copy, then the street office's check. */
export async function signAndCheck(t: TestApp, tk: Tokens, projectId: number): Promise<void> {
  await t.http
    .put(`/api/v1/delivery/projects/${projectId}/agreement/bank-account`)
    .set(auth(tk.org))
    .send({
      bankAccountName: '苇湾社区日间照料服务队',
      bankName: '潍坊银行奎文支行',
      bankAccountNo: '6222 0216 0001 2345 678',
    })
    .expect(200);
  await t.http
    .post(`/api/v1/delivery/projects/${projectId}/agreement/signed-copy`)
    .set(auth(tk.org))
    .attach('file', PDF, { filename: '资助协议（盖章）.pdf', contentType: 'application/pdf' })
    .expect(201);
  await t.http
    .post(`/api/v1/delivery/projects/${projectId}/agreement/check`)
    .set(auth(tk.admin))
    .expect(200);
}

/** A 100-point sheet with the given total split over the four areas (30/20/25/25). */
export function sheet(total: number): Record<string, number> {
  const max = { delivery: 30, resources: 20, finance: 25, results: 25 };
  const out: Record<string, number> = {};
  let left = total;
  for (const [k, m] of Object.entries(max)) {
    out[k] = Math.min(m, left);
    left -= out[k];
  }
  return out;
}
