import { EntityManager, In } from 'typeorm';
import { Need } from './entities/need.entity';

/**
 * Read helpers for other contexts (calls link the needs they answer, proposals name the need they
 * address). They take the caller's manager so they run inside the caller's transaction.
 */
export function findNeed(m: EntityManager, id: number): Promise<Need | null> {
  return m.getRepository(Need).findOne({ where: { id }, relations: { community: true } });
}

/** An open need, or null (a proposal may only address an open need). */
export function findOpenNeed(m: EntityManager, id: number): Promise<Need | null> {
  return m
    .getRepository(Need)
    .findOne({ where: { id, status: 'open' }, relations: { community: true } });
}

export function findNeedsByIds(m: EntityManager, ids: readonly number[]): Promise<Need[]> {
  if (!ids.length) return Promise.resolve([]);
  return m
    .getRepository(Need)
    .find({ where: { id: In([...ids]) }, relations: { community: true }, order: { id: 'ASC' } });
}

/** Open needs for a select box, optionally of some communities only. */
export function openNeedOptions(
  m: EntityManager,
  communityIds?: readonly number[],
): Promise<Array<Pick<Need, 'id' | 'title' | 'communityId'>>> {
  return m.getRepository(Need).find({
    select: { id: true, title: true, communityId: true },
    where: communityIds?.length
      ? { status: 'open', communityId: In([...communityIds]) }
      : { status: 'open' },
    order: { communityId: 'ASC', id: 'ASC' },
  });
}
