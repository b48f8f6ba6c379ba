// name: person-roles
// title: 人物任职（按日期）
// titleEn: People and their roles by date
// description: Officials and representatives with the role each held at the date of the article that names them; roles change between articles.
// param: name string = "陈" — 姓名包含
MATCH (p:Entity)-[r:SERVES_IN]->(o:Entity)
WHERE p.type = 'Person' AND p.name CONTAINS $name
RETURN p.name AS person, r.role AS role, o.name AS organisation, r.date AS date, p, r, o
ORDER BY person, date
