import { DataSource } from 'typeorm';
import { AppConfig } from '@gv/config';
import { hashPassword } from '@gv/accounts';
import { Notification } from '@gv/notifications';
import { District } from '@gv/places';
import { CONTEXTS } from './contexts';

export { DEMO_ACCOUNTS, type DemoAccount } from '@gv/accounts';

/**
 * Seeds the demo street on an empty database (first start only): every context's seed step in the
 * order of CONTEXTS, in one transaction, so never half-seeded. Demo dates are relative to now.
 */
export async function seedDemoIfEmpty(ds: DataSource, config: AppConfig): Promise<boolean> {
  if ((await ds.getRepository(District).count()) > 0) return false;
  const env = {
    now: new Date(),
    passwordHash: await hashPassword(config.DEMO_PASSWORD),
    config,
  };
  await ds.transaction(async (m) => {
    for (const c of CONTEXTS) await c.seed?.(m, env);
    // The demo's notifications (letters of the published decision, delivery notices) are its history:
    // in the inboxes, never mailed to the demo's made-up addresses.
    await m
      .createQueryBuilder()
      .update(Notification)
      .set({ status: 'sent', sentAt: env.now })
      .where('status = :s', { s: 'pending' })
      .execute();
  });
  return true;
}
