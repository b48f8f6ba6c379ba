/**
 * The read-only boundary for analysts' Cypher (ad-hoc and saved queries). The text is parsed with
 * the parser generated from Neo4j's official Cypher grammar and only an allow-list passes: one
 * statement of MATCH / OPTIONAL MATCH / WHERE / WITH / UNWIND / RETURN / ORDER BY / SKIP / LIMIT /
 * UNION, EXISTS and COUNT subqueries, allowed functions; every node pattern labelled `:Entity`, every
 * relationship type one of the model's, variable-length patterns bounded. Anything the parser does
 * not understand is refused.
 *
 * No second interpretation: the engine never sees a comment (they are replaced by spaces, because
 * the engines end comments in different places), characters the engines may read differently are
 * refused (\u escapes too: Neo4j 5 replaces them before it reads strings), and the text that runs is
 * rebuilt from the checked tokens and checked again. The engine's own verdict (LadybugDB's prepared
 * statement, Neo4j's EXPLAIN query type) is a second check.
 *
 * Resources: every top-level RETURN gets a LIMIT of at most `rowCap`, literal `range()` calls have a
 * budget, and at most a few disconnected pattern parts (cartesian products) may appear.
 */
import { CharStream, CommonTokenStream, ParserRuleContext, PredictionMode, TerminalNode, Token, type ParseTree } from 'antlr4ng';
// The package exports its language service only; its generated lexer and parser are the official
// grammar's (Cypher 25, a superset of Cypher 5), imported by path and pinned to one version.
import { CypherCmdLexer as Lexer } from '../../node_modules/@neo4j-cypher/language-support/dist/esm/project/language-support/src/generated-parser/CypherCmdLexer.js';
import { CypherCmdParser as Parser } from '../../node_modules/@neo4j-cypher/language-support/dist/esm/project/language-support/src/generated-parser/CypherCmdParser.js';
import type { GraphStore } from '../store/types.js';
import { DomainError, badInput } from './errors.js';
import { RELATION_TYPES } from './model.js';

/** The one node label analysts may read. */
const ENTITY = 'Entity';
/** Upper bound of a variable-length relationship (`*1..6`). */
export const MAX_HOPS = 6;
/** Elements all literal `range()` calls of a query may produce together (their product). */
export const RANGE_BUDGET = 10_000;
/** Pattern parts that share no variable (each one multiplies the rows). */
export const MAX_PARTS = 3;
/** Nesting of brackets, braces and parentheses. */
const MAX_NESTING = 40;

const FUNCTIONS = new Set(
  (
    'count collect sum avg min max size length coalesce head last tail reverse keys properties labels ' +
    'label type id elementId nodes relationships rels startNode endNode toLower toUpper lower upper lTrim ' +
    'rTrim trim substring left right replace split toString toInteger toFloat toBoolean abs round floor ' +
    'ceil sign sqrt range date isEmpty'
  )
    .split(' ')
    .map((f) => f.toLowerCase()),
);

/** Rules whose children are checked in turn; every other rule is refused unless a handler below takes it. */
const ALLOWED_RULES = new Set(
  (
    'statementOrCommand statement regularQuery union clause matchClause returnClause withClause ' +
    'unwindClause returnBody returnItems returnItem orderBy orderItem ascToken descToken skip limit ' +
    'whereClause patternList anonymousPattern properties map expression expression11 expression10 ' +
    'expression9 expression8 expression7 expression6 expression5 expression4 expression3 expression2 ' +
    'postFix property expression1 literal numberLiteral stringLiteral caseExpression caseAlternative ' +
    'extendedCaseExpression extendedCaseAlternative extendedWhen listComprehension listLiteral ' +
    'listItemsPredicate parenthesizedExpression functionArgument countStar existsExpression ' +
    'countExpression mapProjection mapProjectionElement trimFunction parameter parameterName variable ' +
    'symbolicVariableNameString escapedSymbolicVariableNameString unescapedSymbolicVariableNameString ' +
    'symbolicNameString escapedSymbolicNameString unescapedSymbolicNameString ' +
    'unescapedSymbolicNameString_ propertyKeyName'
  ).split(' '),
);

