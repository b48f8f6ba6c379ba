/**
 * Follows and the "what changed since my last visit" feed on every store: an edit to a followed
 * entity shows with the fields it changed, an unfollowed one does not; a region follow catches a new
 * company in one of its towns (and its retraction); a segment follow catches a new IN_SEGMENT link to
 * a sub-segment; a visit empties the feed; pages; each user sees only their own follows; bad input;
 * leads created and moved on what is followed, within the user's region scope; through the API, each
 * signed-in caller's follows are their own.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, onTestFinished } from 'vitest';
import { Auth } from '../../server/auth/service.js';
import type { AppContext } from '../../server/context.js';
import { createEntity, retractEntity, updateEntity } from '../../server/domain/curation/entities.js';
import { addRelation } from '../../server/domain/curation/relations.js';
import { moveLeadStage } from '../../server/domain/leads/change.js';
import { createLead } from '../../server/domain/leads/create.js';
import type { LeadActor } from '../../server/domain/leads/types.js';
import type { ChangeAuthor, SourceInput } from '../../server/domain/curation/types.js';
import { relationId, type GraphData } from '../../server/domain/model.js';
import { changesSince } from '../../server/domain/watch/feed.js';
import { follow, markVisited, unfollow, watchList, type WatchUser } from '../../server/domain/watch/watches.js';
import type { GraphStore } from '../../server/store/types.js';
import { buildYoga } from '../../server/yoga.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { graphTest, type Graph } from '../helpers/graph-test.js';
import type { GqlResult } from '../helpers/graphql.js';
import { storeFactories } from '../helpers/stores.js';

/** The small graph and a chain segment (生物药) with a sub-segment (抗体药物) PART_OF it. */
function graphWithSegments(): GraphData {
  const g = smallGraph({ hubSize: 0 });
  const sources = [{ document: 'fixture.txt', quote: '生物药' }];
  g.entities.push(
    { id: 'seg-bio', type: 'ChainSegment', name: '生物药', aliases: [], tier: 'midstream', search: '生物药', sources },
    { id: 'seg-ab', type: 'ChainSegment', name: '抗体药物', aliases: [], tier: 'midstream', search: '抗体药物', sources },
  );
  g.relations.push({
    id: relationId({ type: 'PART_OF', from: 'seg-ab', to: 'seg-bio' }),
    type: 'PART_OF',
    from: 'seg-ab',
    to: 'seg-bio',
    sources,
  });
  return g;
}

const it = graphTest({ load: (store) => store.bulkLoad(graphWithSegments()) });
const curator: ChangeAuthor = { username: 'curator', region: null, clientAddress: null };
const visit: SourceInput = { kind: 'note', note: '2026-11-30 走访企业', date: '2026-11-30' };

/** A user of this test only; their follows and visit are removed when it ends. */
function newUser(store: GraphStore, name: string): WatchUser {
  const user = { id: `u-${randomUUID()}`, username: `${name}-${randomUUID().slice(0, 6)}` };
  onTestFinished(async () => {
    await store.write('MATCH (w:Watch) WHERE w.userId = $id DELETE w', { id: user.id });
    await store.write('MATCH (v:WatchVisit) WHERE v.id = $id DELETE v', { id: user.id });
  });
  return user;
}

async function describeEntity(store: GraphStore, id: string, description: string, patch: Record<string, unknown> = {}) {
  return updateEntity(store, curator, { id, patch: { description, ...patch }, note: '更新简介', source: visit });
}

async function newCompany(store: GraphStore, name: string, locatedIn: string) {
  const { result, changeSet } = await createEntity(store, curator, {
    draft: { type: 'Enterprise', name },
    placement: { locatedIn },
    note: '新落户企业',
    source: visit,
  });
  return { id: result.id, changeSet };
}

const suffix = () => randomUUID().slice(0, 6);

