import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner } from '../components/banner.tsx';
import { Dialog } from '../components/dialog.tsx';
import { TextField } from '../components/field.tsx';
import { toFormProblem, type FormProblem } from '../lib/problem.ts';
import { useFocusFirstInvalid } from '../lib/use-focus-first-invalid.ts';
import type { BoardCard, Stage } from './types.ts';
import { stageLabel } from './stage-label.ts';

export type LostMove = { card: BoardCard; stage: Stage };
type Props = { move: LostMove | null; onCancel(): void; onConfirm(move: LostMove, lostReason: string): Promise<void> };

const FIELDS = ['lostReason'] as const;

/** Closing as lost needs a reason (server rule): asked before the move, kept when the server refuses. */
export function LostReasonDialog({ move, onCancel, onConfirm }: Props) {
  return (
    <Dialog open={move !== null} onClose={onCancel} labelledBy="pipeline-lost-title" describedBy="pipeline-lost-body">
      {move ? <LostReasonForm move={move} onCancel={onCancel} onConfirm={onConfirm} /> : null}
    </Dialog>
  );
}

function LostReasonForm({ move, onCancel, onConfirm }: { move: LostMove; onCancel(): void; onConfirm: Props['onConfirm'] }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<FormProblem<'lostReason'>>({ fields: {}, banner: null });
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useFocusFirstInvalid(formRef, attempt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setProblem({ fields: { lostReason: t('validation.required') }, banner: null });
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      await onConfirm(move, reason.trim());
    } catch (error) {
      setProblem(toFormProblem(error, FIELDS, t));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="dialog__content" noValidate onSubmit={(event) => void submit(event)}>
      <h2 id="pipeline-lost-title" className="dialog__title">{t('pipeline.lost.title', { name: move.card.name })}</h2>
      <p id="pipeline-lost-body" className="dialog__body">{t('pipeline.lost.body', { stage: stageLabel(move.stage) })}</p>
      {problem.banner ? <Banner tone="error" title={problem.banner.title} detail={problem.banner.detail} /> : null}
      <TextField
        id="pipeline-lost-reason"
        name="lostReason"
        label={t('pipeline.lost.reason')}
        value={reason}
        maxLength={500}
        autoFocus
        required
        error={problem.fields.lostReason}
        onValueChange={(value) => {
          setReason(value);
          setProblem((p) => ({ ...p, fields: {} }));
        }}
      />
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>{t('pipeline.common.cancel')}</button>
        <button type="submit" className="button button--primary" disabled={busy}>{t('pipeline.lost.confirm')}</button>
      </div>
    </form>
  );
}
