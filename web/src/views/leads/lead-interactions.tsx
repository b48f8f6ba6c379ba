/**
 * A lead's interactions (date, kind, who, notes, links) and, for those who may change the lead, the
 * form to log one. Attachments are links: http or https only, checked here with a clear message
 * before the server checks again.
 */
import { useState, type FormEvent } from 'react';
import type { InteractionKind } from '../../gql/graphql.js';
import type { LeadEventFieldsFragment } from '../../gql/graphql.js';
import { formatTime, useI18n } from '../../i18n/i18n.js';
import { Field } from '../edit/field.js';
import { LeadError } from './lead-error.js';
import { useLogInteraction, type Lead } from './lead-queries.js';
import { shanghaiToday } from './lead-text.js';

const KINDS: InteractionKind[] = ['CALL', 'VISIT', 'MEETING', 'EMAIL'];

/** One link per line: the URL, then an optional title after a space. */
export function parseLinks(text: string): { links: { url: string; title: string | null }[]; bad: string[] } {
  const links: { url: string; title: string | null }[] = [];
  const bad: string[] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [url, ...rest] = line.split(/\s+/);
    let ok = false;
    try {
      const u = new URL(url);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (ok) links.push({ url, title: rest.join(' ') || null });
    else bad.push(url);
  }
  return { links, bad };
}

export function InteractionsLog({ lead, events, canEdit }: { lead: Lead; events: readonly LeadEventFieldsFragment[]; canEdit: boolean }) {
  const { t, lang } = useI18n();
  return (
    <div className={`lead-interactions${canEdit ? ' with-form' : ''}`}>
      {events.length === 0 ? (
        <p className="muted small">{t('leads.log.none')}</p>
      ) : (
        <ol className="lead-log" data-testid="lead-interactions">
          {[...events].reverse().map((ev) => (
            <li key={ev.id} data-interaction={ev.interactionKind ?? ''}>
              <div>
                <strong>{ev.date}</strong> ·{' '}
                <span className="interaction-kind">{ev.interactionKind ? t(`leads.kind.${ev.interactionKind}`) : ''}</span>
                {ev.who && <> · {t('leads.log.with', { who: ev.who })}</>}
                <span className="muted small"> {t('leads.byAt', { who: ev.actor, at: formatTime(ev.at, lang) })}</span>
              </div>
              {ev.note && <p className="lead-log-note">{ev.note}</p>}
              {ev.attachments.length > 0 && (
                <ul className="plain-list lead-links">
                  {ev.attachments.map((a) => (
                    <li key={a.url}>
                      <a href={a.url} target="_blank" rel="noopener noreferrer">
                        {a.title ?? a.url}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {canEdit && <InteractionForm lead={lead} />}
    </div>
  );
}

function InteractionForm({ lead }: { lead: Lead }) {
  const { t } = useI18n();
  const log = useLogInteraction();
  const [date, setDate] = useState(shanghaiToday());
  const [kind, setKind] = useState<InteractionKind>('VISIT');
  const [who, setWho] = useState('');
  const [notes, setNotes] = useState('');
  const [links, setLinks] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseLinks(links);
    if (parsed.bad.length) return setProblem(t('leads.log.badLink', { links: parsed.bad.join(t('leads.listSeparator')) }));
    if (!date) return setProblem(t('leads.log.dateRequired'));
    setProblem(null);
    log.mutate(
      { id: lead.id, input: { kind, date, who: who.trim() || null, notes: notes.trim() || null, attachments: parsed.links } },
      {
        onSuccess: () => {
          setWho('');
          setNotes('');
          setLinks('');
        },
      },
    );
  };
  return (
    <form className="edit-form lead-log-form" onSubmit={submit} data-testid="interaction-form">
      <h4 className="form-subtitle">{t('leads.log.add')}</h4>
      <div className="form-grid">
        <Field label={t('leads.log.date')} required>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="interaction-date" />
        </Field>
        <Field label={t('leads.log.kind')} required>
          <select value={kind} onChange={(e) => setKind(e.target.value as InteractionKind)} data-testid="interaction-kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`leads.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('leads.log.who')} wide>
          <input value={who} onChange={(e) => setWho(e.target.value)} data-testid="interaction-who" />
        </Field>
        <Field label={t('leads.log.notes')} wide>
          <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="interaction-notes" />
        </Field>
        <Field label={t('leads.log.links')} wide hint={t('leads.log.linksHint')}>
          <textarea rows={2} value={links} onChange={(e) => setLinks(e.target.value)} data-testid="interaction-links" />
        </Field>
      </div>
      {problem && (
        <p className="form-problem" role="alert" data-testid="interaction-problem">
          {problem}
        </p>
      )}
      {log.error && <LeadError error={log.error} />}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={log.isPending} data-testid="interaction-submit">
          {log.isPending ? t('leads.saving') : t('leads.log.submit')}
        </button>
      </div>
    </form>
  );
}
