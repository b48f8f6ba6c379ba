// name: stale-sources
// title: 资料过旧的组织
// titleEn: Organisations whose newest source is older than a date
// description: Organisations whose newest dated source document is older than the given date — candidates for a refresh.
// param: before date = "2023-01-01" — 早于该日期
MATCH (n:Entity)
WHERE n.lastSeen IS NOT NULL AND n.lastSeen < $before AND n.type IN ['Enterprise', 'Park', 'Hospital', 'University', 'Alliance', 'Government']
RETURN n.name AS organisation, n.type AS type, n.lastSeen AS lastSeen, n
ORDER BY lastSeen, organisation
