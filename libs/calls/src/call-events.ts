import { DomainEvent } from '@gv/database';

/**
 * The street office is about to change a call's money limits (in the same transaction, the call row
 * locked). A context above that holds amounts under the call — proposals' submitted requests, later the
 * funding decision's grants — throws `CallsError.error('call_limits_conflict', …)` listing what the new
 * limits would break, and the edit changes nothing.
 */
export interface CallLimitsChangingEvent extends DomainEvent {
  readonly type: 'call.limits_changing';
  readonly callId: number;
  readonly budgetCapFen: number;
  readonly minGrantFen: number;
  readonly maxGrantFen: number;
}

export const CallEvents = {
  LimitsChanging: 'call.limits_changing',
} as const;
