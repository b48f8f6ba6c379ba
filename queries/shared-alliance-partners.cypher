// name: shared-alliance-partners
// title: 同联盟的合作对象
// titleEn: Organisations sharing an alliance with an enterprise
// description: 与给定企业同属某些联盟的所有单位，以及共同所属的联盟。
// descriptionEn: Everyone who sits in the same alliances as the given enterprise, with the alliances in common.
// param: enterprise id(Enterprise) = "siludi" — 企业 | Enterprise
MATCH (e:Entity {id: $enterprise})-[:MEMBER_OF]->(a:Entity)<-[:MEMBER_OF]-(x:Entity)
WHERE x.id <> $enterprise
RETURN x.name AS organisation, x.type AS type, count(DISTINCT a) AS shared, collect(DISTINCT a.name) AS alliances
ORDER BY shared DESC, organisation
