/** The audit log for admins: newest first, filtered by who, what and how it ended, paged, exportable as JSONL. */
import { useState } from 'react';
import { useGraphQL } from '../../api/query-client.js';
import { keys } from '../../api/query-keys.js';
import { ErrorBanner, Spinner } from '../../components/status.js';
import { useDebounced } from '../../components/use-debounced.js';
import { graphql } from '../../gql/index.js';
import type { AuditAction, AuditFilter, AuditOutcome } from '../../gql/graphql.js';
import { formatTime, useI18n } from '../../i18n/i18n.js';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../../../shared/model/index.js';

const AuditLogDocument = graphql(`
  query AuditLog($filter: AuditFilter, $before: String, $limit: Int) {
    auditLog(filter: $filter, before: $before, limit: $limit) {
      events {
        id
        at
        actor
        action
        target
        params
        outcome
        clientAddress
      }
      nextBefore
    }
  }
`);

const PAGE = 100;

export function AuditLog() {
  const { t } = useI18n();
  const [action, setAction] = useState<AuditAction | ''>('');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const [actor, setActor] = useState('');
  // The pages seen so far, by the `before` cursor each was asked with.
  const [pages, setPages] = useState<(string | null)[]>([null]);
  // Typing a name asks once it has stopped changing, not on every keystroke.
  const actorName = useDebounced(actor.trim(), 300);
  const filter: AuditFilter = { action: action || null, outcome: outcome || null, actor: actorName || null };
  const reset = () => setPages([null]);
  const exportUrl = `/audit.jsonl?${new URLSearchParams(Object.entries(filter).filter((kv): kv is [string, string] => Boolean(kv[1])))}`;
  return (
    <div className="pane-section" data-testid="audit-log">
      <div className="canvas-toolbar audit-filters">
        <label className="toolbar-group">
          <span className="toolbar-label">{t('admin.actor')}</span>
          <input
            className="inline"
            value={actor}
            onChange={(e) => {
              setActor(e.target.value);
              reset();
            }}
          />
        </label>
        <label className="toolbar-group">
          <span className="toolbar-label">{t('admin.action')}</span>
          <select
            className="inline"
            value={action}
            onChange={(e) => {
              setAction(e.target.value as AuditAction | '');
              reset();
            }}
          >
            <option value="">{t('admin.any')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`auditAction.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-group">
          <span className="toolbar-label">{t('admin.outcome')}</span>
          <select
            className="inline"
            value={outcome}
            onChange={(e) => {
              setOutcome(e.target.value as AuditOutcome | '');
              reset();
            }}
          >
            <option value="">{t('admin.any')}</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`auditOutcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <a className="btn btn-small" href={exportUrl} download>
          {t('admin.exportJsonl')}
        </a>
      </div>
      <table className="data-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>{t('admin.at')}</th>
            <th>{t('admin.actor')}</th>
            <th>{t('admin.action')}</th>
            <th>{t('admin.target')}</th>
            <th>{t('admin.outcome')}</th>
            <th>{t('admin.client')}</th>
            <th>{t('admin.params')}</th>
          </tr>
        </thead>
        {pages.map((before, i) => (
          <AuditPage
            key={before ?? 'first'}
            filter={filter}
            before={before}
            last={i === pages.length - 1}
            onMore={(next) => setPages((p) => [...p, next])}
          />
        ))}
      </table>
    </div>
  );
}

function AuditPage({
  filter,
  before,
  last,
  onMore,
}: {
  filter: AuditFilter;
  before: string | null;
  last: boolean;
  onMore: (before: string) => void;
}) {
  const { t, lang } = useI18n();
  const page = useGraphQL(keys.auditLog(filter, before), AuditLogDocument, { filter, before, limit: PAGE });
  const events = page.data?.auditLog.events ?? [];
  const next = page.data?.auditLog.nextBefore ?? null;
  return (
    <tbody>
      {page.error && (
        <tr>
          <td colSpan={7}>
            <ErrorBanner error={page.error} onRetry={page.reload} />
          </td>
        </tr>
      )}
      {!page.data && page.loading && (
        <tr>
          <td colSpan={7}>
            <Spinner />
          </td>
        </tr>
      )}
      {page.data && events.length === 0 && before === null && (
        <tr>
          <td colSpan={7} className="muted">
            {t('admin.noEvents')}
          </td>
        </tr>
      )}
      {events.map((e) => (
        <tr key={e.id} data-action={e.action} data-outcome={e.outcome}>
          <td className="nowrap" title={e.at}>
            {formatTime(e.at, lang)}
          </td>
          <td>{e.actor ?? t('admin.anonymous')}</td>
          <td>{t(`auditAction.${e.action}`)}</td>
          <td>{e.target ?? ''}</td>
          <td>
            <span className={`outcome outcome-${e.outcome}`}>{t(`auditOutcome.${e.outcome}`)}</span>
          </td>
          <td>{e.clientAddress ?? ''}</td>
          <td className="cell-json">{e.params === null || e.params === undefined ? '' : JSON.stringify(e.params)}</td>
        </tr>
      ))}
      {last && next && (
        <tr>
          <td colSpan={7}>
            <button type="button" className="btn btn-small" onClick={() => onMore(next)}>
              {t('admin.older')}
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}
