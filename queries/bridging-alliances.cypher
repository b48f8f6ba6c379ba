// name: bridging-alliances
// title: 跨区联盟
// titleEn: Alliances that bridge districts
// description: 成员单位分布在至少若干个区的联盟。
// descriptionEn: Alliances whose members are located in at least a given number of districts.
// param: minDistricts int = 2 — 最少区数 | Minimum number of districts
MATCH (m:Entity)-[:MEMBER_OF]->(a:Entity)
MATCH (m:Entity)-[:LOCATED_IN*1..5]->(d:Entity)
WHERE d.type = 'Region' AND d.kind = 'district'
WITH a, count(DISTINCT d) AS districts, collect(DISTINCT d.name) AS names
WHERE districts >= $minDistricts
RETURN a.name AS alliance, districts, names
ORDER BY districts DESC, alliance
