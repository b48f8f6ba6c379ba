import { describe, expect, it } from 'vitest';
import { wrapLabel } from './wrap-label.js';

describe('wrapLabel', () => {
  it('leaves short names alone', () => {
    expect(wrapLabel('浦江镇')).toBe('浦江镇');
  });

  it('breaks long Chinese names every ten characters', () => {
    expect(wrapLabel('上海南部科创中心大浦江生物医药产业链党建联盟')).toBe('上海南部科创中心大浦\n江生物医药产业链党建\n联盟');
  });

  it('keeps Latin words whole and ends with an ellipsis after three lines', () => {
    const out = wrapLabel('Shanghai Southern Science and Innovation Center Dapujiang Biomedicine Alliance');
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('Shanghai Southern');
    expect(out.endsWith('…')).toBe(true);
  });
});
