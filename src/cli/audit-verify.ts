import cliProgress from 'cli-progress';
import { toVerifyResultJson, verifyAuditChain, type AuditChainResult } from '../audit/index.ts';
import type { Ctx } from '../shared/context.ts';

export type AuditVerifyOptions = {
  json: boolean;
  out: NodeJS.WritableStream;
  /** Where the progress bar goes, if it is a terminal; process.stderr unless told (tests). */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
};

/** `revline audit verify`: exit code 0 when the chain is intact, 1 at the first problem. */
export async function runAuditVerify(ctx: Ctx, options: AuditVerifyOptions): Promise<number> {
  const progress = options.progress ?? process.stderr;
  // A bar only on a terminal: redirected stderr (CI logs, cron mail) would fill with redraws.
  const bar = progress.isTTY === true ? createBar(progress) : null;
  let result: AuditChainResult;
  try {
    result = await verifyAuditChain(ctx, bar ? { onProgress: bar.onProgress } : {});
  } finally {
    bar?.stop();
  }
  options.out.write(`${options.json ? JSON.stringify(toVerifyResultJson(result)) : describeResult(result)}\n`);
  return result.ok ? 0 : 1;
}

export function describeResult(result: AuditChainResult): string {
  if (!result.ok) return `Audit chain BROKEN at seq ${result.problem.seq}: ${result.problem.message}`;
  const entries = result.checked === 1 ? 'entry' : 'entries';
  return `Audit chain OK: ${result.checked} ${entries} verified, head seq ${result.headSeq}`;
}

function createBar(stream: NodeJS.WritableStream): { onProgress: (checked: number, total: number) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    { stream, format: 'Verifying audit chain [{bar}] {value}/{total} entries', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (checked, total) => {
      if (!started) bar.start(total, checked);
      else bar.update(checked);
      started = true;
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
