/**
 * The Cypher editor: CodeMirror 6 with Neo4j's own language service (@neo4j-cypher/language-support,
 * the parser generated from the official grammar — the one the server's read-only boundary uses) for
 * highlighting, completion of labels, relation types and properties from the graph's schema, and
 * diagnostics worded in the reader's language. Loaded on demand (a dynamic import from the Queries
 * view), so no other view pays for the parser.
 */
import { autocompletion, completionKeymap, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Prec, RangeSetBuilder } from '@codemirror/state';
import {
  Decoration,
  drawSelection,
  EditorView,
  keymap,
  lineNumbers,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { autocomplete, highlightSyntax } from '@neo4j-cypher/language-support';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { isRelationType } from '../../../../shared/model/index.js';
import { entityTypeLabel, relationLabel, useI18n, type Lang, type MessageKey, type Translate } from '../../i18n/i18n.js';
import { REFUSED, wordLint } from './cypher-errors.js';
import { DB_SCHEMA, ENTITY_PROPERTIES, ENTITY_TYPES, NODE_LABEL, RELATION_PROPERTIES } from './cypher-schema.js';

export interface CypherEditorHandle {
  /** Puts text at the cursor (replacing a selection) and focuses the editor. */
  insert: (text: string) => void;
}

export interface CypherCodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  ref?: Ref<CypherEditorHandle>;
}

const marks = new Map<string, Decoration>();
const mark = (type: string) => {
  let m = marks.get(type);
  if (!m) marks.set(type, (m = Decoration.mark({ class: `cy-${type}` })));
  return m;
};

function highlight(text: string): DecorationSet {
  const b = new RangeSetBuilder<Decoration>();
  let tokens;
  try {
    tokens = highlightSyntax(text);
  } catch {
    return Decoration.none;
  }
  let last = 0;
  // The service calls node labels and relationship types both "label"; inside [ ] it is a relation type.
  const open: string[] = [];
  for (const tk of [...tokens].sort((a, b) => a.position.startOffset - b.position.startOffset)) {
    if (tk.tokenType === 'bracket') {
      if ('([{'.includes(tk.token)) open.push(tk.token);
      else open.pop();
    }
    const from = tk.position.startOffset;
    const to = Math.min(text.length, from + tk.length);
    if (from < last || to <= from || tk.tokenType === 'none') continue;
    const type = tk.tokenType === 'label' && open.at(-1) === '[' ? 'relationshipType' : tk.tokenType;
    b.add(from, to, mark(type));
    last = to;
  }
  return b.finish();
}

const highlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = highlight(view.state.doc.toString());
    }
    update(u: ViewUpdate) {
      if (u.docChanged) this.decorations = highlight(u.state.doc.toString());
    }
  },
  { decorations: (v) => v.decorations },
);

const propertyKey = (p: string) => `queries.prop.${p}` as MessageKey;
const isProperty = (p: string) =>
  (ENTITY_PROPERTIES as readonly string[]).includes(p) || (RELATION_PROPERTIES as readonly string[]).includes(p);

/** The Chinese (or English) label shown beside a completion. */
function detailOf(label: string, t: Translate, lang: Lang): string | undefined {
  if (isRelationType(label)) return relationLabel(label, lang);
  if (label === NODE_LABEL) return t('queries.schemaLabel');
  if (isProperty(label)) return t(propertyKey(label));
  return undefined;
}

const CM_TYPE: Record<number, string> = { 3: 'function', 6: 'variable', 10: 'property', 14: 'keyword', 25: 'type' };

/** After `type =`, `type IN [` or `{type:` inside quotes: the entity types, with their labels. */
const TYPE_VALUE = /\btype\s*(?:=|<>|:|IN\s*\[[^\]]*?)\s*['"](\w*)$/i;

function completions(t: Translate, lang: Lang) {
  return (ctx: CompletionContext): CompletionResult | null => {
    const pos = ctx.pos;
    const before = ctx.state.doc.sliceString(Math.max(0, pos - 200), pos);
    const typeValue = TYPE_VALUE.exec(before);
    if (typeValue)
      return {
        from: pos - typeValue[1].length,
        options: ENTITY_TYPES.map((type) => ({ label: type, detail: entityTypeLabel(type, lang), type: 'enum' })),
        validFor: /^\w*$/,
      };
    const word = ctx.matchBefore(/\w*/);
    const from = word?.from ?? pos;
    if (!ctx.explicit && from === pos && !/[:.]$/.test(before)) return null;
    let items;
    try {
      items = autocomplete(ctx.state.doc.toString(), DB_SCHEMA, { caretPosition: pos, manual: ctx.explicit });
    } catch {
      return null;
    }
    const options: Completion[] = items
      .filter((item) => item.kind !== 14 || !REFUSED.has(item.label.toUpperCase()))
      .map((item) => ({
        label: item.label,
        type: CM_TYPE[item.kind ?? 0] ?? 'text',
        detail: detailOf(item.label, t, lang),
        // Labels, relation types and properties first: they are what the schema adds to the keywords.
        boost: item.kind === 25 || item.kind === 10 ? 2 : 0,
      }));
    return options.length ? { from, options, validFor: /^\w*$/ } : null;
  };
}

// The linter (and the semantic analysis it runs) loads after the editor is on screen.
let lintModule: Promise<typeof import('./cypher-lint.js')> | null = null;

function diagnostics(t: Translate) {
  return async (view: EditorView): Promise<Diagnostic[]> => {
    const text = view.state.doc.toString();
    if (!text.trim()) return [];
    let found;
    try {
      lintModule ??= import('./cypher-lint.js');
      found = (await lintModule).lintCypher(text);
    } catch {
      lintModule = null; // a chunk that failed to load is tried again on the next change
      return [];
    }
    return found.map((d) => {
      const from = Math.min(text.length, d.from);
      const to = Math.min(text.length, Math.max(from, d.to));
      const w = wordLint(d.message);
      return {
        from,
        to,
        severity: d.error ? 'error' : 'warning',
        message: t(w.key, w.vars) + (w.more ? t(w.more.key, w.more.vars) : ''),
      };
    });
  };
}

function languageExtensions(t: Translate, lang: Lang) {
  return [
    autocompletion({ override: [completions(t, lang)], icons: false }),
    linter(diagnostics(t), { delay: 300 }),
    EditorView.contentAttributes.of({ 'aria-label': t('queries.editorLabel') }),
  ];
}

export default function CypherCodeEditor({ value, onChange, onRun, ref }: CypherCodeEditorProps) {
  const { t, lang } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  // The editor is made once; these refs let its callbacks see the latest props.
  const latest = useRef({ onChange, onRun, t, lang, value });
  useEffect(() => {
    latest.current = { onChange, onRun, t, lang, value };
  });

  useEffect(() => {
    const { t: t0, lang: lang0, value: initial } = latest.current;
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial,
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          EditorView.lineWrapping,
          highlighter,
          lintGutter(),
          language.current.of(languageExtensions(t0, lang0)),
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: () => {
                  latest.current.onRun();
                  return true;
                },
              },
            ]),
          ),
          keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'data-testid': 'cypher-text', spellcheck: 'false' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  // A new language rewords the diagnostics and completion labels.
  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(languageExtensions(t, lang)) });
  }, [t, lang]);

  // A value set from outside (reset) replaces the text.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  useImperativeHandle(
    ref,
    () => ({
      insert: (text: string) => {
        const v = view.current;
        if (!v) return;
        v.dispatch(v.state.replaceSelection(text));
        v.focus();
      },
    }),
    [],
  );

  return <div ref={host} className="cypher-code" />;
}
