/**
 * The article review queue on every store: nothing is written until an editor applies; applying turns
 * the accepted proposals into one INGEST change set with every fact sourced to its sentence; a
 * second apply does nothing; a revert removes what it added.
 */
import { describe, expect } from 'vitest';
import { revertChangeSet } from '../../server/domain/curation/revert.js';
import type { ChangeAuthor } from '../../server/domain/curation/types.js';
import { getEntity, neighborhood } from '../../server/domain/graph.js';
import { search } from '../../server/domain/search.js';
import { applyJob, createJob, discardJob, listJobs, type Proposals } from '../../server/review/queue.js';
import { smallGraph } from '../fixtures/small-graph.js';
import { graphTest } from '../helpers/graph-test.js';
import { storeFactories } from '../helpers/stores.js';

const it = graphTest({ load: (store) => store.bulkLoad(smallGraph({ hubSize: 0 })) });
const editor: ChangeAuthor = { username: 'reviewer', region: null, clientAddress: null };

function article(tag: string) {
  const company = `上海${tag}生物科技有限公司`;
  const text = `近日，${company}加入大浦江生物医药产业链党建联盟。思路迪代表企业发言。上海某某医疗器械有限公司也出席了活动。`;
  const proposals: Proposals = {
    entities: [
      {
        key: 'e1',
        name: company,
        type: 'Enterprise',
        aliases: [],
        match: null,
        quote: `近日，${company}加入大浦江生物医药产业链党建联盟。`,
      },
      {
        key: 'e2',
        name: '大浦江生物医药产业链党建联盟',
        type: 'Alliance',
        aliases: [],
        match: { id: 'a-dpj', name: '大浦江', score: 0.97 },
        quote: `近日，${company}加入大浦江生物医药产业链党建联盟。`,
      },
      {
        key: 'e3',
        name: '思路迪',
        type: 'Enterprise',
        aliases: [],
        match: { id: 'e-sld', name: '思路迪', score: 0.97 },
        quote: '思路迪代表企业发言。',
      },
      {
        key: 'e4',
        name: '上海某某医疗器械有限公司',
        type: 'Enterprise',
        aliases: [],
        match: { id: 'e-sld', name: 'x', score: 0.62 },
        quote: '上海某某医疗器械有限公司也出席了活动。',
      },
    ],
    relations: [{ type: 'MEMBER_OF', from: 'e1', to: 'e2', role: '成员单位', quote: `近日，${company}加入大浦江生物医药产业链党建联盟。` }],
  };
  return { company, text, proposals };
}

