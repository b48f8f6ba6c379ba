import { describe, expect, it } from 'vitest';
import { defaultState, formatUrlState, parseUrlState, type UrlState } from './url-state.js';

describe('URL state', () => {
  it('writes nothing for the defaults', () => {
    expect(formatUrlState(defaultState())).toBe('');
    expect(parseUrlState('')).toEqual(defaultState());
  });

  it('round-trips every field', () => {
    const state: UrlState = {
      view: 'gaps',
      lang: 'en',
      ids: ['siludi', 'minhang'],
      sel: 'siludi',
      path: ['siludi', 'minhang'],
      hideTypes: ['Person', 'Event'],
      hideRels: ['LOCATED_IN'],
      limit: 600,
      exp: ['dapujiang-party-alliance~MEMBER_OF', 'minhang~Park'],
      hide: ['siludi'],
      drop: ['shanghai'],
      pin: ['minhang', 'pujiang-town'],
      layout: 'concentric',
      pos: '1.-k.2s.AAAAABAAB',
      region: 'minhang',
      benchmark: 'songjiang',
      partner: 'zhijiang',
      query: 'chain-gaps',
      params: { region: '闵行区', limit: '10' },
      lead: 'lead-1',
      leads: 'board',
    };
    const search = formatUrlState(state);
    expect(parseUrlState(search)).toEqual(state);
    expect(parseUrlState(search.slice(1))).toEqual(state);
  });

  it('round-trips ids with Chinese characters and reserved characters', () => {
    const state = { ...defaultState(), ids: ['浦江镇', 'a&b=c'], sel: '浦江镇' };
    expect(parseUrlState(formatUrlState(state))).toEqual(state);
  });

  it('ignores unknown views, types and bad numbers', () => {
    const s = parseUrlState('?view=nope&lang=fr&hideTypes=Enterprise,Bogus&hideRels=NOPE&limit=-3&path=a');
    expect(s.view).toBe('explore');
    expect(s.lang).toBe('zh');
    expect(s.hideTypes).toEqual(['Enterprise']);
    expect(s.hideRels).toEqual([]);
    expect(s.limit).toBe(defaultState().limit);
    expect(s.path).toBeNull();
  });

  it('ignores expansions by unknown types, unknown layouts and positions not written by the codec', () => {
    const s = parseUrlState('?exp=a~MEMBER_OF,b~Bogus,~Park,c&layout=spiral&pos=<script>');
    expect(s.exp).toEqual(['a~MEMBER_OF']);
    expect(s.layout).toBe('fcose');
    expect(s.pos).toBeNull();
  });

  it('drops duplicate ids and a path from an entity to itself', () => {
    const s = parseUrlState('?ids=a,b,a&path=a,a');
    expect(s.ids).toEqual(['a', 'b']);
    expect(s.path).toBeNull();
  });
});
