import { describe, expect, it } from 'vitest';
import type { QueryParam } from '../../api/types.js';
import { formValue, inputKind, toParamValues } from './query-params.js';

const params: QueryParam[] = [
  { name: 'region', type: 'id', default: 'minhang', description: null },
  { name: 'limit', type: 'int', default: 200, description: null },
  { name: 'before', type: 'date', default: '2023-01-01', description: null },
  { name: 'name', type: 'string', default: null, description: null },
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
    expect(() => toParamValues(params, { limit: 'ten' })).toThrow(/limit/);
  });
});
