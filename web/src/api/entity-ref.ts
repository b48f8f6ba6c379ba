/** An entity's name and type by id (for headings: the partners' subject, the ends of a path). */
import { graphql } from '../gql/index.js';
import { keys } from './query-keys.js';
import { useGraphQL } from './query-client.js';

const EntityRefDocument = graphql(`
  query EntityRefById($id: ID!) {
    entity(id: $id) {
      ...EntityRef
    }
  }
`);

export function useEntityRef(id: string | null) {
  return useGraphQL(keys.entityRef(id ?? ''), EntityRefDocument, id ? { id } : null);
}
