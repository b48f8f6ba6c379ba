/**
 * The write model's contract on every store: each change is one change set with its revisions and
 * audit event, sourced and authored; retract/restore, merge/unmerge and revert; version conflicts;
 * region scope; and all-or-nothing when a change fails half-way.
 */
import { createHash } from 'node:crypto';
import { describe, expect } from 'vitest';
import { documentsById } from '../../server/domain/curation/documents.js';
import { commitChange } from '../../server/domain/curation/changes.js';
import { createEntity, mergeEntities, restoreEntity, retractEntity, updateEntity } from '../../server/domain/curation/entities.js';
import { changeSet, changeSets, entityHistory, revisionsOf } from '../../server/domain/curation/history.js';
import { addRelation, confirmRelation, restoreRelation, retractRelation, updateRelation } from '../../server/domain/curation/relations.js';
import { revertChangeSet } from '../../server/domain/curation/revert.js';
import type { ChangeAuthor, SourceInput } from '../../server/domain/curation/types.js';
import { DomainError } from '../../server/domain/errors.js';
import { creditCodeCheck } from '../../shared/model/curation.js';
import { getEntity, neighborhood } from '../../server/domain/graph.js';
import { relationId } from '../../server/domain/model.js';
import type { GraphStore } from '../../server/store/types.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const it = graphTest({ load: (store) => store.bulkLoad(smallGraph({ hubSize: 0 })) });
const editor: ChangeAuthor = { username: 'editor1', region: null, clientAddress: '127.0.0.1' };
const visit: SourceInput = { kind: 'note', note: '2026-11-02 走访企业，现场核实', date: '2026-11-02' };

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return 'NO_ERROR';
}

async function count(store: GraphStore, cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await store.read(cypher, params);
  return Number(row.n);
}

/** A fresh enterprise in 浦江镇, unique to the test. */
async function newCompany(store: GraphStore, name: string, author = editor) {
  const { result, changeSet: cs } = await createEntity(store, author, {
    draft: { type: 'Enterprise', name, aliases: ['测试简称'] },
    placement: { locatedIn: 'r-pj' },
    note: '展会上认识的企业',
    source: visit,
  });
  return { id: result.id, changeSet: cs };
}

