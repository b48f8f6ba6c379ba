// name: signed-agreements
// title: 签约与投资意向
// titleEn: Agreements and investment intents
// description: 所有签约、备忘录和投资意向，以及写明的主题和日期。
// descriptionEn: Every signed agreement, memorandum and investment intent, with its topic and date where stated.
MATCH (a:Entity)-[r:SIGNED]->(b:Entity)
RETURN a.name AS party, b.name AS counterparty, r.kind AS kind, r.topic AS topic, r.date AS date, a, r, b
ORDER BY party, counterparty
