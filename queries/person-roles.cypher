// name: person-roles
// title: 人物任职（按日期）
// titleEn: People and their roles by date
// description: 官员和代表在报道日期所任职务；不同文章中的职务可能不同。
// descriptionEn: Officials and representatives with the role each held at the date of the article that names them; roles change between articles.
// param: name string = "陈" — 姓名包含 | Name contains
MATCH (p:Entity)-[r:SERVES_IN]->(o:Entity)
WHERE p.type = 'Person' AND p.name CONTAINS $name
RETURN p.name AS person, r.role AS role, o.name AS organisation, r.date AS date, p, r, o
ORDER BY person, date