describe.each(storeFactories)('write model on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('creates an entity as one sourced, authored change set with history and an audit event', async ({ store }) => {
    const { id, changeSet: cs } = await newCompany(store, `上海甲${Date.now()}生物科技有限公司`);
    const e = await getEntity(store, id);
    expect(e?.version).toBe(1);
    expect(e?.updatedBy).toBe('editor1');
    expect(e?.sources).toHaveLength(1);
    expect(e?.sources[0].document).toBe(`note-${cs.id}`);
    expect(e?.lastSeen).toBe('2026-11-02');
    // It is in the graph where it was placed, and its district sees it.
    const sub = await neighborhood(store, [id], { depth: 1, limit: 10 });
    expect(sub.nodes.map((n) => n.id)).toContain('r-pj');
    expect(cs.regions).toEqual(expect.arrayContaining(['r-pj', 'r-mh', 'r-sh']));
    expect(cs.author).toBe('editor1');
    const revs = await revisionsOf(store, cs.id);
    expect(revs.map((r) => `${r.target}:${r.op}`)).toEqual(['ENTITY:CREATE', 'RELATION:CREATE']);
    expect(
      await count(store, 'MATCH (a:AuditEvent) WHERE a.target = $id AND a.action = $w RETURN count(a) AS n', { id: cs.id, w: 'WRITE' }),
    ).toBe(1);
    expect(await count(store, 'MATCH (d:Document {id: $id}) RETURN count(d) AS n', { id: `note-${cs.id}` })).toBe(1);
  });

  it('refuses bad values naming the field, and writes nothing', async ({ store }) => {
    const before = await count(store, 'MATCH (c:ChangeSet) RETURN count(c) AS n');
    const bad = async (draft: Record<string, unknown>, field: string) => {
      try {
        await createEntity(store, editor, { draft: { type: 'Enterprise', name: '某公司', ...draft } as never, note: '', source: visit });
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).code).toBe('BAD_USER_INPUT');
        expect((err as DomainError).details.field).toBe(field);
        return;
      }
      throw new Error(`accepted ${JSON.stringify(draft)}`);
    };
    await bad({ creditCode: '91310000607220592F' }, 'creditCode');
    await bad({ founded: '2023-02-31' }, 'founded');
    await bad({ website: 'javascript:alert(1)' }, 'website');
    await bad({ kind: 'district' }, 'kind');
    await bad({ name: '   ' }, 'name');
    await bad({ headcount: -3 }, 'headcount');
    await bad({ type: 'ChainSegment' }, 'type');
    await expect(
      createEntity(store, editor, { draft: { type: 'Enterprise', name: '某公司' }, note: '', source: null as never }),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await count(store, 'MATCH (c:ChangeSet) RETURN count(c) AS n')).toBe(before);
  });

  it('keeps the previous version, and refuses a stale edit with CONFLICT', async ({ store }) => {
    const { id } = await newCompany(store, `上海乙${Date.now()}医疗器械有限公司`);
    const { changeSet: cs } = await updateEntity(store, editor, {
      id,
      expectedVersion: 1,
      patch: { nameEn: 'Yi Medical', creditCode: '91350100M000100Y43' },
      note: '官网核实',
      source: { kind: 'url', url: 'https://example.com/about', title: '公司官网' },
    });
    const [rev] = await revisionsOf(store, cs.id);
    expect(rev.op).toBe('UPDATE');
    expect(rev.before?.nameEn ?? null).toBeNull();
    expect(rev.after?.nameEn).toBe('Yi Medical');
    expect((await getEntity(store, id))?.version).toBe(2);
    expect(await codeOf(updateEntity(store, editor, { id, expectedVersion: 1, patch: { nameEn: 'Stale' }, note: '', source: visit }))).toBe(
      'CONFLICT',
    );
    expect((await getEntity(store, id))?.nameEn).toBe('Yi Medical');
    // A credit code belongs to one entity.
    const other = await newCompany(store, `上海丙${Date.now()}有限公司`);
    expect(
      await codeOf(updateEntity(store, editor, { id: other.id, patch: { creditCode: '91350100M000100Y43' }, note: '', source: visit })),
    ).toBe('BAD_USER_INPUT');
  });

  it('shows a source document written after its id was looked up and found missing', async ({ store }) => {
    // Documents read are kept per graph version (documentsById), misses too: the change that writes
    // the document moves the version on, so the next read finds it.
    const url = `https://example.com/${Date.now()}/about`;
    const doc = `web-${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
    expect((await documentsById(store, [doc, 'seed-missing'])).size).toBe(0);
    const { id } = await newCompany(store, `上海戊${Date.now()}医药有限公司`);
    await updateEntity(store, editor, { id, patch: { nameEn: 'Wu Pharma' }, note: '', source: { kind: 'url', url, title: '戊公司官网' } });
    expect((await documentsById(store, [doc, 'seed-missing'])).get(doc)?.title).toBe('戊公司官网');
    expect((await getEntity(store, id))?.sources.map((s) => s.document)).toContain(doc);
  });

  it('retracts an entity with its relations out of analysis, keeps it in history, and restores both', async ({ store }) => {
    const { id } = await newCompany(store, `上海丁${Date.now()}生物有限公司`);
    await addRelation(store, editor, { draft: { type: 'MEMBER_OF', from: id, to: 'a-dpj', role: '成员单位' }, note: '', source: visit });
    await retractEntity(store, editor, { id, note: '企业已迁出', source: visit });
    expect(await getEntity(store, id)).toBeNull();
    expect((await neighborhood(store, ['a-dpj'], { depth: 1, limit: 50 })).nodes.map((n) => n.id)).not.toContain(id);
    const history = await entityHistory(store, id);
    expect(history.items.map((r) => r.op)).toEqual(['RETRACT', 'RETRACT', 'RETRACT', 'CREATE', 'CREATE', 'CREATE']);
    const { result } = await restoreEntity(store, editor, { id, note: '误撤回' });
    expect(result.relations).toBe(2);
    const back = await getEntity(store, id);
    expect(back?.version).toBeGreaterThan(1);
    expect((await neighborhood(store, [id], { depth: 1, limit: 50 })).nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining(['a-dpj', 'r-pj']),
    );
  });

  it('adds, retracts and restores a relation; refuses duplicates and model violations', async ({ store }) => {
    const { id } = await newCompany(store, `上海戊${Date.now()}有限公司`);
    const { result: rel } = await addRelation(store, editor, {
      draft: { type: 'MEMBER_OF', from: id, to: 'a-mhbio', role: '成员' },
      note: '',
      source: visit,
    });
    expect(rel.id).toBe(relationId({ type: 'MEMBER_OF', from: id, to: 'a-mhbio', role: '成员' }));
    expect(
      await codeOf(
        addRelation(store, editor, { draft: { type: 'MEMBER_OF', from: id, to: 'a-mhbio', role: '成员' }, note: '', source: visit }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(await codeOf(addRelation(store, editor, { draft: { type: 'MEMBER_OF', from: id, to: 'a-dpj' }, note: '', source: visit }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      await codeOf(addRelation(store, editor, { draft: { type: 'AFFILIATED_WITH', from: id, to: 'u-sjtu' }, note: '', source: visit })),
    ).toBe('BAD_USER_INPUT');
    expect(await codeOf(addRelation(store, editor, { draft: { type: 'SIGNED', from: id, to: 'nope' }, note: '', source: visit }))).toBe(
      'NOT_FOUND',
    );
    await retractRelation(store, editor, { id: rel.id, note: '', source: visit });
    expect((await neighborhood(store, [id], { depth: 1, limit: 50 })).nodes.map((n) => n.id)).not.toContain('a-mhbio');
    await restoreRelation(store, editor, { id: rel.id, note: '' });
    expect((await neighborhood(store, [id], { depth: 1, limit: 50 })).nodes.map((n) => n.id)).toContain('a-mhbio');
  });

  it("edits a relation's role and date, keeping its id, and refuses a role its type needs taken away", async ({ store }) => {
    const { id } = await newCompany(store, `上海癸${Date.now()}医药有限公司`);
    const { result: rel } = await addRelation(store, editor, {
      draft: { type: 'MEMBER_OF', from: id, to: 'a-dpj', role: '成员单位' },
      note: '',
      source: visit,
    });
    const { result: edited } = await updateRelation(store, editor, {
      id: rel.id,
      expectedVersion: 1,
      patch: { role: '副会长单位', date: '2026-11' },
      note: '换届',
      source: visit,
    });
    expect(edited).toMatchObject({ id: rel.id, role: '副会长单位', date: '2026-11', version: 2 });
    expect(await codeOf(updateRelation(store, editor, { id: rel.id, patch: { role: null }, note: '', source: visit }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      await codeOf(updateRelation(store, editor, { id: rel.id, expectedVersion: 1, patch: { topic: 'x' }, note: '', source: visit })),
    ).toBe('CONFLICT');
  });

  it('confirms an inferred relation with a source', async ({ store }) => {
    const id = relationId({ type: 'AFFILIATED_WITH', from: 'h-renji', to: 'u-sjtu' });
    const { changeSet: cs } = await confirmRelation(store, editor, {
      id,
      note: '医院官网',
      source: { kind: 'url', url: 'https://www.renji.com/' },
    });
    const sub = await neighborhood(store, ['h-renji'], { depth: 1, limit: 50 });
    const edge = sub.edges.find((e) => e.id === id)!;
    expect(edge.inferred).toBe(false);
    expect(edge.sources.length).toBe(2);
    await revertChangeSet(store, editor, { id: cs.id, note: '' });
    expect((await neighborhood(store, ['h-renji'], { depth: 1, limit: 50 })).edges.find((e) => e.id === id)!.inferred).toBe(true);
  });

  it('merges duplicates (relations and aliases move) and a revert unmerges them', async ({ store }) => {
    const a = await newCompany(store, `上海己${Date.now()}科技有限公司`);
    const b = await newCompany(store, `己科技${Date.now()}`);
    await addRelation(store, editor, { draft: { type: 'MEMBER_OF', from: b.id, to: 'a-dpj', role: '成员单位' }, note: '', source: visit });
    const bName = (await getEntity(store, b.id))!.name;
    const { changeSet: merge } = await mergeEntities(store, editor, { keepId: a.id, mergeId: b.id, note: '同一家企业' });
    expect(await getEntity(store, b.id)).toBeNull();
    const kept = (await getEntity(store, a.id))!;
    expect(kept.aliases).toContain(bName);
    const around = await neighborhood(store, [a.id], { depth: 1, limit: 50 });
    expect(around.nodes.map((n) => n.id)).toContain('a-dpj');
    // Both were in 浦江镇: the moved LOCATED_IN joins the one the kept entity had.
    expect(around.edges.filter((e) => e.type === 'LOCATED_IN')).toHaveLength(1);

    await revertChangeSet(store, editor, { id: merge.id, note: '不是同一家' });
    expect((await getEntity(store, b.id))?.name).toBe(bName);
    expect((await getEntity(store, a.id))!.aliases).not.toContain(bName);
    expect((await neighborhood(store, [b.id], { depth: 1, limit: 50 })).nodes.map((n) => n.id)).toContain('a-dpj');
    expect((await neighborhood(store, [a.id], { depth: 1, limit: 50 })).nodes.map((n) => n.id)).not.toContain('a-dpj');
    expect((await changeSet(store, merge.id))?.revertedBy).toBeTruthy();
    expect(await codeOf(revertChangeSet(store, editor, { id: merge.id, note: '' }))).toBe('CONFLICT');
  });

  it('refuses to revert a change whose facts changed since, until the later change is reverted', async ({ store }) => {
    const { id, changeSet: created } = await newCompany(store, `上海庚${Date.now()}有限公司`);
    const { changeSet: later } = await updateEntity(store, editor, {
      id,
      patch: { description: '后来补充的简介' },
      note: '',
      source: visit,
    });
    expect(await codeOf(revertChangeSet(store, editor, { id: created.id, note: '' }))).toBe('CONFLICT');
    expect(await getEntity(store, id)).not.toBeNull();
    await revertChangeSet(store, editor, { id: later.id, note: '' });
    await revertChangeSet(store, editor, { id: created.id, note: '' });
    expect(await getEntity(store, id)).toBeNull();
  });

  it('lists recent changes filtered by region, type and author', async ({ store }) => {
    const mine = { ...editor, username: `feed-${Date.now()}` };
    const { changeSet: cs } = await newCompany(store, `上海辛${Date.now()}有限公司`, mine);
    expect((await changeSets(store, { author: mine.username })).items.map((c) => c.id)).toEqual([cs.id]);
    expect((await changeSets(store, { author: mine.username, region: 'r-mh' })).items).toHaveLength(1);
    expect((await changeSets(store, { author: mine.username, region: 'r-hub' })).items).toHaveLength(0);
    expect((await changeSets(store, { author: mine.username, type: 'Enterprise' })).items).toHaveLength(1);
    expect((await changeSets(store, { author: mine.username, type: 'Hospital' })).items).toHaveLength(0);
  });

  it('keeps a region-scoped editor to their region', async ({ store }) => {
    const pujiang: ChangeAuthor = { username: 'pj-editor', region: 'r-pj', clientAddress: null };
    const { id } = await newCompany(store, `上海壬${Date.now()}有限公司`, pujiang);
    expect(id).toBeTruthy();
    // Placed outside 浦江镇: refused, nothing written.
    const before = await count(store, 'MATCH (c:ChangeSet) RETURN count(c) AS n');
    const outside = createEntity(store, pujiang, {
      draft: { type: 'Enterprise', name: '枢纽某公司' },
      placement: { locatedIn: 'r-hub' },
      note: '',
      source: visit,
    });
    expect(await codeOf(outside)).toBe('FORBIDDEN');
    expect(await codeOf(updateEntity(store, pujiang, { id: 'u-sjtu', patch: { description: 'x' }, note: '', source: visit }))).toBe(
      'FORBIDDEN',
    );
    expect(await count(store, 'MATCH (c:ChangeSet) RETURN count(c) AS n')).toBe(before);
    // A relation with one end in the region is theirs to add.
    await addRelation(store, pujiang, { draft: { type: 'MEMBER_OF', from: id, to: 'a-mhbio', role: '成员' }, note: '', source: visit });
  });

  it('leaves no trace of a change that fails half-way', async ({ store }) => {
    const counts = async () => ({
      entities: await count(store, 'MATCH (n:Entity) RETURN count(n) AS n'),
      changes: await count(store, 'MATCH (c:ChangeSet) RETURN count(c) AS n'),
      revisions: await count(store, 'MATCH (r:Revision) RETURN count(r) AS n'),
      audit: await count(store, 'MATCH (a:AuditEvent) RETURN count(a) AS n'),
      documents: await count(store, 'MATCH (d:Document) RETURN count(d) AS n'),
    });
    const before = await counts();
    // A fault after the first write (the process would die here)…
    await expect(
      commitChange(store, { kind: 'EDIT', note: 'fault', source: visit, author: editor }, async (change) => {
        await change.putEntity(null, { id: 'fault-1', type: 'Enterprise', name: '故障注入', aliases: '[]', sources: '[]' });
        throw new Error('injected fault');
      }),
    ).rejects.toThrow('injected fault');
    // …and a statement the engine refuses after a write (a second entity with the same id).
    await expect(
      commitChange(store, { kind: 'EDIT', note: 'fault', source: visit, author: editor }, async (change) => {
        await change.putEntity(null, { id: 'fault-2', type: 'Enterprise', name: '故障注入', aliases: '[]', sources: '[]' });
        await change.putEntity(null, { id: 'fault-2', type: 'Enterprise', name: '故障注入', aliases: '[]', sources: '[]' });
      }),
    ).rejects.toThrow();
    expect(await counts()).toEqual(before);
    expect(await getEntity(store, 'fault-1')).toBeNull();
  });
});

describe.each(storeFactories)('curation API on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('adds an entity with a duplicate warning, edits it, and shows its history and the feed', async ({ gql }) => {
    const similar = await gql('{ similarNames(name: "思路迪生物", type: Enterprise) { entity { id } score reason } }');
    expect(similar.errors, JSON.stringify(similar.errors)).toBeUndefined();
    expect(similar.data!.similarNames[0].entity.id).toBe('e-sld');

    const name = `上海癸${Date.now()}生物医药有限公司`;
    const body = `9131011${String(Date.now()).slice(-10)}`;
    const code = body + creditCodeCheck(body);
    const created = await gql(
      `mutation($name: String!, $code: String!) {
        createEntity(input: {type: Enterprise, name: $name, creditCode: $code, qualifications: ["高新技术企业"]},
          placement: {locatedIn: "p-zg"}, note: "展会", source: {kind: note, note: "2026-11-02 展会上交换名片", date: "2026-11-02"}) {
          changeSet { id author kind counts { target op count } document { kind title } }
          entity { id name version creditCode qualifications sources { document quote kind date } }
        }
      }`,
      { name, code },
    );
    expect(created.errors, JSON.stringify(created.errors)).toBeUndefined();
    const { changeSet: cs, entity } = created.data!.createEntity;
    expect(entity).toMatchObject({ name, version: 1, creditCode: code, qualifications: ['高新技术企业'] });
    expect(entity.sources[0]).toMatchObject({ kind: 'note', date: '2026-11-02' });
    expect(cs.document.kind).toBe('note');
    expect(cs.counts).toEqual(expect.arrayContaining([{ target: 'ENTITY', op: 'CREATE', count: 1 }]));

    // The duplicate warnings know the new company at once, and its new name after an edit.
    const found = await gql('query($n: String!) { similarNames(name: $n) { entity { id } reason } }', { n: name });
    expect(found.data!.similarNames[0]).toEqual({ entity: { id: entity.id }, reason: 'EXACT_NAME' });

    const stale = await gql(
      `mutation($id: ID!) { updateEntity(id: $id, expectedVersion: 7, patch: {address: "浦江镇"}, note: "", source: {kind: note, note: "电话"}) { entity { id } } }`,
      { id: entity.id },
    );
    expect(stale.errors![0].extensions!.code).toBe('CONFLICT');
    const bad = await gql(
      `mutation($id: ID!) { updateEntity(id: $id, patch: {founded: "2023-13-01"}, note: "", source: {kind: note, note: "电话"}) { entity { id } } }`,
      { id: entity.id },
    );
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'founded' });
    const edited = await gql(
      `mutation($id: ID!) { updateEntity(id: $id, expectedVersion: 1, patch: {address: "浦江镇某路1号", website: "example.com"}, note: "走访", source: {kind: url, url: "https://example.com/"}) { entity { version address website } } }`,
      { id: entity.id },
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateEntity.entity).toEqual({ version: 2, address: '浦江镇某路1号', website: 'https://example.com' });
    const renamed = `${name}（新）`;
    const rename = await gql(
      `mutation($id: ID!, $n: String!) { updateEntity(id: $id, patch: {name: $n}, note: "更名", source: {kind: note, note: "工商变更"}) { entity { name } } }`,
      { id: entity.id, n: renamed },
    );
    expect(rename.errors).toBeUndefined();
    const currentName = rename.data!.updateEntity.entity.name as string;
    const afterRename = await gql('query($n: String!) { similarNames(name: $n) { entity { id } reason } }', { n: currentName });
    expect(afterRename.data!.similarNames[0]).toEqual({ entity: { id: entity.id }, reason: 'EXACT_NAME' });

    const history = await gql(
      `query($id: ID!) { history(id: $id) { items { op target label author fields { field before after } changeSet { note } } } }`,
      {
        id: entity.id,
      },
    );
    expect(history.errors).toBeUndefined();
    const items = history.data!.history.items;
    expect(items[1]).toMatchObject({ op: 'UPDATE', target: 'ENTITY', changeSet: { note: '走访' } });
    expect(items[1].fields).toEqual(
      expect.arrayContaining([
        { field: 'address', before: null, after: '浦江镇某路1号' },
        { field: 'website', before: null, after: 'https://example.com' },
      ]),
    );
    expect(items.map((i: { op: string }) => i.op)).toEqual(['UPDATE', 'UPDATE', 'CREATE', 'CREATE']);

    const feed = await gql('query($r: ID!) { changes(region: $r, type: Enterprise, limit: 5) { items { id } } }', { r: 'r-mh' });
    expect(feed.data!.changes.items.map((c: { id: string }) => c.id)).toContain(cs.id);

    // Retracted, it is still named in its history (from the history itself), not shown as an id.
    const gone = await gql(
      `mutation($id: ID!) { retractEntity(id: $id, note: "迁出", source: {kind: note, note: "电话"}) { changeSet { id } } }`,
      {
        id: entity.id,
      },
    );
    expect(gone.errors).toBeUndefined();
    const after = await gql(`query($id: ID!) { history(id: $id) { items { op target label fromName } } }`, { id: entity.id });
    const relation = after.data!.history.items.find((i: { target: string }) => i.target === 'RELATION');
    expect(relation.fromName).toBe(currentName);
    expect(relation.label).toContain(currentName);

    const docs = await gql('{ documents(kind: note) { id title factCount } }');
    // The entity and its placement are retracted: nothing in the graph cites the note any more.
    expect(docs.data!.documents.find((d: { id: string }) => d.id === `note-${cs.id}`)?.factCount).toBe(0);
  });
});
