import { describe, expect, it } from 'vitest';
import { formValue, inputKind, ParamError, toParamValues, type QueryParam } from './query-params.js';

const params: QueryParam[] = [
  { name: 'region', type: 'ID', default: 'minhang' },
  { name: 'limit', type: 'INT', default: 200 },
  { name: 'before', type: 'DATE', default: '2023-01-01' },
  { name: 'name', type: 'STRING', default: null },
];

describe('saved-query parameters', () => {
  it('picks an input per type', () => {
    expect(params.map((p) => inputKind(p.type))).toEqual(['entity', 'number', 'date', 'text']);
  });

  it('shows the default until something is typed', () => {
    expect(formValue(params[1], {})).toBe('200');
    expect(formValue(params[1], { limit: '5' })).toBe('5');
  });

  it('sends typed values, and leaves out empty ones', () => {
    expect(toParamValues(params, { limit: '10', name: ' 陈 ' })).toEqual({
      region: 'minhang',
      limit: 10,
      before: '2023-01-01',
      name: '陈',
    });
    expect(toParamValues(params, { region: '' })).not.toHaveProperty('region');
  });

  it('refuses a number that is not one, naming the parameter', () => {
    expect(() => toParamValues(params, { limit: 'ten' })).toThrow(ParamError);
    try {
      toParamValues(params, { limit: 'ten' });
    } catch (err) {
      expect(err).toMatchObject({ param: 'limit', reason: 'notInt', value: 'ten' });
    }
  });
});
