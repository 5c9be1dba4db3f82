import type { ReactNode } from 'react';
import { useId } from 'react';

/** A labelled native select: the platform's own keyboard behaviour and screen-reader support. */
export function SelectField(props: {
  id?: string;
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
  error?: string;
  required?: boolean;
  description?: string;
}) {
  const generated = useId();
  const id = props.id ?? generated;
  const describedBy =
    [props.description ? `${id}-d` : '', props.error ? `${id}-e` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.description && (
        <span id={`${id}-d`} className="description">
          {props.description}
        </span>
      )}
      <select
        id={id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        aria-required={props.required || undefined}
      >
        {props.children}
      </select>
      {props.error && (
        <span id={`${id}-e`} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}
