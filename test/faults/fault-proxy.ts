import { createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy in front of a real service (MariaDB, an SMTP sink) that a test can cut: `cut()` resets every
 * open connection and stops listening, so new connections are refused (ECONNREFUSED) as if the service were
 * gone; `resume()` listens again on the same port. Only the processes pointed at the proxy see the fault.
 */
export class FaultProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private readonly clients = new WeakSet<Socket>();
  port = 0;
  /** Connections accepted, and connections reset by cuts (for the printed figures). */
  accepted = 0;
  reset = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = '127.0.0.1',
  ) {}

  get up(): boolean {
    return !!this.server;
  }

  async start(port = this.port): Promise<this> {
    const server = createServer((client) => this.pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    return this;
  }

  private pipe(client: Socket): void {
    this.accepted++;
    this.clients.add(client);
    const upstream = new Socket();
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.setNoDelay(true);
      s.on('error', () => undefined);
      s.on('close', () => {
        this.sockets.delete(s);
        // One side gone: the other goes too (as a dropped TCP connection would).
        (s === client ? upstream : client).destroy();
      });
    }
    upstream.connect(this.targetPort, this.targetHost, () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  }

  /** Resets every connection (RST, not a polite FIN) and refuses new ones until `resume()`. */
  cut(): void {
    const server = this.server;
    this.server = undefined;
    server?.close();
    for (const s of this.sockets) {
      if (this.clients.has(s)) this.reset++;
      s.resetAndDestroy();
    }
    this.sockets.clear();
  }

  async resume(): Promise<void> {
    if (!this.server) await this.start(this.port);
  }

  async stop(): Promise<void> {
    this.cut();
  }
}
