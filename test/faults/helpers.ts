import { Queue } from 'bullmq';
import { QueueName } from '@gv/queue';
import { BuiltProcess, startBuilt, stopProcess, waitUp } from '@gv/testing';
import { until } from '../notifications/helpers';

export const API_ENTRY = 'dist/apps/api/src/main.js';
export const WORKER_ENTRY = 'dist/apps/worker/src/main.js';

/** One HTTP exchange with an api process: status 0 means no answer (refused, reset or timed out). */
export interface Exchange {
  status: number;
  body: unknown;
  ms: number;
  error?: string;
}

/** JSON request to `base` + `path` with a bearer token; never throws (a failure is status 0). */
export async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Exchange> {
  const started = Date.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: kept as text */
    }
    return { status: res.status, body, ms: Date.now() - started };
  } catch (err) {
    return { status: 0, body: undefined, ms: Date.now() - started, error: (err as Error).message };
  }
}

/** The platform's one error body (AllExceptionsFilter): what a client may rely on even during an outage. */
export function isErrorBody(body: unknown, status: number): boolean {
  const b = body as Record<string, unknown> | undefined;
  return (
    !!b &&
    b['statusCode'] === status &&
    typeof b['code'] === 'string' &&
    typeof b['message'] === 'string' &&
    typeof b['correlationId'] === 'string'
  );
}

/**
 * Polls GET /health/ready until it answers `status` (each poll may take up to 5 s: the database check
 * times out after 3 s). Returns the ms it took.
 */
export async function readyBecomes(
  base: string,
  status: number,
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  let last: Exchange | undefined;
  try {
    await until(
      async () => {
        last = await call(base, 'GET', '/health/ready', { timeoutMs: 5000 });
        return last.status === status;
      },
      timeoutMs,
      `${base}/health/ready to answer ${status}`,
    );
  } catch (err) {
    throw new Error(
      `${(err as Error).message}; last answer ${last?.status} ${last?.error ?? JSON.stringify(last?.body)}`,
      { cause: err },
    );
  }
  return Date.now() - started;
}

/** Two api and two worker processes from dist, sharing one database and one Redis. */
export class Cluster {
  readonly apis: Array<{ name: string; url: string; proc: BuiltProcess }> = [];
  readonly workers: Array<BuiltProcess | undefined> = [];
  /** Processes that exited without being told to (a crash on a lost dependency would show here). */
  readonly unexpectedExits: string[] = [];
  private readonly stopping = new Set<BuiltProcess>();

  constructor(
    private readonly env: Record<string, string>,
    private readonly apiPorts: number[],
  ) {}

  private watch(name: string, proc: BuiltProcess): BuiltProcess {
    proc.child.once('exit', (code, signal) => {
      if (this.stopping.has(proc)) return;
      this.unexpectedExits.push(
        `${name} exited (${code ?? signal}): ${proc.output.slice(-15).join('\n')}`,
      );
    });
    return proc;
  }

  async start(): Promise<void> {
    this.apiPorts.forEach((port, i) => {
      const name = `api-${'AB'[i]}`;
      const proc = this.watch(
        name,
        startBuilt(API_ENTRY, { ...this.env, PORT: String(port), HOST: '127.0.0.1' }),
      );
      this.apis.push({ name, url: `http://127.0.0.1:${port}`, proc });
    });
    for (let i = 0; i < 2; i++) this.startWorker(i);
    await Promise.all(this.apis.map((a) => waitUp(`${a.url}/health/ready`, a.proc.child, 90_000)));
  }

  /**
   * Resolves once every running worker consumes again (BullMQ's worker count of the last queue a worker
   * opens): a worker restarted before the next fault must have finished booting.
   */
  async workersUp(timeoutMs = 60_000): Promise<void> {
    const queue = new Queue(QueueName.Sweeps, {
      connection: { url: this.env['REDIS_URL'] },
      prefix: this.env['QUEUE_PREFIX'],
    });
    try {
      const want = this.workers.filter((w) => !!w).length;
      await until(
        async () => (await queue.getWorkersCount()) >= want,
        timeoutMs,
        `${want} workers consuming`,
      );
    } finally {
      await queue.close();
    }
  }

  startWorker(i: number): BuiltProcess {
    const proc = this.watch(`worker-${i + 1}`, startBuilt(WORKER_ENTRY, this.env));
    this.workers[i] = proc;
    return proc;
  }

  /**
   * Stops a worker on purpose: SIGKILL (a crash mid-batch) or SIGTERM. False when it did not exit within
   * 10 s (then it is killed).
   */
  async stopWorker(i: number, signal: NodeJS.Signals): Promise<boolean> {
    const proc = this.workers[i];
    if (!proc) return true;
    this.stopping.add(proc);
    const graceful = await stopProcess(proc.child, signal, 10_000);
    this.workers[i] = undefined;
    return graceful;
  }

  /** SIGSTOP / SIGCONT every worker (they hold no job while idle: queued jobs wait in Redis). */
  pauseWorkers(paused: boolean): void {
    for (const w of this.workers) w?.child.kill(paused ? 'SIGSTOP' : 'SIGCONT');
  }

  /** SIGTERM to all; returns the names of those still running 10 s later (then killed). */
  async stop(): Promise<string[]> {
    const all = [
      ...this.apis.map((a) => ({ name: a.name, proc: a.proc })),
      ...this.workers.flatMap((w, i) => (w ? [{ name: `worker-${i + 1}`, proc: w }] : [])),
    ];
    all.forEach((p) => this.stopping.add(p.proc));
    this.pauseWorkers(false);
    const graceful = await Promise.all(
      all.map((p) => stopProcess(p.proc.child, 'SIGTERM', 10_000)),
    );
    return all.filter((_, i) => !graceful[i]).map((p) => p.name);
  }
}

/** Figures printed at the end of the suite. */
export class Figures {
  readonly faults: string[] = [];
  readonly requests: Array<{ fault: string; what: string; status: number; ms: number }> = [];
  readonly mail: Array<{
    fault: string;
    expected: number;
    delivered: number;
    duplicated: number;
    inFlight: number;
  }> = [];
  readonly notes: string[] = [];

  request(fault: string, what: string, ex: Exchange): Exchange {
    this.requests.push({ fault, what, status: ex.status, ms: ex.ms });
    return ex;
  }

  print(): string {
    const lines = [
      `faults survived: ${this.faults.length} (${this.faults.join('; ')})`,
      'requests during outages:',
      ...this.requests.map(
        (r) => `  [${r.fault}] ${r.what.padEnd(38)} → ${String(r.status).padEnd(3)} in ${r.ms} ms`,
      ),
      'mail: expected / delivered / duplicated (duplicates only in the SMTP in-flight window)',
      ...this.mail.map(
        (m) =>
          `  [${m.fault}] ${m.expected} / ${m.delivered} / ${m.duplicated}` +
          (m.inFlight ? ` (${m.inFlight} rows in flight at the fault)` : ''),
      ),
      ...this.notes,
    ];
    return lines.join('\n');
  }
}
