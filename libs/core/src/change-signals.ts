/**
 * What in-process caches must forget when the data behind them changes:
 * - `content`: anything a page shows (every committed write except bookkeeping tables, see the change feed);
 * - `sessions`: sign-ins and the users behind them (logout, password change or reset, deactivation, role change).
 */
export type ChangeKind = 'content' | 'sessions';

/**
 * The SQL comment that marks a session's sliding-expiry touch: the one write to a sign-in that revokes
 * nothing (any other UPDATE of auth_session ends cached sign-ins).
 */
export const SESSION_TOUCH = 'gv:session-touch';

export type ChangeListener = (kind: ChangeKind) => void;

/**
 * Per-process version counters, one per kind. A cache stores the version it read at the start of its work
 * and serves an entry only while the version is unchanged, so a write that commits while a page or a session
 * is being read can never be cached as current. The change feed (platform) bumps them on writes of this
 * process and relays them to and from the other processes (Redis pub/sub in production).
 */
export class ChangeSignals {
  private readonly versions: Record<ChangeKind, number> = { content: 0, sessions: 0 };
  private readonly listeners = new Set<ChangeListener>();

  version(kind: ChangeKind): number {
    return this.versions[kind];
  }

  /** A change of this process: bumps and tells the listeners (the relay to other processes). */
  bump(kind: ChangeKind): void {
    this.versions[kind]++;
    for (const l of this.listeners) l(kind);
  }

  /** A change another process reported: bumps without relaying it back. */
  bumpFromRemote(kind: ChangeKind): void {
    this.versions[kind]++;
  }

  /** Listens to local bumps; returns the function that stops listening. */
  onBump(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The process's one set of change signals. */
export const changeSignals = new ChangeSignals();
