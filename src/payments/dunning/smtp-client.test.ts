import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { smtpMailer } from './mailer.ts';

/** A scripted SMTP server on a free port: records the commands and the DATA it receives. */
function fakeSmtpServer(): Promise<{ port: number; lines: string[]; data: string[]; close(): Promise<void> }> {
  const lines: string[] = [];
  const data: string[] = [];
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let message = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let index: number;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === '.') { inData = false; data.push(message); socket.write('250 queued\r\n'); } else message += `${line}\n`;
          continue;
        }
        lines.push(line);
        if (line.startsWith('EHLO')) socket.write('250-fake\r\n250 AUTH PLAIN\r\n');
        else if (line.startsWith('AUTH PLAIN')) socket.write('235 ok\r\n');
        else if (line === 'DATA') { inData = true; message = ''; socket.write('354 go\r\n'); }
        else if (line === 'QUIT') { socket.write('221 bye\r\n'); socket.end(); }
        else if (line.startsWith('RCPT TO:<nobody@')) socket.write('550 no such user\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address() as net.AddressInfo;
    resolve({ port: address.port, lines, data, close: () => new Promise((done) => server.close(() => done())) });
  }));
}

describe('SMTP mailer', () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => { await close?.(); close = null; });

  it('authenticates, sends the envelope and a dot-stuffed UTF-8 message', async () => {
    const server = await fakeSmtpServer();
    close = server.close;
    const mailer = smtpMailer(`smtp://ar%40example.com:s3cret@127.0.0.1:${server.port}`);
    const result = await mailer.send({ from: 'ar@example.com', to: 'ap@kunde.example', subject: 'Zahlungserinnerung: Rechnung INV-1', text: 'Grüße\n.\nEnde', messageId: 'm1@revline', date: new Date('2026-03-04T06:00:00Z') });
    expect(result.channel).toBe('smtp');
    expect(server.lines.slice(0, 5)).toEqual([
      'EHLO revline', `AUTH PLAIN ${Buffer.from('\u0000ar@example.com\u0000s3cret').toString('base64')}`, 'MAIL FROM:<ar@example.com>', 'RCPT TO:<ap@kunde.example>', 'DATA',
    ]);
    expect(server.lines.at(-1)).toBe('QUIT');
    expect(server.data[0]).toContain('To: ap@kunde.example');
    expect(server.data[0]).toContain(`Subject: =?UTF-8?B?${Buffer.from('Zahlungserinnerung: Rechnung INV-1').toString('base64')}?=`);
  });

  it('fails the send on a refusal, naming the reply', async () => {
    const server = await fakeSmtpServer();
    close = server.close;
    const mailer = smtpMailer(`smtp://127.0.0.1:${server.port}`);
    await expect(mailer.send({ from: 'ar@example.com', to: 'nobody@example.com', subject: 's', text: 't', messageId: 'm2@revline', date: new Date() }))
      .rejects.toThrow('SMTP expected 250, got: 550 no such user');
  });
});
