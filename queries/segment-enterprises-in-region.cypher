// name: segment-enterprises-in-region
// title: 区域内某产业链环节的企业
// titleEn: Enterprises of a chain segment in a region
// description: 位于区域内（含所辖镇和园区）、属于某产业链环节的企业；推断的环节关系会标出。
// descriptionEn: Enterprises linked to a chain segment and located (through towns and parks) in a region; inferred links are flagged.
// param: segment id(ChainSegment) = "seg-medical-devices" — 产业链环节 | Chain segment
// param: region id(Region) = "minhang" — 区域 | Region
MATCH (e:Entity)-[r:IN_SEGMENT]->(s:Entity {id: $segment})
MATCH (e:Entity)-[:LOCATED_IN*1..5]->(g:Entity {id: $region})
WITH DISTINCT e, r, s
RETURN e.name AS enterprise, r.inferred AS inferred, r.reason AS reason, e, r, s
ORDER BY enterprise
