import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

export type PickerOption = { id: string; label: string; detail?: string };

type SearchPickerProps = {
  id: string;
  label: string;
  placeholder?: string;
  /** Answers the options for a typed text (the server searches); errors show under the input. */
  search(text: string): Promise<PickerOption[]>;
  onPick(option: PickerOption): void;
  error?: string | undefined;
  disabled?: boolean;
};

/**
 * A searchable picker on the ARIA combobox pattern: type to search (debounced, server-side),
 * arrows move through the results, Enter or a click picks one, Escape closes the list.
 */
export function SearchPicker({ id, label, placeholder, search, onPick, error, disabled }: SearchPickerProps) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<PickerOption[]>([]);
  const [active, setActive] = useState(0);
  const [searchError, setSearchError] = useState<string | null>(null);
  const request = useRef(0);

  useEffect(() => {
    if (!open) return undefined;
    const id = ++request.current;
    const timer = window.setTimeout(() => {
      search(text.trim()).then(
        (found) => {
          if (id !== request.current) return;
          setOptions(found);
          setActive(0);
          setSearchError(null);
        },
        (failure: unknown) => {
          if (id === request.current) setSearchError(failure instanceof Error ? failure.message : String(failure));
        },
      );
    }, 250);
    return () => window.clearTimeout(timer);
  }, [text, open, search]);

  const pick = (option: PickerOption) => {
    onPick(option);
    setOpen(false);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (options.length === 0 ? 0 : (current + step + options.length) % options.length));
    } else if (event.key === 'Enter' && open && options[active]) {
      event.preventDefault();
      pick(options[active]);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };
  const shownError = error ?? searchError ?? undefined;
  return (
    <div className={shownError ? 'field field--invalid quotes-picker' : 'field quotes-picker'}>
      <label className="field__label" htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type="search"
        role="combobox"
        autoComplete="off"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={shownError ? `${id}-error` : undefined}
        placeholder={placeholder}
        disabled={disabled}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={label} className="quotes-picker__list" hidden={!open}>
        {options.length === 0 ? <li className="quotes-picker__empty" role="presentation">{t('quotes.pickerNoResults')}</li> : null}
        {options.map((option, index) => (
          <li
            key={option.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'quotes-picker__option quotes-picker__option--active' : 'quotes-picker__option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(option)}
          >
            <span>{option.label}</span>
            {option.detail ? <span className="muted"> · {option.detail}</span> : null}
          </li>
        ))}
      </ul>
      {shownError ? <p className="field__error" id={`${id}-error`}>{shownError}</p> : null}
    </div>
  );
}
