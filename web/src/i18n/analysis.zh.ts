/** Chinese UI strings of the gap report, chain map, region comparison and region picker; spread into zh.ts. */
export const analysisZh = {};
