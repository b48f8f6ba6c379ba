import { entityFields, sourceFields } from './entity.js';
import { entityResolver } from './query/entity.js';
import { neighborhoodResolver } from './query/neighborhood.js';
import { pathsResolver } from './query/paths.js';
import { searchResolver } from './query/search.js';
import { statsResolver } from './query/stats.js';

export const resolvers = {
  Query: {
    search: searchResolver,
    entity: entityResolver,
    neighborhood: neighborhoodResolver,
    paths: pathsResolver,
    stats: statsResolver,
  },
  Entity: entityFields,
  Source: sourceFields,
};
