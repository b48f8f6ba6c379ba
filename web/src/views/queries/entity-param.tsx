/** A saved query's entity parameter: chosen by searching names, shown by name; the id stays out of sight. */
import { EntityName } from '../../components/entity-name.js';
import { useEntityRef } from '../../api/entity-ref.js';
import { EntitySearch } from '../../components/entity-search.js';
import { TypeBadge } from '../../components/type-badge.js';
import type { EntityType } from '../../gql/graphql.js';
import { useI18n } from '../../i18n/i18n.js';

export function EntityParam({
  name,
  value,
  types,
  onChange,
}: {
  name: string;
  value: string;
  types: EntityType[] | null;
  onChange: (id: string) => void;
}) {
  const { t } = useI18n();
  const ref = useEntityRef(value || null);
  const entity = ref.data?.entity ?? null;
  return (
    <div className="entity-param" data-entity-param={name}>
      <div className="entity-param-chosen" data-testid={`param-chosen-${name}`}>
        {!value ? (
          <span className="muted">{t('queries.entityParamNone')}</span>
        ) : entity ? (
          <>
            <span className="entity-param-name">
              <EntityName entity={entity} />
            </span>{' '}
            <TypeBadge type={entity.type} />
          </>
        ) : ref.loading ? (
          <span className="muted">{t('common.loading')}</span>
        ) : (
          <span className="warn-text">{t('queries.entityParamMissing')}</span>
        )}
      </div>
      <EntitySearch
        className="compact"
        types={types ?? undefined}
        placeholder={t('queries.entityParamSearch')}
        testId={`param-search-${name}`}
        onPick={(e) => onChange(e.id)}
      />
    </div>
  );
}