describe.each(storeFactories)('watch-lists and the changes feed on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('shows an edit of a followed entity with the fields it changed, and not an edit of an unfollowed one', async ({ store }) => {
    const user = newUser(store, 'follower');
    await follow(store, user, 'ENTITY', 'e-sld');
    await markVisited(store, user);
    const edit = await describeEntity(store, 'e-sld', `肿瘤精准诊疗 ${suffix()}`, { website: 'https://www.3dmed.example' });
    await describeEntity(store, 'a-mhbio', `联盟简介 ${suffix()}`);

    const feed = await changesSince(store, user);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      kind: 'FACT_CHANGED',
      by: 'curator',
      changeSet: edit.changeSet.id,
      sourcesChanged: true,
      entity: { id: 'e-sld', name: '上海思路迪生物医学科技有限公司', type: 'Enterprise', live: true },
      relation: null,
      matchedBy: [{ kind: 'ENTITY', targetId: 'e-sld' }],
    });
    expect([...feed.items[0].fields].sort()).toEqual(['description', 'website']);
    expect(feed.next).toBeNull();

    // The caller's own edits are not news to them, unless asked for.
    await updateEntity(
      store,
      { ...curator, username: user.username },
      { id: 'e-sld', patch: { nameEn: '3D Med' }, note: '', source: visit },
    );
    expect((await changesSince(store, user)).items).toHaveLength(1);
    expect((await changesSince(store, user, { includeOwn: true })).items.map((i) => i.fields)).toEqual([['nameEn'], expect.any(Array)]);
  });

  it('catches a new company in a town of a followed district, and its retraction, but not one elsewhere', async ({ store }) => {
    const user = newUser(store, 'district');
    const watch = await follow(store, user, 'REGION', 'r-mh');
    await markVisited(store, user);
    const name = `上海浦江${suffix()}生物科技有限公司`;
    const inTown = await newCompany(store, name, 'r-pj');
    await newCompany(store, `上海枢纽${suffix()}医疗器械有限公司`, 'r-hub');

    const added = await changesSince(store, user);
    expect(added.items.map((i) => [i.kind, i.entity?.id ?? i.relation?.type, i.relation?.to.id ?? null])).toEqual([
      ['FACT_ADDED', inTown.id, null],
      ['FACT_ADDED', 'LOCATED_IN', 'r-pj'],
    ]);
    expect(added.items[0].entity).toMatchObject({ name, type: 'Enterprise', live: true });
    expect(added.items[1].relation).toMatchObject({ from: { id: inTown.id, name }, to: { id: 'r-pj', name: '浦江镇' }, live: true });
    expect(added.items.every((i) => i.matchedBy.length === 1 && i.matchedBy[0].id === watch.id)).toBe(true);

    await markVisited(store, user);
    const gone = await retractEntity(store, curator, { id: inTown.id, note: '企业已迁出', source: visit });
    const retracted = await changesSince(store, user);
    expect(retracted.items.map((i) => [i.kind, i.changeSet, i.entity?.live ?? i.relation?.live])).toEqual([
      ['FACT_RETRACTED', gone.changeSet.id, false],
      ['FACT_RETRACTED', gone.changeSet.id, false],
    ]);
    expect(retracted.items.find((i) => i.entity)?.entity).toMatchObject({ id: inTown.id, name, live: false });
  });

  it('catches a new IN_SEGMENT link to a sub-segment of a followed segment, then edits of the entity in it', async ({ store }) => {
    const user = newUser(store, 'segment');
    await follow(store, user, 'SEGMENT', 'seg-bio');
    const company = await newCompany(store, `上海抗体${suffix()}生物科技有限公司`, 'r-pj');
    await markVisited(store, user);
    await describeEntity(store, 'e-nsq', `不在该环节 ${suffix()}`);

    const link = await addRelation(store, curator, {
      draft: { type: 'IN_SEGMENT', from: company.id, to: 'seg-ab' },
      note: '主营抗体',
      source: visit,
    });
    await describeEntity(store, company.id, '抗体药物研发');
    const feed = await changesSince(store, user);
    expect(feed.items.map((i) => [i.kind, i.relation?.type ?? i.entity?.id, i.fields])).toEqual([
      ['FACT_CHANGED', company.id, ['description']],
      ['FACT_ADDED', 'IN_SEGMENT', []],
    ]);
    expect(feed.items[1]).toMatchObject({
      changeSet: link.changeSet.id,
      relation: { id: link.result.id, from: { id: company.id }, to: { id: 'seg-ab', name: '抗体药物', type: 'ChainSegment' } },
      matchedBy: [{ kind: 'SEGMENT', targetId: 'seg-bio' }],
    });
  });

  it('is empty after a visit, and a visit never moves back', async ({ store }) => {
    const user = newUser(store, 'visitor');
    await follow(store, user, 'ENTITY', 'e-nsq');
    await markVisited(store, user);
    await describeEntity(store, 'e-nsq', `呼吸健康 ${suffix()}`);
    expect((await changesSince(store, user)).items).toHaveLength(1);

    const visited = await markVisited(store, user);
    const feed = await changesSince(store, user);
    expect(feed).toMatchObject({ since: visited, lastVisitAt: visited, items: [], next: null });
    expect(await markVisited(store, user, '2020-01-01T00:00:00Z')).toBe(visited);
    // An explicit `since` reads further back than the last visit.
    expect((await changesSince(store, user, { since: new Date(Date.now() - 3_600_000).toISOString() })).items.length).toBeGreaterThan(0);
  });

  it('pages newest first with a cursor, each item once', async ({ store }) => {
    const user = newUser(store, 'pager');
    await follow(store, user, 'ENTITY', 'h-renji');
    await markVisited(store, user);
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await describeEntity(store, 'h-renji', `第${i}次 ${suffix()}`)).changeSet.id);

    const seen: string[] = [];
    let after: string | null = null;
    const sizes: number[] = [];
    do {
      const page = await changesSince(store, user, { limit: 2, after });
      sizes.push(page.items.length);
      seen.push(...page.items.map((i) => i.changeSet!));
      after = page.next;
    } while (after);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual([...made].reverse());
    await expect(changesSince(store, user, { limit: 201 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(changesSince(store, user, { after: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it("keeps each user's follows their own, and following twice changes nothing", async ({ store }) => {
    const alice = newUser(store, 'alice');
    const bob = newUser(store, 'bob');
    const first = await follow(store, alice, 'ENTITY', 'u-sjtu');
    const again = await follow(store, alice, 'ENTITY', 'u-sjtu');
    await follow(store, alice, 'REGION', 'r-pj');
    expect(again).toEqual(first);
    expect((await watchList(store, alice)).map((w) => [w.kind, w.targetId]).sort()).toEqual([
      ['ENTITY', 'u-sjtu'],
      ['REGION', 'r-pj'],
    ]);
    expect(await watchList(store, bob)).toEqual([]);
    await markVisited(store, alice);
    await markVisited(store, bob);
    await describeEntity(store, 'u-sjtu', `综合性大学 ${suffix()}`);
    expect((await changesSince(store, alice)).items).toHaveLength(1);
    expect((await changesSince(store, bob)).items).toEqual([]);

    expect(await unfollow(store, alice, 'ENTITY', 'u-sjtu')).toBe(true);
    expect(await unfollow(store, alice, 'ENTITY', 'u-sjtu')).toBe(false);
    expect((await watchList(store, alice)).map((w) => w.targetId)).toEqual(['r-pj']);
  });

  it('refuses to follow a missing or retracted entity, or a region or segment of the wrong type, with a code', async ({ store }) => {
    const user = newUser(store, 'careless');
    const gone = await newCompany(store, `上海已撤${suffix()}科技有限公司`, 'r-pj');
    await retractEntity(store, curator, { id: gone.id, note: '重复录入', source: visit });
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: { code?: string; details?: { watchCode?: string } }) => [e.code, e.details?.watchCode],
      );
    expect(await refusal(follow(store, user, 'ENTITY', 'no-such-id'))).toEqual(['BAD_USER_INPUT', 'NO_SUCH_ENTITY']);
    expect(await refusal(follow(store, user, 'ENTITY', gone.id))).toEqual(['BAD_USER_INPUT', 'RETRACTED']);
    expect(await refusal(follow(store, user, 'REGION', 'e-sld'))).toEqual(['BAD_USER_INPUT', 'NOT_A_REGION']);
    expect(await refusal(follow(store, user, 'SEGMENT', 'r-mh'))).toEqual(['BAD_USER_INPUT', 'NOT_A_SEGMENT']);
    expect(await watchList(store, user)).toEqual([]);
  });
});

/** Leads are owned by the local user (the store has no accounts). */
const promoter: LeadActor = { username: 'local', role: 'admin', region: null, clientAddress: null };

describe.each(storeFactories)('leads in the changes feed on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('shows a lead opened on a followed company and its stage change, between the facts, page by page', async ({ store }) => {
    const user = newUser(store, 'promoter');
    await follow(store, user, 'ENTITY', 'x-evil');
    await markVisited(store, user);
    const before = await describeEntity(store, 'x-evil', `拟引进 ${suffix()}`);
    const lead = await createLead(store, promoter, { target: 'x-evil', region: 'r-pj', origin: { kind: 'MANUAL' } }, Date.now());
    await moveLeadStage(store, promoter, { id: lead.id, stage: 'CONTACT', expectedVersion: lead.version }, Date.now());
    const after = await describeEntity(store, 'x-evil', `已接洽 ${suffix()}`);

    const items = [];
    let next: string | null = null;
    do {
      const page = await changesSince(store, user, { limit: 1, after: next });
      items.push(...page.items);
      next = page.next;
    } while (next);
    expect(items.map((i) => [i.kind, i.changeSet ?? i.lead?.toStage])).toEqual([
      ['FACT_CHANGED', after.changeSet.id],
      ['LEAD_STAGE_CHANGED', 'CONTACT'],
      ['LEAD_CREATED', 'LEAD'],
      ['FACT_CHANGED', before.changeSet.id],
    ]);
    expect(items[1]).toMatchObject({
      by: 'local',
      entity: { id: 'x-evil', type: 'Enterprise', live: true },
      lead: { id: lead.id, stage: 'CONTACT', fromStage: 'LEAD', toStage: 'CONTACT' },
      matchedBy: [{ kind: 'ENTITY', targetId: 'x-evil' }],
    });
  });

  it("shows a region's leads to a user scoped to it, and not to one scoped elsewhere", async ({ store }) => {
    const inside = { ...newUser(store, 'minhang'), region: 'r-mh' };
    const outside = { ...newUser(store, 'hub'), region: 'r-hub' };
    for (const u of [inside, outside]) {
      await follow(store, u, 'REGION', 'r-sh');
      await markVisited(store, u);
    }
    const lead = await createLead(store, promoter, { target: 'u-sjtu', region: 'r-pj', origin: { kind: 'MANUAL' } }, Date.now());
    expect((await changesSince(store, inside)).items).toMatchObject([
      { kind: 'LEAD_CREATED', lead: { id: lead.id, name: '上海交通大学' }, matchedBy: [{ kind: 'REGION', targetId: 'r-sh' }] },
    ]);
    expect((await changesSince(store, outside)).items).toEqual([]);
  });
});

