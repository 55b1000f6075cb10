import type { ChangeEvent, InputHTMLAttributes, ReactNode } from 'react';
import { AlertIcon } from './icons.tsx';

type FieldShellProps = { id: string; label: string; hint?: string | undefined; error?: string | undefined; optionalLabel?: string | undefined; className?: string; children: ReactNode };

/** Label, control, hint and error, wired together for assistive technology. */
export function FieldShell({ id, label, hint, error, optionalLabel, className, children }: FieldShellProps) {
  return (
    <div className={['field', error ? 'field--invalid' : null, className ?? null].filter((name) => name !== null).join(' ')}>
      <label className="field__label" htmlFor={id} id={`${id}__label`}>
        {label}
        {optionalLabel ? <span className="field__optional"> ({optionalLabel})</span> : null}
      </label>
      {children}
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`}>
          <AlertIcon />
          <span>{error}</span>
        </p>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter((x): x is string => x !== null);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** What a form field takes whatever it holds: its id and label, its value and change, a hint, an error and the optional mark. */
export type ValueFieldProps = {
  id: string;
  label: string;
  value: string;
  onValueChange(value: string): void;
  hint?: string | undefined;
  error?: string | undefined;
  optionalLabel?: string | undefined;
};

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> & ValueFieldProps;

export function TextField({ id, label, value, onValueChange, hint, error, optionalLabel, ...inputProps }: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} optionalLabel={optionalLabel}>
      <input
        {...inputProps}
        id={id}
        className="input"
        value={value}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onValueChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldShell>
  );
}

type SelectFieldProps<V extends string> = {
  id: string;
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onValueChange(value: V): void;
  hint?: string | undefined;
  error?: string | undefined;
  name?: string;
};

export function SelectField<V extends string>({ id, label, value, options, onValueChange, hint, error, name }: SelectFieldProps<V>) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={name}
        className="input select"
        value={value}
        onChange={(event) => {
          const chosen = options.find((option) => option.value === event.target.value);
          if (chosen) onValueChange(chosen.value);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

type FileFieldProps = { id: string; label: string; hint: string; error: string | undefined; accept: string; multiple?: boolean; onChange(event: ChangeEvent<HTMLInputElement>): void };

/** A file input wired like TextField: label, hint and error announced with it. */
export function FileField({ id, label, hint, error, accept, multiple, onChange }: FileFieldProps) {
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter((x): x is string => x !== null).join(' ');
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>{label}</label>
      <input id={id} name={id} type="file" className="input input--file" accept={accept} multiple={multiple} onChange={onChange} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
      <p className="field__hint" id={`${id}-hint`}>{hint}</p>
      {error ? <p className="field__error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}
