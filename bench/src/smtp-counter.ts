import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Arrival {
  messageId: string;
  at: number;
}

/**
 * A lighter SMTP sink than @gv/testing's SmtpSink for the benchmarks: a real SMTP conversation, but it keeps
 * only the Message-ID and the arrival time (Date.now()) of each message, so counting 5,000 mails costs little.
 */
export class SmtpCounter {
  arrivals: Arrival[] = [];
  private server?: SMTPServer;
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      maxClients: 1000,
      onData: (stream, _session, callback) => {
        let head = '';
        stream.on('data', (c: Buffer) => {
          if (head.length < 16_384) head += c.toString('utf8');
        });
        stream.on('end', () => {
          const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '';
          this.arrivals.push({ messageId, at: Date.now() });
          this.waiters = this.waiters.filter((w) => {
            if (this.arrivals.length < w.count) return true;
            w.resolve();
            return false;
          });
          callback();
        });
      },
    });
    // Clients resetting their sockets must not crash the bench.
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (
      this.server as unknown as { server: { address(): AddressInfo } }
    ).server.address().port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  /** Empties the record (between the two runs). */
  reset(): void {
    this.arrivals = [];
  }

  /** Resolves true once `count` messages arrived, false after timeoutMs. */
  waitFor(count: number, timeoutMs: number): Promise<boolean> {
    if (this.arrivals.length >= count) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
