/** The one context factory: a long-lived store handle, config and the document catalogue. */
import type { Config } from './config.js';
import type { SavedQuery } from './domain/saved-queries.js';
import type { GraphStore } from './store/types.js';

export interface DocumentInfo {
  file: string;
  title: string;
  date: string | null;
}

export interface AppContext {
  store: GraphStore;
  config: Config;
  documents: Map<string, DocumentInfo>;
  savedQueries: SavedQuery[];
}
