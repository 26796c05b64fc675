import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import { MailDriver, OutgoingMail, SentMail } from './mail.driver';

/** Writes each message as an RFC 822 .eml file (built by Nodemailer's stream transport). */
export class FileMailDriver extends MailDriver {
  private readonly transport: Transporter;

  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {
    super();
    this.transport = nodemailer.createTransport({
      streamTransport: true,
      buffer: true,
      newline: 'unix',
    });
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transport.sendMail({ from: this.from, ...mail });
    await mkdir(this.dir, { recursive: true });
    const safeId = info.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9@._-]/g, '_');
    const file = join(this.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}_${safeId}.eml`);
    await writeFile(file, info.message as Buffer);
    return { messageId: info.messageId, info: file };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
