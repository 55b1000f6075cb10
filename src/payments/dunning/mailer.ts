import fs from 'node:fs';
import path from 'node:path';
import { sendSmtp } from './smtp-client.ts';

export type MailMessage = { from: string; to: string; subject: string; text: string; messageId: string; date: Date };
export type SendResult = { channel: 'smtp' | 'outbox'; location: string };
export type Mailer = { send(message: MailMessage): Promise<SendResult> };

/** RFC 5322 message with a UTF-8 body (base64) and encoded-word subject, so every language travels intact. */
export function toEml(message: MailMessage): string {
  const subject = `=?UTF-8?B?${Buffer.from(message.subject, 'utf8').toString('base64')}?=`;
  const body = Buffer.from(message.text, 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${message.from}`, `To: ${message.to}`, `Subject: ${subject}`, `Date: ${message.date.toUTCString()}`, `Message-ID: <${message.messageId}>`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', body,
  ].join('\r\n');
}

/** Without SMTP configured, each message becomes <outboxDir>/<messageId>.eml (written once: same id, same file). */
export function outboxMailer(outboxDir: string): Mailer {
  return {
    async send(message) {
      fs.mkdirSync(outboxDir, { recursive: true });
      const file = path.join(outboxDir, `${message.messageId.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`);
      fs.writeFileSync(file, toEml(message), 'utf8');
      return { channel: 'outbox', location: file };
    },
  };
}

export function smtpMailer(smtpUrl: string): Mailer {
  return {
    async send(message) {
      await sendSmtp(smtpUrl, { from: message.from, to: message.to, data: toEml(message) });
      return { channel: 'smtp', location: `smtp:${new URL(smtpUrl).host}` };
    },
  };
}

export function configuredMailer(config: { smtpUrl: string | undefined; outboxDir: string }): Mailer {
  return config.smtpUrl ? smtpMailer(config.smtpUrl) : outboxMailer(config.outboxDir);
}
