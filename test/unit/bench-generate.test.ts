/** The bench's synthetic graph fits the model, so GraphQL can serve every entity and edge of it. */
import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.js';
import { entityKindsOf, relationKindsOf } from '../../shared/model/index.js';

describe('bench generator', () => {
  const { data } = generate({ entities: 3000, relations: 20_000 });

  it('gives entities and relations only the kinds the model allows for their type', () => {
    const bad = [
      ...data.entities.filter((e) => e.kind && !entityKindsOf(e.type).includes(e.kind)).map((e) => `${e.type} ${e.kind}`),
      ...data.relations.filter((r) => r.kind && !relationKindsOf(r.type).includes(r.kind)).map((r) => `${r.type} ${r.kind}`),
    ];
    expect([...new Set(bad)]).toEqual([]);
  });
});
