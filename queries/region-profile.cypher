// name: region-profile
// title: 区域主体构成
// titleEn: What a region holds, by entity type
// description: 区域内（含所辖镇和园区）各类主体的数量。
// descriptionEn: How many organisations of each type are located in a region, through its towns and parks.
// param: region id(Region) = "minhang" — 区域 | Region
MATCH (e:Entity)-[:LOCATED_IN*1..5]->(r:Entity {id: $region})
RETURN e.type AS type, count(DISTINCT e) AS count
ORDER BY count DESC, type
