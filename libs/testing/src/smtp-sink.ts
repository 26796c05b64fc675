import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';

export interface SunkMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server for tests: a full SMTP conversation, messages collected in memory.
 * `failWith` makes it reject messages (e.g. 550 permanent, 451 transient).
 */
export class SmtpSink {
  readonly messages: SunkMail[] = [];
  /** Connection-level errors seen (e.g. ECONNRESET from a killed client). */
  readonly connectionErrors: string[] = [];
  failWith?: { code: number; message: string; times?: number };
  private server?: SMTPServer;
  private waiters: Array<() => void> = [];
  port = 0;

  async start(port = 0): Promise<this> {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.failWith && (this.failWith.times === undefined || this.failWith.times > 0)) {
            if (this.failWith.times !== undefined) this.failWith.times--;
            const err = Object.assign(new Error(this.failWith.message), {
              responseCode: this.failWith.code,
            });
            return callback(err);
          }
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          this.waiters.splice(0).forEach((w) => w());
          callback();
        });
      },
    };
    this.server = new SMTPServer(options);
    // Clients that vanish mid-conversation (a worker killed with SIGKILL) reset their sockets: a real
    // server logs that and carries on; without a listener Node would crash the test process instead.
    this.server.on('error', (err: NodeJS.ErrnoException) => {
      this.connectionErrors.push(err.code ?? err.message);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    this.port = (
      this.server as unknown as { server: { address(): AddressInfo } }
    ).server.address().port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  /** Resolves once at least `count` messages arrived (or rejects after timeoutMs). */
  async waitFor(count: number, timeoutMs = 15_000): Promise<SunkMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} mails, got ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.messages;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

export { simpleParser as parseMail } from 'mailparser';
