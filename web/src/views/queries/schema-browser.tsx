/** The graph's schema beside the Cypher editor: types, relations and properties with their labels; a click inserts. */
import { useState } from 'react';
import { entityTypeLabel, relationLabel, useI18n, type MessageKey } from '../../i18n/i18n.js';
import { ENTITY_PROPERTIES, ENTITY_TYPES, NODE_LABEL, RELATION_PROPERTIES, RELATION_TYPES, snippet } from './cypher-schema.js';

interface Item {
  code: string;
  label: string;
  insert: string;
}

export function SchemaBrowser({ onInsert }: { onInsert: (text: string) => void }) {
  const { t, lang } = useI18n();
  const [filter, setFilter] = useState('');
  const prop = (p: string) => ({ code: p, label: t(`queries.prop.${p}` as MessageKey), insert: snippet.property(p) });
  const sections: { title: string; kind: string; items: Item[] }[] = [
    {
      title: t('queries.schemaLabel'),
      kind: 'label',
      items: [{ code: `:${NODE_LABEL}`, label: t('queries.schemaLabelNote'), insert: snippet.label() }],
    },
    {
      title: t('queries.schemaTypes'),
      kind: 'type',
      items: ENTITY_TYPES.map((type) => ({ code: type, label: entityTypeLabel(type, lang), insert: snippet.entityType(type) })),
    },
    {
      title: t('queries.schemaRelations'),
      kind: 'relation',
      items: RELATION_TYPES.map((type) => ({ code: type, label: relationLabel(type, lang), insert: snippet.relation(type) })),
    },
    { title: t('queries.schemaProps'), kind: 'property', items: ENTITY_PROPERTIES.map(prop) },
    { title: t('queries.schemaRelProps'), kind: 'property', items: RELATION_PROPERTIES.map(prop) },
  ];
  const needle = filter.trim().toLowerCase();
  const shown = sections
    .map((s) => ({
      ...s,
      items: s.items.filter((i) => !needle || i.code.toLowerCase().includes(needle) || i.label.toLowerCase().includes(needle)),
    }))
    .filter((s) => s.items.length > 0);
  return (
    <aside className="schema-browser" data-testid="schema-browser" aria-label={t('queries.schema')}>
      <div className="schema-head">
        <span className="schema-title">{t('queries.schema')}</span>
        <span className="muted small">{t('queries.schemaHint')}</span>
      </div>
      <input
        type="search"
        className="schema-filter"
        placeholder={t('queries.schemaFilter')}
        aria-label={t('queries.schemaFilter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="schema-sections">
        {shown.map((s) => (
          <section key={s.title} className="schema-section">
            <h4>{s.title}</h4>
            <ul>
              {s.items.map((i) => (
                <li key={i.code}>
                  <button
                    type="button"
                    className={`schema-item schema-${s.kind}`}
                    data-schema={i.code}
                    title={i.insert}
                    onClick={() => onInsert(i.insert)}
                  >
                    <span className="schema-label">{i.label}</span>
                    <code className="schema-code">{i.code}</code>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
