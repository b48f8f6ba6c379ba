/** English UI strings of the explore canvas, paths, edge details and graph exports; every key of canvas.zh.ts. */
import type { canvasZh } from './canvas.zh.js';

export const canvasEn: Record<keyof typeof canvasZh, string> = {
  // Paths (找关联) and the details of one relation.
  'paths.connect': 'Connect two',
  'paths.connectHint': 'Find the shortest connections between two entities',
  'paths.close': 'Close',
  'paths.from': 'From',
  'paths.to': 'To',
  'paths.change': 'Change',
  'paths.pickPlaceholder': 'Search a name…',
  'paths.same': 'Both ends are the same entity: choose another.',
  'paths.bound': 'Up to',
  'paths.searching': 'Searching up to {max} steps…',
  'paths.timeoutHint': 'The search went through too many entities and was stopped: try fewer steps.',
  'paths.noneUpTo': 'No connection within {max} steps.',
  'paths.raise': 'Search up to {max} steps',
  'paths.atMax': '{max} steps is the limit.',
  'paths.found': 'Shortest connections found: {n}, {steps} steps each',
  'edge.title': 'Relation',
  'edge.close': 'Close',
  'edge.type': 'Type',
  'edge.direction': 'Direction',
  'edge.directionText': 'From {source} to {target}',
  'edge.role': 'Role / title',
  'edge.kind': 'Kind',
  'edge.topic': 'Topic',
  'edge.date': 'Date',
  'edge.inferredNote': 'This relation is inferred: no document states it directly.',
  'edge.stated': 'Stated by the sources below.',
  'edge.noSources': 'This relation has no document sources.',
  'edge.gone': 'This relation is no longer in the graph (it may have been retracted).',
};
