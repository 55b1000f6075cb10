import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from './types.ts';
import { stageLabel } from './stage-label.ts';

type Props = { cardName: string; current: string; stages: readonly Stage[]; onChoose(stage: Stage): void; focusOnMount?: boolean };

/**
 * The keyboard (and pointer) alternative to dragging: a menu button listing the other stages.
 * Arrow keys move between items, Enter chooses, Escape closes and returns focus to the button.
 */
export function MoveMenu({ cardName, current, stages, onChoose, focusOnMount = false }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();
  const targets = stages.filter((stage) => stage.key !== current);

  // After a move from this menu the card lives in another column: keep the keyboard user on it.
  useEffect(() => {
    if (focusOnMount) buttonRef.current?.focus();
  }, [focusOnMount]);

  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    const focusAt = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (event.key === 'ArrowDown') focusAt(index + 1);
    else if (event.key === 'ArrowUp') focusAt(index - 1);
    else if (event.key === 'Home') focusAt(0);
    else if (event.key === 'End') focusAt(items.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') close(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  };

  return (
    <div
      className="pipeline-move"
      onBlur={(event) => {
        if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="button button--ghost button--small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        {t('pipeline.board.move')}
        <span className="visually-hidden"> {cardName}</span>
      </button>
      {open ? (
        <ul ref={menuRef} id={menuId} className="pipeline-move__menu" role="menu" aria-label={t('pipeline.board.moveLabel', { name: cardName })} onKeyDown={onMenuKeyDown}>
          {targets.map((stage) => (
            <li key={stage.key} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="pipeline-move__item"
                onClick={() => {
                  close(true);
                  onChoose(stage);
                }}
              >
                {stageLabel(stage)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
