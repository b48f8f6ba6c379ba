// name: stale-sources
// title: 资料过旧的组织
// titleEn: Organisations whose newest source is older than a date
// description: 最新一份带日期的资料早于给定日期的组织——需要更新资料的对象。
// descriptionEn: Organisations whose newest dated source document is older than the given date — candidates for a refresh.
// param: before date = "2023-01-01" — 早于该日期 | Before this date
MATCH (n:Entity)
WHERE n.lastSeen IS NOT NULL AND n.lastSeen < $before AND n.type IN ['Enterprise', 'Park', 'Hospital', 'University', 'Alliance', 'Government']
RETURN n.name AS organisation, n.type AS type, n.lastSeen AS lastSeen, n
ORDER BY lastSeen, organisation
