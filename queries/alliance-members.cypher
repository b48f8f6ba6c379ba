// name: alliance-members
// title: 联盟成员及角色
// titleEn: Members of an alliance and their roles
// description: 联盟（含商会、议事会、党建联盟）的全部成员单位，以及各自的角色和角色报道日期。
// descriptionEn: Every member of an alliance (or chamber, council, party-building alliance) with its role and the date the role is reported.
// param: alliance id(Alliance) = "dapujiang-party-alliance" — 联盟 | Alliance
MATCH (m:Entity)-[r:MEMBER_OF]->(a:Entity {id: $alliance})
RETURN m.name AS member, m.type AS type, r.role AS role, r.date AS date, m, r, a
ORDER BY role, member
