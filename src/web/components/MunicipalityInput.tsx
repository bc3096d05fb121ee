import type { Municipality } from '../lib/geography.js';

interface Props {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  municipalities: readonly Municipality[];
  error?: string;
}

/**
 * A text field with the 290 municipalities as suggestions (`<input list>`): the browser's own
 * searchable list, usable with keyboard and screen readers. The caller turns the name into a
 * kommunkod with `resolveMunicipality`.
 */
export function MunicipalityInput({ id, label, hint, value, onChange, municipalities, error }: Props) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <input
        id={id}
        name={id}
        type="text"
        className="input input--medium"
        list={`${id}-list`}
        autoComplete="off"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      <datalist id={`${id}-list`}>
        {municipalities.map((m) => (
          <option key={m.code} value={m.name} />
        ))}
      </datalist>
    </div>
  );
}
