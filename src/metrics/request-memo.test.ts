import { describe, expect, it } from 'vitest';
import type { Ctx } from '../shared/context.ts';
import { memoInRequest, withRequestMemo } from './request-memo.ts';

const ctx = { requestId: 'r1' } as unknown as Ctx;

function counter() {
  let calls = 0;
  return { load: async () => ++calls, calls: () => calls };
}

describe('memoInRequest', () => {
  it('loads every time outside a batch context (single requests, the CLI)', async () => {
    const { load, calls } = counter();
    await memoInRequest(ctx, ['x'], load);
    await memoInRequest(ctx, ['x'], load);
    expect(calls()).toBe(2);
  });

  it('loads once per key within one batch context, and again for the next batch', async () => {
    const { load, calls } = counter();
    const batch = withRequestMemo(ctx);
    expect(batch).not.toBe(ctx);
    expect(batch.requestId).toBe('r1');
    expect(await Promise.all([memoInRequest(batch, ['x', '2024-01-31'], load), memoInRequest(batch, ['x', '2024-01-31'], load)])).toEqual([1, 1]);
    expect(await memoInRequest(batch, ['x', '2024-02-29'], load)).toBe(2);
    expect(await memoInRequest(withRequestMemo(ctx), ['x', '2024-01-31'], load)).toBe(3);
    expect(await memoInRequest(ctx, ['x', '2024-01-31'], load)).toBe(4);
    expect(calls()).toBe(4);
  });

  it('forgets a failed load so the next metric of the batch tries again', async () => {
    const batch = withRequestMemo(ctx);
    await expect(memoInRequest(batch, ['y'], () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await memoInRequest(batch, ['y'], async () => 'up')).toBe('up');
  });
});