const FIRST_KEYWORDS = new Set(['MATCH', 'OPTIONAL', 'WITH', 'UNWIND', 'RETURN']);
const ESCAPES = /\\[\\'"ntrbf]/g;
const NUMBER = /^(?:0|[1-9][0-9]*|[0-9]+\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+|\.[0-9]+(?:[eE][+-]?[0-9]+)?)$/;
// Control characters but tab and newline, a carriage return not before a newline, NEL, the line and
// paragraph separators and the byte-order mark: engines split lines and tokens on them differently.
// eslint-disable-next-line no-control-regex -- these characters are what it looks for.
const SUSPECT_CHAR = /[\u0000-\u0008\u000B-\u000C\u000E-\u001F\u007F\u0085\u2028\u2029\uFEFF]|\r(?!\n)/;

export function forbidden(message: string): DomainError {
  return new DomainError('FORBIDDEN', `read-only: ${message}`);
}

const syntaxError = (message: string) => badInput(`Cypher error: ${message}`, { argument: 'cypher' });

const ruleName = (ctx: ParserRuleContext) => Parser.ruleNames[ctx.ruleIndex];

/** A name as the engines read it: backticks removed, doubled backticks made single. */
function unquote(text: string): string {
  return text.startsWith('`') ? text.slice(1, -1).replaceAll('``', '`') : text;
}

interface Lexed {
  tokens: Token[];
  /** Tokens the parser reads (no spaces or comments), without EOF. */
  visible: Token[];
}

function lex(text: string): Lexed {
  const lexer = new Lexer(CharStream.fromString(text));
  lexer.removeErrorListeners();
  lexer.addErrorListener({
    syntaxError: (_r, _s, line, column, msg) => {
      throw syntaxError(`line ${line}:${column} ${msg}`);
    },
    reportAmbiguity: () => undefined,
    reportAttemptingFullContext: () => undefined,
    reportContextSensitivity: () => undefined,
  });
  const stream = new CommonTokenStream(lexer);
  stream.fill();
  const tokens = stream.getTokens();
  const visible = tokens.filter((t) => t.channel === Token.DEFAULT_CHANNEL && t.type !== Token.EOF);
  return { tokens, visible };
}

/** Refuses tokens whose reading could differ between this parser and the engines. */
function checkToken(t: Token): void {
  const text = t.text ?? '';
  switch (t.type) {
    case Lexer.STRING_LITERAL1:
    case Lexer.STRING_LITERAL2:
      if (text.slice(1, -1).replace(ESCAPES, '').includes('\\'))
        throw forbidden(`line ${t.line}: only the escapes \\\\ \\' \\" \\n \\t \\r \\b \\f may appear in a string`);
      return;
    case Lexer.ESCAPED_SYMBOLIC_NAME:
      if (text.includes('\\')) throw forbidden(`line ${t.line}: a quoted name may not contain a backslash`);
      return;
    case Lexer.UNSIGNED_DECIMAL_INTEGER:
    case Lexer.DECIMAL_DOUBLE:
      if (!NUMBER.test(text)) throw forbidden(`line ${t.line}: "${text}" is not a plain decimal number`);
      return;
    case Lexer.UNSIGNED_HEX_INTEGER:
    case Lexer.UNSIGNED_OCTAL_INTEGER:
    case Lexer.EXTENDED_IDENTIFIER:
      throw forbidden(`line ${t.line}: "${text}" is not allowed here`);
  }
  // Keywords, names and punctuation: ASCII, or letters and digits (names in Chinese); no look-alike
  // arrows or dashes.
  if (!/^[\x21-\x7e]+$/.test(text) && !/^[\p{L}\p{Nd}_]+$/u.test(text))
    throw forbidden(`line ${t.line}: "${text}" contains characters the engines may read differently`);
}

/**
 * The text the engines get: the same tokens, comments replaced by a space (or the newlines they
 * spanned), unusual spaces by a plain one, a trailing semicolon dropped.
 */
function canonical({ tokens, visible }: Lexed): string {
  const last = visible[visible.length - 1];
  let out = '';
  for (const t of tokens) {
    if (t.type === Token.EOF || (t === last && t.type === Lexer.SEMICOLON)) continue;
    const text = t.text ?? '';
    if (t.channel === Token.DEFAULT_CHANNEL) out += text;
    else if (t.type === Lexer.SPACE && /^[ \t\r\n]+$/.test(text)) out += text;
    else out += text.includes('\n') ? '\n'.repeat(text.split('\n').length - 1) : ' ';
  }
  return out.trim();
}

/** Checks on the tokens alone, before anything is parsed. */
function screen(cypher: string): Lexed {
  // Neo4j 5 replaces \uXXXX everywhere before it reads the query: '\u0027' ends a string there.
  if (/\\u/i.test(cypher)) throw forbidden('\\u escapes are not allowed (Neo4j reads them before the strings they sit in)');
  const bad = SUSPECT_CHAR.exec(cypher);
  if (bad) throw forbidden(`the character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} is not allowed in a query`);
  const lexed = lex(cypher);
  const { visible } = lexed;
  if (visible.length === 0) throw syntaxError('the query is empty');
  for (const t of visible) checkToken(t);
  const first = visible[0].text ?? '';
  if (!FIRST_KEYWORDS.has(first.toUpperCase()))
    throw forbidden(`${first.slice(0, 24)} is not allowed here: a query starts with MATCH, OPTIONAL MATCH, WITH, UNWIND or RETURN`);
  const semicolons = visible.filter((t) => t.type === Lexer.SEMICOLON);
  if (semicolons.length > 1 || (semicolons.length === 1 && semicolons[0] !== visible[visible.length - 1]))
    throw forbidden('only one statement may run at a time');
  let depth = 0;
  for (const t of visible) {
    if (t.type === Lexer.LPAREN || t.type === Lexer.LBRACKET || t.type === Lexer.LCURLY) depth++;
    if (t.type === Lexer.RPAREN || t.type === Lexer.RBRACKET || t.type === Lexer.RCURLY) depth--;
    if (depth > MAX_NESTING) throw forbidden(`brackets may nest at most ${MAX_NESTING} deep`);
  }
  return lexed;
}

function parse(text: string): { tree: ParserRuleContext; stream: CommonTokenStream } {
  const lexer = new Lexer(CharStream.fromString(text));
  lexer.removeErrorListeners();
  const stream = new CommonTokenStream(lexer);
  const parser = new Parser(stream);
  // SLL only: full LL took 50 s on a hundred nested CASEs (the event loop with it). A text SLL cannot
  // parse is refused as a syntax error; refusing more is safe.
  parser.interpreter.predictionMode = PredictionMode.SLL;
  parser.removeErrorListeners();
  const errors: string[] = [];
  parser.addErrorListener({
    syntaxError: (_r, _s, line, column, msg) => {
      errors.push(`line ${line}:${column} ${msg.length > 160 ? `${msg.slice(0, msg.indexOf(' expecting') + 1 || 160).trim()}` : msg}`);
    },
    reportAmbiguity: () => undefined,
    reportAttemptingFullContext: () => undefined,
    reportContextSensitivity: () => undefined,
  });
  let tree: ParserRuleContext;
  try {
    tree = parser.statementsOrCommands();
  } catch (err) {
    if (err instanceof RangeError) throw forbidden('the query is nested too deeply');
    throw err;
  }
  if (errors.length) throw syntaxError(errors[0]);
  return { tree, stream };
}

/** Text edits on token indexes: replace a token, drop a token, or add text after one. */
interface Edits {
  replace: Map<number, string>;
  drop: Set<number>;
  after: Map<number, string>;
}

interface Walk {
  params: Record<string, unknown>;
  rowCap: number;
  edits: Edits;
  rangeProduct: number;
  parts: number;
  bound: Set<string>;
  topLevel: boolean;
}

const children = (ctx: ParserRuleContext): ParseTree[] => ctx.children ?? [];
const ruleChildren = (ctx: ParserRuleContext, name: string) =>
  children(ctx).filter((c): c is ParserRuleContext => c instanceof ParserRuleContext && ruleName(c) === name);
const firstText = (ctx: ParserRuleContext) => (ctx.start?.text ?? '').toUpperCase();

function visit(node: ParseTree, w: Walk): void {
  if (node instanceof TerminalNode || !(node instanceof ParserRuleContext)) return;
  const name = ruleName(node);
  const handler = Object.hasOwn(HANDLERS, name) ? HANDLERS[name] : undefined;
  if (handler) return handler(node, w);
  if (!ALLOWED_RULES.has(name)) throw forbidden(`${firstText(node) || name} is not allowed here (${name})`);
  for (const c of children(node)) visit(c, w);
}

function visitAll(ctx: ParserRuleContext, w: Walk): void {
  for (const c of children(ctx)) visit(c, w);
}

/** Variables a node pattern or a path names (for counting disconnected parts). */
function patternVariables(ctx: ParserRuleContext, into: Set<string> = new Set()): Set<string> {
  for (const c of children(ctx)) {
    if (!(c instanceof ParserRuleContext)) continue;
    if (ruleName(c) === 'variable') into.add(unquote(c.getText()));
    else if (ruleName(c) !== 'expression' && ruleName(c) !== 'properties') patternVariables(c, into);
  }
  return into;
}

/** `:Entity` and nothing else: no alternatives, negations, wildcards or dynamic labels. */
function singleName(label: ParserRuleContext | undefined): string | null {
  // labelExpression3 → labelExpression2 → labelExpression1 (#LabelName) → symbolicNameString
  if (!label || label.getChildCount() !== 1) return null;
  const two = label.getChild(0) as ParserRuleContext;
  if (two.getChildCount() !== 1) return null;
  const one = two.getChild(0) as ParserRuleContext;
  const sym = one.getChild(0);
  if (one.getChildCount() !== 1 || !(sym instanceof ParserRuleContext) || ruleName(sym) !== 'symbolicNameString') return null;
  return unquote(sym.getText());
}

function checkNodeLabel(ctx: ParserRuleContext): void {
  const [expr] = ruleChildren(ctx, 'labelExpression');
  const four = expr && expr.getChild(0)?.getText() === ':' ? ruleChildren(expr, 'labelExpression4')[0] : undefined;
  const parts = four ? ruleChildren(four, 'labelExpression3') : [];
  if (!four || four.getChildCount() !== 1 || singleName(parts[0]) !== ENTITY)
    throw forbidden(`every node pattern must be labelled :${ENTITY} (line ${ctx.start?.line}: ${ctx.getText()})`);
}

function checkRelTypes(ctx: ParserRuleContext): void {
  const [expr] = ruleChildren(ctx, 'labelExpression');
  if (!expr) return;
  const four = expr.getChild(0)?.getText() === ':' ? ruleChildren(expr, 'labelExpression4')[0] : undefined;
  const types = four ? ruleChildren(four, 'labelExpression3').map(singleName) : [null];
  for (const t of types) {
    if (t === null || !(RELATION_TYPES as readonly string[]).includes(t))
      throw forbidden(`relationship types must be among ${RELATION_TYPES.join(', ')} (line ${ctx.start?.line}: ${expr.getText()})`);
  }
}

function checkPathLength(ctx: ParserRuleContext): void {
  const [len] = ruleChildren(ctx, 'pathLength');
  if (!len) return;
  const parts = children(len).map((c) => c.getText());
  const dots = parts.indexOf('..');
  const upper = dots === -1 ? parts[1] : parts[dots + 1];
  const lower = dots === -1 ? upper : dots === 1 ? '1' : parts[1];
  if (upper === undefined || Number(upper) > MAX_HOPS || Number(lower) > Number(upper))
    throw forbidden(`a variable-length relationship needs an upper bound of at most ${MAX_HOPS} (${len.getText()})`);
}

/** `range()` with integer literals only, within the budget of the whole query. */
function checkRange(ctx: ParserRuleContext, w: Walk): void {
  const args = ruleChildren(ctx, 'functionArgument').map((a) => a.getText());
  const ints = args.map((a) => (/^-?(0|[1-9][0-9]{0,15})$/.test(a) ? Number(a) : NaN));
  if (ints.length < 2 || ints.length > 3 || ints.some(Number.isNaN))
    throw forbidden('range() takes integer literals here (a bound from data or a parameter could be any size)');
  const [from, to, step = 1] = ints;
  const size = step === 0 ? Infinity : Math.max(0, Math.floor((to - from) / step) + 1);
  w.rangeProduct *= Math.max(size, 1);
  if (w.rangeProduct > RANGE_BUDGET) throw forbidden(`range() may produce at most ${RANGE_BUDGET} elements in a query`);
}

function checkFunction(ctx: ParserRuleContext, w: Walk): void {
  const [fn] = ruleChildren(ctx, 'functionName');
  const [ns] = ruleChildren(fn, 'namespace');
  const name = unquote(ruleChildren(fn, 'symbolicNameString')[0].getText());
  if (ns.getChildCount() > 0 || !FUNCTIONS.has(name.toLowerCase())) throw forbidden(`the function ${fn.getText()} is not allowed here`);
  if (name.toLowerCase() === 'range') checkRange(ctx, w);
  for (const a of ruleChildren(ctx, 'functionArgument')) visit(a, w);
}

/** Counts the pattern parts of a MATCH that share no variable with each other or with earlier clauses. */
function countParts(ctx: ParserRuleContext, w: Walk): void {
  const [list] = ruleChildren(ctx, 'patternList');
  const groups = ruleChildren(list, 'pattern').map((p) => patternVariables(p));
  const merged: Set<string>[] = [];
  for (const g of groups) {
    const touching = merged.filter((m) => [...g].some((v) => m.has(v)));
    const union = new Set([...g, ...touching.flatMap((m) => [...m])]);
    for (const m of touching) merged.splice(merged.indexOf(m), 1);
    merged.push(union);
  }
  w.parts += merged.filter((m) => ![...m].some((v) => w.bound.has(v))).length;
  for (const m of merged) for (const v of m) w.bound.add(v);
  if (w.parts > MAX_PARTS) throw forbidden(`at most ${MAX_PARTS} disconnected pattern parts may appear (each one multiplies the rows)`);
}

/** The LIMIT of a top-level RETURN: added when missing, lowered to the row cap when above it. */
function capLimit(body: ParserRuleContext, w: Walk): void {
  const [limit] = ruleChildren(body, 'limit');
  if (!limit) {
    w.edits.after.set(body.stop!.tokenIndex, ` LIMIT ${w.rowCap}`);
    return;
  }
  const expr = limit.getChild(1) as ParserRuleContext;
  const text = expr.getText();
  const param = /^\$(.+)$/.exec(text);
  const value = param ? w.params[unquote(param[1])] : /^[0-9]+$/.test(text) ? Number(text) : undefined;
  if (param && !(Number.isSafeInteger(value) && (value as number) >= 0))
    throw badInput(`parameter "${unquote(param[1])}" is a LIMIT and must be a non-negative integer`, { param: unquote(param[1]) });
  if (value === undefined) throw forbidden('LIMIT takes an integer or a parameter here');
  if ((value as number) <= w.rowCap) return;
  w.edits.replace.set(expr.start!.tokenIndex, String(w.rowCap));
  for (let i = expr.start!.tokenIndex + 1; i <= expr.stop!.tokenIndex; i++) w.edits.drop.add(i);
}

const HANDLERS: Record<string, (ctx: ParserRuleContext, w: Walk) => void> = {
  statementsOrCommands: (ctx, w) => visitAll(ctx, w),
  preparsedStatement: (ctx, w) => {
    if (ctx.getChildCount() !== 1) throw forbidden(`${firstText(ctx)} is not allowed here`);
    visitAll(ctx, w);
  },
  queryWithLocalDefinitions: (ctx, w) => {
    if (ctx.getChildCount() !== 1) throw forbidden(`${firstText(ctx)} is not allowed here`);
    visitAll(ctx, w);
  },
  nextStatement: (ctx, w) => {
    if (ctx.getChildCount() !== 1) throw forbidden('NEXT is not allowed here');
    visitAll(ctx, w);
  },
  union: (ctx, w) => {
    const top = w.topLevel;
    w.topLevel = false;
    visitAll(ctx, w);
    for (const q of top ? ruleChildren(ctx, 'singleQuery') : []) {
      const last = q.getChild(q.getChildCount() - 1)!.getChild(0) as ParserRuleContext;
      if (ruleName(last) !== 'returnClause') throw syntaxError('the query must end with RETURN');
      capLimit(ruleChildren(last, 'returnBody')[0], w);
    }
  },
  singleQuery: (ctx, w) => {
    if (ruleChildren(ctx, 'clause').length !== ctx.getChildCount()) throw forbidden(`${firstText(ctx)} is not allowed here`);
    visitAll(ctx, w);
  },
  matchClause: (ctx, w) => {
    countParts(ctx, w);
    visitAll(ctx, w);
  },
  pattern: (ctx, w) => visitAll(ctx, w),
  patternElement: (ctx, w) => {
    for (const c of children(ctx)) {
      if (c instanceof ParserRuleContext && !['nodePattern', 'relationshipPattern'].includes(ruleName(c)))
        throw forbidden(`${c.getText()} is not allowed in a pattern here (${ruleName(c)})`);
      visit(c, w);
    }
  },
  nodePattern: (ctx, w) => {
    checkNodeLabel(ctx);
    for (const c of children(ctx)) if (!(c instanceof ParserRuleContext) || ruleName(c) !== 'labelExpression') visit(c, w);
  },
  relationshipPattern: (ctx, w) => {
    checkRelTypes(ctx);
    checkPathLength(ctx);
    for (const c of children(ctx)) {
      if (c instanceof ParserRuleContext && ['labelExpression', 'pathLength'].includes(ruleName(c))) continue;
      if (c instanceof ParserRuleContext && ['leftArrow', 'arrowLine', 'rightArrow'].includes(ruleName(c))) continue;
      visit(c, w);
    }
  },
  functionInvocation: checkFunction,
  comparisonExpression6: (ctx, w) => {
    const op = children(ctx)
      .filter((c) => c instanceof TerminalNode)
      .map((c) => c.getText().toUpperCase())
      .join(' ');
    if (!['=~', 'STARTS WITH', 'ENDS WITH', 'CONTAINS', 'IN', 'IS NULL', 'IS NOT NULL'].includes(op))
      throw forbidden(`${op || ctx.getText()} is not allowed here`);
    visitAll(ctx, w);
  },
  unwindClause: (ctx, w) => {
    visitAll(ctx, w);
    w.bound.add(unquote(ruleChildren(ctx, 'variable')[0].getText()));
  },
};

export interface PrepareOptions {
  /** The most rows the caller reads; every top-level RETURN is limited to it. */
  rowCap: number;
  /** The query's parameters (a LIMIT given as a parameter is checked against the cap). */
  params?: Record<string, unknown>;
}

function check(cypher: string, opts: PrepareOptions): string {
  const text = canonical(screen(cypher));
  const { tree, stream } = parse(text);
  const edits: Edits = { replace: new Map(), drop: new Set(), after: new Map() };
  const walk: Walk = { params: opts.params ?? {}, rowCap: opts.rowCap, edits, rangeProduct: 1, parts: 0, bound: new Set(), topLevel: true };
  visit(tree, walk);
  let out = '';
  for (const t of stream.getTokens()) {
    if (t.type === Token.EOF || edits.drop.has(t.tokenIndex)) continue;
    out += edits.replace.get(t.tokenIndex) ?? t.text ?? '';
    out += edits.after.get(t.tokenIndex) ?? '';
  }
  return out;
}

/**
 * Checks analyst Cypher and returns the text to run: FORBIDDEN for anything outside the allow-list,
 * BAD_USER_INPUT for text that does not parse. The returned text passes the same check unchanged.
 */
export function prepareReadOnly(cypher: string, opts: PrepareOptions): string {
  const text = check(cypher, opts);
  if (check(text, opts) !== text) throw new Error('read-only: the checked text does not read back the same');
  return text;
}

/** The allow-list, then the engine's own plan; returns the text to run. */
export async function assertReadOnly(store: GraphStore, cypher: string, opts: PrepareOptions): Promise<string> {
  const text = prepareReadOnly(cypher, opts);
  if (!(await store.isReadOnly(text))) throw forbidden('the engine reports that this query writes');
  return text;
}
