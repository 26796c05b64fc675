import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { isUniqueViolation } from '@gv/database';
import { JobHandler, JobName } from '@gv/queue';
import { ReminderSent } from '../entities/reminder-sent.entity';
import { notify } from '../notify';
import { SWEEP_BATCH } from '../outbox.constants';
import { ReminderRegistry } from './reminder.registry';

const isDuplicate = (err: unknown) => err instanceof QueryFailedError && isUniqueViolation(err);

/**
 * The scheduled reminder sweep: asks every provider what is due, and for each reminder whose key is not yet
 * in reminder_sent writes the key and the outbox rows in one transaction. The unique key makes concurrent
 * sweeps (several workers) and repeated runs send each reminder once.
 */
@Injectable()
export class ReminderSweep {
  private readonly logger = new Logger('ReminderSweep');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly registry: ReminderRegistry,
  ) {}

  @JobHandler(JobName.SweepReminders)
  async sweep(
    _payload: Record<string, never> = {},
    _meta?: unknown,
    now = new Date(),
  ): Promise<number> {
    let sent = 0;
    for (const provider of this.registry.all()) {
      const due = (await provider.findDue(this.ds.manager, now)).slice(0, SWEEP_BATCH);
      for (const r of due) {
        const key = r.key.slice(0, 191);
        if (await this.ds.getRepository(ReminderSent).existsBy({ reminderKey: key })) continue;
        try {
          await this.ds.transaction(async (m) => {
            await m.insert(ReminderSent, { reminderKey: key, provider: provider.name });
            await notify(m, r.event, r.recipients, r.ids, { dedupeKey: `reminder:${key}` });
          });
          sent++;
        } catch (err) {
          if (!isDuplicate(err)) throw err; // another sweep sent it in the meantime
        }
      }
    }
    if (sent) this.logger.log({ sent }, 'reminders sent');
    return sent;
  }
}
