// name: government-guidance
// title: 政府指导与主办
// titleEn: Government guidance and organisation
// description: Which government bodies guide or organise which alliances and events.
MATCH (g:Entity)-[r:GUIDES|ORGANISES]->(x:Entity)
WHERE g.type = 'Government'
RETURN g.name AS body, x.name AS target, x.type AS targetType, r.kind AS kind, g, r, x
ORDER BY body, target