describe.each(storeFactories)('review queue on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('applies accepted proposals as one sourced change set, once, and a revert removes them', async ({ store }) => {
    const { company, text, proposals } = article(`审${Date.now() % 100000}`);
    const job = await createJob(
      store,
      'reviewer',
      { text, title: '某联盟新成员加入', date: '2026-11-20', url: 'https://example.com/news/1' },
      proposals,
    );
    expect(await search(store, company, { limit: 3 })).toHaveLength(0);
    expect((await listJobs(store, { status: 'open' })).map((j) => j.id)).toContain(job.id);

    // A new name (e1) and a weak match (e4) need a decision first; confident matches are linked.
    await expect(
      applyJob(store, editor, { id: job.id, entities: [], relations: [{ index: 0, decision: 'accept' }], note: '' }),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const applied = await applyJob(store, editor, {
      id: job.id,
      entities: [
        { key: 'e1', decision: 'accept' },
        { key: 'e4', decision: 'reject' },
      ],
      relations: [{ index: 0, decision: 'accept' }],
      note: '审核通过',
    });
    if ('alreadyApplied' in applied) throw new Error('applied twice');
    expect(applied.changeSet.kind).toBe('INGEST');
    expect(applied.result).toMatchObject({ created: 1, linked: 2, relations: 1 });
    const [hit] = await search(store, company, { limit: 1 });
    const created = (await getEntity(store, hit.id))!;
    expect(created.sources[0].quote).toContain('加入大浦江');
    expect(created.lastSeen).toBe('2026-11-20');
    expect((await getEntity(store, 'e-sld'))!.sources.map((s) => s.quote)).toContain('思路迪代表企业发言。');
    expect((await neighborhood(store, [hit.id], { depth: 1, limit: 10 })).nodes.map((n) => n.id)).toContain('a-dpj');

    const again = await applyJob(store, editor, { id: job.id, entities: [{ key: 'e4', decision: 'reject' }], relations: [], note: '' });
    expect('alreadyApplied' in again).toBe(true);

    await revertChangeSet(store, editor, { id: applied.changeSet.id, note: '撤回' });
    expect(await getEntity(store, hit.id)).toBeNull();
    expect((await getEntity(store, 'e-sld'))!.sources.map((s) => s.quote)).not.toContain('思路迪代表企业发言。');
  });

  it('re-links a proposal to an existing entity, and a discarded article cannot be applied', async ({ store }) => {
    const { text, proposals } = article(`链${Date.now() % 100000}`);
    const job = await createJob(store, 'reviewer', { text, title: '另一篇' }, proposals);
    const applied = await applyJob(store, editor, {
      id: job.id,
      entities: [
        { key: 'e1', decision: 'accept', target: 'e-nsq' },
        { key: 'e4', decision: 'reject' },
      ],
      relations: [{ index: 0, decision: 'accept' }],
      note: '',
    });
    if ('alreadyApplied' in applied) throw new Error('applied twice');
    expect(applied.result.created).toBe(0);
    const around = await neighborhood(store, ['e-nsq'], { depth: 1, limit: 50 });
    expect(
      around.edges.some((e) => e.type === 'MEMBER_OF' && e.target === 'a-dpj' && e.sources.some((s) => s.quote.includes('加入大浦江'))),
    ).toBe(true);

    const other = await createJob(store, 'reviewer', { text, title: '第三篇' }, proposals);
    await discardJob(store, other.id);
    await expect(applyJob(store, editor, { id: other.id, entities: [], relations: [], note: '' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});

describe.each(storeFactories)('ingesting an article through the API on $name', (factory) => {
  it.scoped({ storeFactory: factory });

  it('proposes from the text, queues it, applies the reviewed proposals once, and refuses a bad article clearly', async ({ gql }) => {
    const text =
      '2026年11月20日，上海审阅测试生物科技有限公司加入大浦江生物医药产业链党建联盟，思路迪、诺斯清代表成员单位出席活动。\n版权所有 © 某某网 沪ICP备12345678号';
    const queued = await gql(
      `mutation($t: String!) { ingestArticle(input: {text: $t, title: "联盟迎来新成员", date: "2026-11-20"}) {
        id status text entities { key name type match { entity { id } score } quote spans { start end } } relations { index type from to role quote }
      } }`,
      { t: text },
    );
    expect(queued.errors, JSON.stringify(queued.errors)).toBeUndefined();
    const job = queued.data!.ingestArticle;
    expect(job.status).toBe('open');
    expect(job.text).not.toContain('ICP');
    const byName = (n: string) => job.entities.find((e: { name: string }) => e.name.includes(n));
    expect(byName('审阅测试')?.match).toBeNull();
    expect(byName('思路迪')?.match?.entity.id).toBe('e-sld');
    const fresh = byName('审阅测试')!;
    const span = fresh.spans[0];
    expect(job.text.slice(span.start, span.end)).toContain('审阅测试');

    const undecided = job.entities.filter((e: { match: { score: number } | null }) => !e.match || e.match.score < 0.9);
    const applied = await gql(
      `mutation($id: ID!, $e: [EntityDecision!], $r: [RelationDecision!]) { applyIngest(id: $id, entities: $e, relations: $r, note: "审核") { changeSet { id kind } } }`,
      {
        id: job.id,
        e: undecided.map((e: { key: string }) => ({ key: e.key, decision: 'accept' })),
        r: job.relations.map((r: { index: number }) => ({ index: r.index, decision: 'accept' })),
      },
    );
    expect(applied.errors, JSON.stringify(applied.errors)).toBeUndefined();
    expect(applied.data!.applyIngest.changeSet.kind).toBe('INGEST');
    const again = await gql(`mutation($id: ID!) { applyIngest(id: $id, note: "x") { changeSet { id } } }`, { id: job.id });
    expect(again.data!.applyIngest.changeSet.id).toBe(applied.data!.applyIngest.changeSet.id);
    const found = await gql('{ search(text: "审阅测试") { id sources { quote title } } }');
    expect(found.data!.search[0].sources[0]).toMatchObject({ title: '联盟迎来新成员' });

    const badDate = await gql('mutation { ingestArticle(input: {text: "某公司成立。", title: "x", date: "2023-02-31"}) { id } }');
    expect(badDate.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'date' });
    const empty = await gql('mutation { ingestArticle(input: {text: "   ", title: "空"}) { id } }');
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', ingestCode: 'EMPTY' });
  });
});
