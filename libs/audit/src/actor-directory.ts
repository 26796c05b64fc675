/**
 * Port: who the actors of audit rows are (name and e-mail by user id). Audit sits below accounts and
 * cannot read users; accounts provides it (`ActorDirectoryModule`).
 */
export abstract class ActorDirectory {
  abstract names(ids: number[]): Promise<Map<number, { name: string; email: string }>>;
}
