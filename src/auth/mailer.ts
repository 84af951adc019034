import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "../logger.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

export interface StoredMail extends Mail {
  id: number;
  sentAt: string;
}

/** Without SMTP, mails land here: logged, and listed at /dev/mailbox outside production. */
export class DevMailbox implements Mailer {
  private readonly mails: StoredMail[] = [];
  private nextId = 1;

  constructor(private readonly log: Logger) {}

  async send(mail: Mail): Promise<void> {
    const stored = { ...mail, id: this.nextId++, sentAt: new Date().toISOString() };
    this.mails.push(stored);
    if (this.mails.length > 200) this.mails.shift();
    this.log.info(
      { to: mail.to, subject: mail.subject, mailId: stored.id },
      "mail kept in the development mailbox",
    );
  }

  list(to?: string): StoredMail[] {
    const found = to ? this.mails.filter((m) => m.to.toLowerCase() === to.toLowerCase()) : this.mails;
    return [...found].reverse();
  }
}

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...mail });
  }
}
