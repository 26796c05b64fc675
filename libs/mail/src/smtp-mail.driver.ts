import nodemailer, { Transporter } from 'nodemailer';
import { MailDriver, OutgoingMail, SentMail } from './mail.driver';

/** SMTP through a pooled Nodemailer transport. Errors keep their SMTP responseCode for retry decisions. */
export class SmtpMailDriver extends MailDriver {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    maxConnections = 5,
  ) {
    super();
    const u = new URL(url);
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections,
      host: u.hostname,
      port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 587)),
      secure: u.protocol === 'smtps:',
      ignoreTLS: u.searchParams.get('ignoreTLS') === 'true',
      auth: u.username
        ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) }
        : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transport.sendMail({ from: this.from, ...mail });
    return { messageId: info.messageId, info: String(info.response ?? '') };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** SMTP 5xx replies and rejected recipients will not succeed on retry. */
export function isPermanentMailError(err: unknown): boolean {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e?.responseCode === 'number') return e.responseCode >= 500;
  return e?.code === 'EENVELOPE';
}
