/**
 * An editor's actions on one relation in the details panel: retract it; for an inferred one, confirm
 * it (stated from now on, with a source) or reject it (a retraction). Each asks for a source and why.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { invalidateGraphData, submitChange, useConfirmRelation, useRetractRelation } from './edit-api.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { ChangeFooter } from './change-footer.js';
import { emptySource, sourceReady, toSourceInput } from './source-picker.js';

type Action = 'retract' | 'confirm' | 'reject';

const TEXT: Record<Action, { button: MessageKey; explain: MessageKey; submit: MessageKey }> = {
  retract: { button: 'edit.relAction.retract', explain: 'edit.relAction.retractExplain', submit: 'edit.relAction.retractSubmit' },
  confirm: { button: 'edit.relAction.confirm', explain: 'edit.relAction.confirmExplain', submit: 'edit.relAction.confirmSubmit' },
  reject: { button: 'edit.relAction.reject', explain: 'edit.relAction.rejectExplain', submit: 'edit.relAction.rejectSubmit' },
};

export interface RelationActionsProps {
  /** With its ends (source, target), the server finds it from their keys instead of among all relations of its type. */
  edge: { id: string; version: number; inferred: boolean; source?: string; target?: string };
  /** The relation in words ("A —成员→ B"), for the form's heading. */
  label: string;
}

export function RelationActions({ edge, label }: RelationActionsProps) {
  const { t } = useI18n();
  const [action, setAction] = useState<Action | null>(null);
  const [source, setSource] = useState(emptySource);
  const [note, setNote] = useState('');
  const retract = useRetractRelation();
  const confirm = useConfirmRelation();
  const mutation = action === 'confirm' ? confirm : retract;
  const client = useQueryClient();
  // After a conflict: read the relation again (its new version), keep the form as filled in.
  const reload = () => {
    mutation.reset();
    void invalidateGraphData(client);
  };

  const open = (a: Action) => {
    setAction(a);
    retract.reset();
    confirm.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!action || !sourceReady(source)) return;
    const vars = {
      id: edge.id,
      from: edge.source,
      to: edge.target,
      expectedVersion: edge.version,
      note: note.trim(),
      source: toSourceInput(source),
    };
    // On success the relation list is read again; this form goes with its relation (or stays closed).
    const done = () => setAction(null);
    if (action === 'confirm') submitChange(confirm, vars, done);
    else submitChange(retract, vars, done);
  };

  if (!action) {
    const actions: Action[] = edge.inferred ? ['confirm', 'reject'] : ['retract'];
    return (
      <div className="relation-actions">
        {actions.map((a) => (
          <button key={a} type="button" className={`link-btn ${a === 'confirm' ? '' : 'danger'}`} onClick={() => open(a)} data-action={a}>
            {t(TEXT[a].button)}
          </button>
        ))}
      </div>
    );
  }
  return (
    <form className="edit-form inline-form" onSubmit={submit} aria-label={t(TEXT[action].button)} data-testid={`relation-${action}`}>
      <p className="inline-form-title">
        {t(TEXT[action].explain)}
        <span className="inline-form-subject">{label}</span>
      </p>
      <ChangeFooter
        source={{ value: source, onChange: setSource }}
        note={note}
        onNote={setNote}
        error={mutation.error}
        busy={mutation.isPending}
        ready={sourceReady(source)}
        submitLabel={t(TEXT[action].submit)}
        onCancel={() => setAction(null)}
        onReload={reload}
        danger={action !== 'confirm'}
      />
    </form>
  );
}
