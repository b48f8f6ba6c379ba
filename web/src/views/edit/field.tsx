/** One labelled form control with its hint and, when the server refused it, its error below (outside the label, so the control's name stays its label). */
import { useId, type ReactNode } from 'react';
import type { GraphQLRequestError } from '../../api/graphql-client.js';
import { FieldError } from './form-errors.js';

export interface FieldProps {
  label: string;
  children: ReactNode;
  required?: boolean;
  hint?: ReactNode;
  /** The API's name(s) of this field, for its refusal (details.field). */
  field?: string | readonly string[];
  error?: GraphQLRequestError | null;
  /** Spans both columns of a form grid. */
  wide?: boolean;
  testId?: string;
  /**
   * The control holds several controls (chips with remove buttons): a group named by the label
   * instead of a <label>, whose click would press the first button inside.
   */
  group?: boolean;
}

export function Field({ label, children, required, hint, field, error, wide, testId, group }: FieldProps) {
  const labelId = useId();
  const text = (
    <span className="efield-label" id={labelId}>
      {label}
      {required && (
        <span className="required" aria-hidden>
          *
        </span>
      )}
    </span>
  );
  return (
    <div className={`efield${wide ? ' span-2' : ''}`} data-testid={testId}>
      {group ? (
        <div role="group" aria-labelledby={labelId}>
          {text}
          {children}
        </div>
      ) : (
        <label>
          {text}
          {children}
        </label>
      )}
      {hint && <span className="field-hint">{hint}</span>}
      {field && <FieldError error={error ?? null} field={field} />}
    </div>
  );
}
