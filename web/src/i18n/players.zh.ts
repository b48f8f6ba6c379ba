/** Chinese UI strings of the key players and partners views; spread into zh.ts. */
export const playersZh = {};
