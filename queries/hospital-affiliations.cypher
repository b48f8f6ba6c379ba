// name: hospital-affiliations
// title: 医院与高校附属关系
// titleEn: Hospitals and their universities
// description: 附属于高校的医院——高校科研的临床一端。
// descriptionEn: Hospitals affiliated with universities — the clinical side of university research.
MATCH (h:Entity)-[r:AFFILIATED_WITH]->(u:Entity)
RETURN h.name AS hospital, u.name AS university, r.inferred AS inferred, h, r, u
ORDER BY university, hospital
