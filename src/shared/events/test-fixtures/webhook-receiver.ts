import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../clock.ts';
import { verifyWebhook, type VerifyResult } from '../webhook-signature.ts';

export type ReceivedWebhook = { id: string | undefined; verification: VerifyResult; body: string };

export type WebhookReceiver = {
  url: string;
  received: ReceivedWebhook[];
  /** Status codes for the next requests, in order; 200 once they run out. 0 = never answer. */
  respondWith(...statuses: number[]): void;
  close(): Promise<void>;
};

/** A real HTTP endpoint on 127.0.0.1 that checks every request's Standard Webhooks signature. */
export async function startWebhookReceiver(options: { secret: () => string; clock: Clock }): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  let statuses: number[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verification = verifyWebhook({ secret: options.secret(), headers: request.headers, body, now: options.clock.now() });
      received.push({ id: request.headers['webhook-id'] as string | undefined, verification, body });
      const status = statuses.shift() ?? 200;
      if (status === 0) return; // hang: the sender's timeout must fire
      response.writeHead(status, status >= 300 && status < 400 ? { location: 'http://127.0.0.1:1/' } : {}).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    respondWith: (...next) => {
      statuses = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
