import { EntityManager } from 'typeorm';

/**
 * What accounts needs to know of organisations, which sit above it (organisations imports accounts,
 * never the reverse): whether an organisation exists. The organisations context provides it.
 */
export abstract class OrganisationDirectory {
  abstract exists(m: EntityManager, organisationId: number): Promise<boolean>;
}
