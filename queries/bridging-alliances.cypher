// name: bridging-alliances
// title: 跨区联盟
// titleEn: Alliances that bridge districts
// description: Alliances whose members are located in at least a given number of districts.
// param: minDistricts int = 2 — 最少区数
MATCH (m:Entity)-[:MEMBER_OF]->(a:Entity)
MATCH (m)-[:LOCATED_IN*1..5]->(d:Entity)
WHERE d.type = 'Region' AND d.kind = 'district'
WITH a, count(DISTINCT d) AS districts, collect(DISTINCT d.name) AS names
WHERE districts >= $minDistricts
RETURN a.name AS alliance, districts, names
ORDER BY districts DESC, alliance
