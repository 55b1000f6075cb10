import net from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { listenError } from './serve.ts';

/** The error Node gives for listening where something listens already. */
async function addressInUse(): Promise<{ error: unknown; port: number }> {
  const first = net.createServer();
  first.listen(0, '127.0.0.1');
  await once(first, 'listening');
  const port = (first.address() as net.AddressInfo).port;
  const second = net.createServer();
  second.listen(port, '127.0.0.1');
  const [error] = await once(second, 'error');
  first.close();
  return { error, port };
}

describe('listenError', () => {
  it('says which port is taken and how to choose another', async () => {
    const { error, port } = await addressInUse();
    expect((listenError(error, port, '127.0.0.1') as Error).message)
      .toBe(`port ${port} on 127.0.0.1 is already in use (another Revline, or another program); choose another with --port or PORT`);
  });

  it('passes other errors through unchanged', () => {
    const other = new Error('boom');
    expect(listenError(other, 3000, '127.0.0.1')).toBe(other);
  });
});
