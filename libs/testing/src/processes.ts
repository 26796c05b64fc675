import { ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:net';
import { fromRoot } from '@gv/config';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => done(port));
      });
  });
}

/** A built app (`dist/…/main.js`) run as its own process, as `npm run start:api` / `start:worker` run it. */
export interface BuiltProcess {
  child: ChildProcess;
  /** The last lines it wrote (stdout and stderr), for a failure message. */
  output: string[];
}

/** Starts `entry` (a path under the repository, e.g. dist/apps/api/src/main.js) with `env` over this process's env. */
export function startBuilt(entry: string, env: Record<string, string>): BuiltProcess {
  const child = fork(fromRoot(entry), [], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  // Always drained: a full pipe would block the child's writes.
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 50));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Never outlive the test process (a failed hook, an interrupted run).
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.removeListener('exit', reap));
  return { child, output };
}

/** Resolves once GET `url` answers 2xx; throws if the process exits first or after `timeoutMs`. */
export async function waitUp(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`process exited with ${child.exitCode ?? child.signalCode}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * Sends `signal` (SIGTERM: a graceful stop) and resolves when the process has exited: true, or false when
 * it was still running after `killAfterMs` and had to be killed (SIGKILL).
 */
export function stopProcess(
  child?: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  killAfterMs?: number,
): Promise<boolean> {
  return new Promise((done) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return done(true);
    let graceful = true;
    const timer =
      killAfterMs === undefined
        ? undefined
        : setTimeout(() => {
            graceful = false;
            child.kill('SIGKILL');
          }, killAfterMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done(graceful);
    });
    child.kill(signal);
  });
}
