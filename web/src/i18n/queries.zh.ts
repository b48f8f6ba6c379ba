/** Chinese UI strings of the saved queries and the cypher editor; spread into zh.ts. */
export const queriesZh = {};
