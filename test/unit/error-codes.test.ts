/** One table for GraphQL and /export: what is shown, what is masked. */
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../server/domain/errors.js';
import { toApiError } from '../../server/error-codes.js';
import { maskError } from '../../server/errors.js';
import { StoreError } from '../../server/store/types.js';

/** As yoga hands an error from a resolver to maskError. */
const fromResolver = (err: Error) => new GraphQLError(err.message, { originalError: err, path: ['field'] });

describe('maskError and toApiError', () => {
  it.each([
    [new DomainError('BAD_USER_INPUT', 'limit must be between 1 and 1000, got 0', { argument: 'limit' }), 'BAD_USER_INPUT', 400],
    [new DomainError('NOT_FOUND', 'no entity with id "x"'), 'NOT_FOUND', 404],
    [new DomainError('FORBIDDEN', 'read-only: CREATE is not allowed here'), 'FORBIDDEN', 403],
    [new StoreError('CYPHER_SYNTAX', 'Parser exception: Invalid input'), 'BAD_USER_INPUT', 400],
    [new StoreError('QUERY_TIMEOUT', 'the query took too long and was stopped'), 'TIMEOUT', 504],
    [new StoreError('OUT_OF_MEMORY', 'Buffer manager exception: Unable to allocate memory!'), 'RESOURCE_LIMIT', 503],
    [new StoreError('STORE_UNAVAILABLE', 'Neo4j at NEO4J_URI=bolt://db:7687 is unreachable'), 'SERVICE_UNAVAILABLE', 503],
  ])('gives %s the same code in GraphQL and over HTTP', (err, code, httpStatus) => {
    const api = toApiError(err);
    expect(api).toMatchObject({ code, httpStatus, expected: true });
    const gql = maskError(fromResolver(err), 'Unexpected error.') as GraphQLError;
    expect(gql.extensions.code).toBe(code);
    expect(gql.message).toBe(api.message);
    expect(gql.path).toEqual(['field']);
    expect(gql.message).not.toContain('bolt://');
  });

  it('passes DomainError details on as extensions', () => {
    const err = new DomainError('BAD_USER_INPUT', 'bad', { argument: 'limit' });
    expect((maskError(fromResolver(err), 'x') as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'limit' });
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['an unmapped store error', new StoreError('QUERY_FAILED', 'Runtime exception: secret')],
    ['a constraint failure', new StoreError('CONSTRAINT', 'duplicate key secret')],
  ])('masks %s with yoga’s message as INTERNAL_SERVER_ERROR', (_, err) => {
    const gql = maskError(fromResolver(err), 'Unexpected error.') as GraphQLError;
    expect(gql.message).toBe('Unexpected error.');
    expect(gql.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(toApiError(err)).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      httpStatus: 500,
      message: 'Unexpected error.',
      expected: false,
    });
  });

  it('shows GraphQL validation errors as they are', () => {
    const err = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(maskError(err, 'Unexpected error.')).toBe(err);
  });
});
