import { useEffect, useRef, type ReactNode } from 'react';

type DialogProps = { open: boolean; onClose(): void; labelledBy: string; describedBy?: string; children: ReactNode };

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Escape
 * and restores focus on close. Children render only while open, so nothing
 * (a one-time secret, say) stays in the DOM afterwards.
 */
export function Dialog({ open, onClose, labelledBy, describedBy, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={labelledBy} aria-describedby={describedBy} onClose={onClose}>
      {open ? children : null}
    </dialog>
  );
}
