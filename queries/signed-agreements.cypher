// name: signed-agreements
// title: 签约与投资意向
// titleEn: Agreements and investment intents
// description: Every signed agreement, memorandum and investment intent, with its topic and date where stated.
MATCH (a:Entity)-[r:SIGNED]->(b:Entity)
RETURN a.name AS party, b.name AS counterparty, r.kind AS kind, r.topic AS topic, r.date AS date, a, r, b
ORDER BY party, counterparty
