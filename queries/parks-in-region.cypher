// name: parks-in-region
// title: 区域内园区及入驻主体
// titleEn: Parks in a region and who is in them
// description: 区域内的园区（不限于生物医药园区），以及每个园区入驻的单位数。
// descriptionEn: Parks located in a region, biomedicine or not, with the number of organisations located in each.
// param: region id(Region) = "minhang" — 区域 | Region
MATCH (p:Entity)-[:LOCATED_IN*1..4]->(r:Entity {id: $region})
WHERE p.type = 'Park'
OPTIONAL MATCH (e:Entity)-[:LOCATED_IN]->(p:Entity)
RETURN p.name AS park, p.kind AS kind, count(DISTINCT e) AS organisations
ORDER BY organisations DESC, park
