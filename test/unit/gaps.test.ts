/** The gap report's rules, without a store: the status of a segment and the score of a candidate. */
import { describe, expect, it } from 'vitest';
import { candidateScore, gapStatus } from '../../server/domain/analysis/gaps.js';

describe('gapStatus: a region count against the expected count (thin below 0.5×, strong from 3 and 1.5×)', () => {
  it.each([
    // count, expected, status
    [0, 0, 'MISSING'],
    [0, 4, 'MISSING'],
    [1, 0, 'THIN'], // a single entity is thin even when none is expected
    [1, 0.4, 'THIN'],
    [2, 4.2, 'THIN'], // just below 0.5 × expected (2.1)
    [4, 8, 'PRESENT'], // at 0.5 × expected
    [4, 8.01, 'THIN'],
    [2, 0, 'PRESENT'], // well above expected, but fewer than 3
    [2, 1, 'PRESENT'],
    [3, 2, 'STRONG'], // 3 here, at 1.5 × expected
    [3, 2.01, 'PRESENT'], // 3 here, just below 1.5 × expected
    [3, 0, 'STRONG'],
    [15, 10, 'STRONG'],
    [14, 10, 'PRESENT'],
    [5, 10, 'PRESENT'],
  ])('%d here, %d expected → %s', (count, expected, status) => {
    expect(gapStatus(count, expected)).toBe(status);
  });
});

describe('candidateScore: 1 for a stated segment link (0.6 inferred) + 1 per shared alliance (at most 3) + 0.3 × ln(1 + degree)', () => {
  it.each([
    // inferred, shared alliances, degree, score
    [false, 0, 0, 1],
    [true, 0, 0, 0.6],
    [false, 2, 0, 3],
    [false, 3, 0, 4],
    [false, 7, 0, 4], // at most three alliances count
    [false, 1, 9, 2.69], // 0.3 × ln 10 = 0.69
    [true, 1, 99, 2.98], // 0.3 × ln 100 = 1.38
  ])('inferred %s, %d alliances, degree %d → %d', (inferred, alliances, degree, score) => {
    expect(candidateScore(inferred, alliances, degree)).toBe(score);
  });

  it('ranks a stated link with an alliance tie above a busier inferred one without', () => {
    expect(candidateScore(false, 1, 3)).toBeGreaterThan(candidateScore(true, 0, 50));
  });
});
