/** The bookmark cookie takes only what a server of the same database signed; NEO4J_URI takes the driver's schemes. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { BookmarkSigner, RequestBookmarks } from '../../server/store/bookmarks.js';

const key = Buffer.alloc(32, 7);
const signer = new BookmarkSigner(key);
const BM = 'FB:kcwQjCL+fQqVTbq9OP3gT8KaAAWQ';

describe('bookmark cookie', () => {
  it('gives back what it signed, on any server with the same key', () => {
    const value = signer.sign([BM])!;
    expect(new BookmarkSigner(Buffer.from(key)).verify(value)).toEqual([BM]);
  });

  it('ignores a value it did not sign, a changed one, garbage and oversized input', () => {
    const value = signer.sign([BM])!;
    const other = new BookmarkSigner(Buffer.alloc(32, 8)).sign([BM])!;
    const [payload, sig] = value.split('.');
    for (const bad of [
      other,
      `${payload}x.${sig}`,
      `FB:kcwQjCL+fQqVTbq9OP3gT8KafweQ.${sig}`,
      `${payload}.${sig.slice(1)}`,
      `${payload}`,
      `.${sig}`,
      'a;b.c',
      `${'FB:a~'.repeat(10)}FB:a.${sig}`,
      `${'x'.repeat(3000)}.${sig}`,
      '',
      null,
    ]) {
      expect(signer.verify(bad)).toEqual([]);
    }
  });

  it('keeps a request’s newest bookmarks, and those of a statement that wrote meanwhile', () => {
    const scope = new RequestBookmarks(signer.sign([BM]));
    expect(scope.bookmarks(signer)).toEqual([BM]);
    scope.wrote(signer, [BM], ['FB:second']);
    expect(scope.bookmarks(signer)).toEqual(['FB:second']);
    // Two writes that started together: the second to commit keeps the first's bookmark.
    scope.wrote(signer, ['FB:second'], ['FB:third']);
    scope.wrote(signer, ['FB:second'], ['FB:fourth']);
    expect(scope.bookmarks(signer)).toEqual(['FB:third', 'FB:fourth']);
    expect(signer.verify(scope.outgoing)).toEqual(['FB:third', 'FB:fourth']);
  });

  it('needs the key only to check a cookie: without it the cookie waits, unused', () => {
    expect(new RequestBookmarks(null).unverified).toBe(false);
    expect(new RequestBookmarks(null).bookmarks(null)).toEqual([]);
    const scope = new RequestBookmarks(signer.sign([BM]));
    expect(scope.unverified).toBe(true);
    expect(scope.bookmarks(null)).toEqual([]);
    expect(scope.unverified).toBe(true);
    expect(scope.bookmarks(signer)).toEqual([BM]);
    expect(scope.unverified).toBe(false);
  });
});

describe('NEO4J_URI', () => {
  it('takes bolt and routing schemes, plain or TLS', () => {
    for (const uri of [
      'bolt://127.0.0.1:7687',
      'neo4j://db:7687',
      'neo4j+s://abc.databases.neo4j.io',
      'bolt+ssc://h',
      'neo4j://h:7687?policy=eu',
    ]) {
      expect(loadConfig({ NEO4J_URI: uri }).neo4j!.uri).toBe(uri);
    }
  });

  it('refuses anything else, naming the variable', () => {
    for (const uri of ['http://127.0.0.1:7474', '127.0.0.1:7687', 'neo4j://', 'neo4j+x://h', 'bolt://h/path']) {
      expect(() => loadConfig({ NEO4J_URI: uri })).toThrow(/NEO4J_URI must be/);
    }
  });
});
