// name: hospitals-linked-to-park
// title: 与园区关联的医院
// titleEn: Hospitals linked to a park
// description: 与园区本身或园区内单位同属一个联盟的医院——临床合作的起点。
// descriptionEn: Hospitals that share an alliance with the park itself or with organisations located in it — a start for clinical cooperation.
// param: park id(Park) = "pujiang-zhigu" — 园区 | Park
MATCH (x:Entity)-[:MEMBER_OF]->(a:Entity)<-[:MEMBER_OF]-(h:Entity)
WHERE h.type = 'Hospital' AND (x.id = $park OR EXISTS { MATCH (x:Entity)-[:LOCATED_IN]->(p:Entity) WHERE p.id = $park })
RETURN h.name AS hospital, a.name AS via, count(DISTINCT x) AS linked, collect(DISTINCT x.name) AS through
ORDER BY linked DESC, hospital