describe.each(storeFactories)('the feed through the API on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('follows, lists and reads the feed with names to link into Explore; bad input is BAD_USER_INPUT with a code', async ({
    gql,
    store,
  }) => {
    onTestFinished(async () => {
      await store.write("MATCH (w:Watch) WHERE w.userId = 'local' DELETE w");
      await store.write("MATCH (v:WatchVisit) WHERE v.id = 'local' DELETE v");
    });
    const followed = await gql('mutation { follow(target: "a-dpj", kind: ENTITY) { kind targetId targetName target { id type } } }');
    expect(followed.data?.follow).toEqual({
      kind: 'ENTITY',
      targetId: 'a-dpj',
      targetName: '大浦江生物医药产业链党建联盟',
      target: { id: 'a-dpj', type: 'Alliance' },
    });
    const visited = await gql('mutation { markVisited }');
    expect(typeof visited.data?.markVisited).toBe('string');
    await describeEntity(store, 'a-dpj', `党建联盟 ${suffix()}`);

    const feed = await gql(
      `{ changesSinceLastVisit(limit: 10) { since lastVisitAt next items { kind by changeSet fields
         entity { id name type live } relation { id } matchedBy { kind targetId targetName } } } }`,
    );
    expect(feed.errors).toBeUndefined();
    expect(feed.data?.changesSinceLastVisit).toMatchObject({
      since: visited.data?.markVisited,
      next: null,
      items: [
        {
          kind: 'FACT_CHANGED',
          by: 'curator',
          fields: ['description'],
          entity: { id: 'a-dpj', name: '大浦江生物医药产业链党建联盟', type: 'Alliance', live: true },
          relation: null,
          matchedBy: [{ kind: 'ENTITY', targetId: 'a-dpj', targetName: '大浦江生物医药产业链党建联盟' }],
        },
      ],
    });
    const list = await gql('{ watchList { targetId } }');
    expect(list.data?.watchList).toEqual([{ targetId: 'a-dpj' }]);

    const missing = await gql('mutation { follow(target: "no-such-id", kind: ENTITY) { id } }');
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', watchCode: 'NO_SUCH_ENTITY' });
    const tooMany = await gql('{ changesSinceLastVisit(limit: 500) { next } }');
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

const PROXY = '10.9.9.9';

/** People signed in through the SSO header (from a trusted proxy): the store has accounts from here on, so this runs last. */
async function signedIn(graph: Graph, names: string[]) {
  const security = { ...graph.ctx.config.security, proxyHeader: 'X-Remote-User', proxyTrusted: [PROXY] };
  const ctx: AppContext = { ...graph.ctx, config: { ...graph.ctx.config, security } };
  const auth = new Auth(graph.store, ctx.config);
  const yoga = buildYoga(ctx, { auth });
  const send =
    (user: string | null) =>
    async (query: string): Promise<GqlResult> => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (user) headers['x-remote-user'] = user;
      const res = await yoga.fetch(
        'http://localhost/graphql',
        { method: 'POST', headers, body: JSON.stringify({ query }) },
        { peer: PROXY },
      );
      return (await res.json()) as GqlResult;
    };
  const tag = randomUUID().slice(0, 6);
  // The first account must be an admin.
  await auth.createUser(auth.cliCaller('test'), { username: `admin-${tag}`, password: `admin-${tag}-password`, role: 'admin' });
  const people = [];
  for (const name of names) {
    const username = `${name}-${tag}`;
    const user = await auth.createUser(auth.cliCaller('test'), { username, password: `${username}-password`, role: 'viewer' });
    onTestFinished(async () => {
      await graph.store.write('MATCH (w:Watch) WHERE w.userId = $id DELETE w', { id: user.id });
    });
    people.push(send(username));
  }
  return { people, anonymous: send(null) };
}

describe.each(storeFactories)('follows of signed-in people on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it("lets a viewer follow and read their own list, never another's; anonymous callers get nothing", async ({ graph }) => {
    const {
      people: [alice, bob],
      anonymous,
    } = await signedIn(graph, ['alice', 'bob']);
    expect((await alice('mutation { follow(target: "e-sld", kind: ENTITY) { targetId } }')).data?.follow).toEqual({ targetId: 'e-sld' });
    expect((await alice('{ watchList { targetId } }')).data?.watchList).toEqual([{ targetId: 'e-sld' }]);
    expect((await bob('{ watchList { targetId } }')).data?.watchList).toEqual([]);
    expect((await bob('mutation { unfollow(target: "e-sld", kind: ENTITY) }')).data?.unfollow).toBe(false);
    expect((await alice('{ watchList { targetId } }')).data?.watchList).toEqual([{ targetId: 'e-sld' }]);
    expect((await bob('{ changesSinceLastVisit { items { kind } } }')).data?.changesSinceLastVisit).toEqual({ items: [] });
    for (const q of ['{ watchList { targetId } }', 'mutation { markVisited }']) {
      expect((await anonymous(q)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
