import net from 'node:net';
import tls from 'node:tls';

/**
 * A minimal SMTP submission client (RFC 5321): smtp:// plain, smtps:// implicit TLS, AUTH PLAIN
 * when the URL carries user:password. Enough for a relay or a local MTA; it does not do STARTTLS.
 * Each reply is read whole (multi-line replies end with "NNN "), and any 4xx/5xx fails the send.
 */
export async function sendSmtp(smtpUrl: string, envelope: { from: string; to: string; data: string }, timeoutMs = 15_000): Promise<void> {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const port = Number(url.port || (secure ? 465 : 25));
  const socket: net.Socket = secure ? tls.connect({ host: url.hostname, port, servername: url.hostname }) : net.connect({ host: url.hostname, port });
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`SMTP ${url.host} timed out`)));
  const replies = replyReader(socket);
  try {
    await expect(replies, 220);
    await command(socket, replies, 'EHLO revline', 250);
    if (url.username) {
      const token = Buffer.from(`\u0000${decodeURIComponent(url.username)}\u0000${decodeURIComponent(url.password)}`, 'utf8').toString('base64');
      await command(socket, replies, `AUTH PLAIN ${token}`, 235);
    }
    await command(socket, replies, `MAIL FROM:<${envelope.from}>`, 250);
    await command(socket, replies, `RCPT TO:<${envelope.to}>`, 250);
    await command(socket, replies, 'DATA', 354);
    // Dot-stuffing: a line starting with "." gets another one.
    const body = envelope.data.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    await command(socket, replies, `${body}\r\n.`, 250);
    await command(socket, replies, 'QUIT', 221);
  } finally {
    socket.destroy();
  }
}

type Replies = () => Promise<{ code: number; text: string }>;

function replyReader(socket: net.Socket): Replies {
  let buffer = '';
  const waiting: Array<{ resolve: (reply: { code: number; text: string }) => void; reject: (error: Error) => void }> = [];
  const ready: Array<{ code: number; text: string }> = [];
  let failure: Error | null = null;
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (;;) {
      const match = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffer);
      if (!match) break;
      const end = match.index + match[0].length;
      const reply = { code: Number(match[2]), text: buffer.slice(0, end).trim() };
      buffer = buffer.slice(end);
      const next = waiting.shift();
      if (next) next.resolve(reply);
      else ready.push(reply);
    }
  });
  const fail = (error: Error) => {
    failure = error;
    for (const next of waiting.splice(0)) next.reject(error);
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('SMTP connection closed')));
  return () => {
    const reply = ready.shift();
    if (reply) return Promise.resolve(reply);
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
}

async function expect(replies: Replies, code: number): Promise<void> {
  const reply = await replies();
  if (reply.code !== code) throw new Error(`SMTP expected ${code}, got: ${reply.text}`);
}

async function command(socket: net.Socket, replies: Replies, line: string, code: number): Promise<void> {
  socket.write(`${line}\r\n`);
  await expect(replies, code);
}
