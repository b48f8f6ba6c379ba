// name: government-guidance
// title: 政府指导与主办
// titleEn: Government guidance and organisation
// description: 哪些政府机构指导或主办了哪些联盟和活动。
// descriptionEn: Which government bodies guide or organise which alliances and events.
MATCH (g:Entity)-[r:GUIDES|ORGANISES]->(x:Entity)
WHERE g.type = 'Government'
RETURN g.name AS body, x.name AS target, x.type AS targetType, r.kind AS kind, g, r, x
ORDER BY body, target
