/** The lead's company and its direct neighbours on a small canvas (the shared GraphCanvas). */
import { useMemo } from 'react';
import { useGraphQL } from '../../api/query-client.js';
import { ErrorBanner, LoadingBar } from '../../components/status.js';
import { GraphCanvas } from '../../graph/graph-canvas.js';
import { toElements } from '../../graph/to-elements.js';
import { graphql } from '../../gql/index.js';
import { useI18n } from '../../i18n/i18n.js';

const LIMIT = 60;

const LeadNeighbourhoodDocument = graphql(`
  query LeadNeighbourhood($ids: [ID!]!, $limit: Int) {
    neighborhood(ids: $ids, depth: 1, limit: $limit) {
      ...SubgraphFields
    }
  }
`);

export function LeadNeighbourhood({ target, onShowEntity }: { target: string; onShowEntity: (id: string) => void }) {
  const { t, lang } = useI18n();
  // Under the neighbourhood prefix, so an edit of the graph drops it like Explore's.
  const hood = useGraphQL(['neighborhood', target, LIMIT, 'lead'], LeadNeighbourhoodDocument, { ids: [target], limit: LIMIT });
  const sub = hood.data?.neighborhood;
  const elements = useMemo(
    () => (sub ? toElements({ nodes: sub.nodes, edges: sub.edges, lang, focus: [target] }).elements : []),
    [sub, lang, target],
  );
  return (
    <div className="lead-hood">
      {hood.error && <ErrorBanner error={hood.error} onRetry={hood.reload} />}
      <p className="muted small">{t('leads.hood.hint')}</p>
      <div className="lead-hood-canvas">
        <GraphCanvas
          elements={elements}
          layout="concentric"
          layoutKey={target}
          selected={target}
          onExpand={onShowEntity}
          testId="lead-canvas"
        >
          <LoadingBar active={hood.loading} />
        </GraphCanvas>
      </div>
    </div>
  );
}
