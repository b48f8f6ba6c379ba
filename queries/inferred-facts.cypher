// name: inferred-facts
// title: 待核实的推断关系
// titleEn: Inferred facts to review
// description: 没有文献直接写明、由推断得出的关系，以及推断依据。
// descriptionEn: Relations that no document states outright, with the reason they were inferred.
// param: limit int = 200 — 最多行数 | Maximum rows
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.inferred = true
RETURN a.name AS source, b.name AS target, r.reason AS reason, a, r, b
ORDER BY source, target
LIMIT $limit
