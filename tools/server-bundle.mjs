// The server as plain JavaScript for `npm start` (tools/start.mjs): server/main.ts and the project files
// it imports bundled by esbuild into dist/server/<hash>/main.mjs (npm packages stay imports; a module
// imported with import() is a chunk of its own, loaded when first used), rebuilt only when one of those
// files changed: the manifest keeps the hash of their contents. Started with plain node, the server
// loads in about half the time it takes under tsx, which resolves and transpiles ~150 .ts files
// through its loader hooks on every start (2.5-4 s at 100k on a loaded machine, measured).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outRoot = path.join(root, 'dist', 'server');
const manifestFile = path.join(outRoot, 'manifest.json');
const entry = path.join(root, 'server', 'main.ts');
/** Bumped when the build options below change, so that a bundle built with the old ones is rebuilt. */
const FORMAT = 1;
/** Earlier bundles kept besides the current one: a server still running from one loads its chunks later. */
const KEEP = 3;

/** One hash of the listed files' contents (a missing file counts as changed), the build options and esbuild's version. */
function hashOf(inputs, esbuildVersion) {
  const h = crypto.createHash('sha256').update(`${FORMAT}\0${esbuildVersion}\0`);
  for (const rel of inputs) {
    h.update(`${rel}\0`);
    try {
      h.update(fs.readFileSync(path.join(root, rel)));
    } catch {
      h.update('\0missing\0');
    }
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

function readManifest() {
  try {
    return JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Files read at run time relative to their own folder (server/config.ts: the project root; server/schema.ts:
 * the SDL) use import.meta.dirname; in the bundle that is the bundle's folder, so each such file gets
 * its own folder back, relative to the bundle's (`outDir`, at the depth of dist/server/<hash>).
 */
const ownDirname = (outDir) => ({
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = fs.readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.dirname')) return undefined;
      const rel = path.relative(outDir, path.dirname(args.path)).split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.dirname', `(import.meta.dirname + ${JSON.stringify(`/${rel}`)})`), loader: 'ts' };
    });
  },
});

/** Writes `text` to `file` through a temporary file and a rename, so a concurrent start never reads half of it. */
function writeAtomically(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Removes bundles but the newest KEEP besides `current`, and builds left half-done by a start that was killed. */
function removeOld(current) {
  const dirs = fs
    .readdirSync(outRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== current)
    .map((d) => ({ name: d.name, at: fs.statSync(path.join(outRoot, d.name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  const hourAgo = Date.now() - 3600_000;
  const stale = dirs.filter((d, i) => (d.name.startsWith('tmp-') ? d.at < hourAgo : i >= KEEP));
  for (const d of stale) fs.rmSync(path.join(outRoot, d.name), { recursive: true, force: true });
}

/**
 * The path of a current bundle of the server, building it when its inputs changed; null when it cannot
 * be built (esbuild missing or failing), and the server is then started under tsx as before.
 */
export async function serverBundle({ log = console.log } = {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return null;
  }
  const manifest = readManifest();
  if (manifest) {
    const main = path.join(outRoot, manifest.hash, 'main.mjs');
    if (fs.existsSync(main) && manifest.hash === hashOf(manifest.inputs, esbuild.version)) return main;
  }
  const started = Date.now();
  const tmp = path.join(outRoot, `tmp-${process.pid}-${started}`);
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: { main: entry },
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      // Error names and stack traces as in the sources (a class renamed to avoid a clash would not be).
      keepNames: true,
      sourcemap: 'linked',
      outdir: tmp,
      metafile: true,
      logLevel: 'silent',
      plugins: [ownDirname(tmp)],
    });
    const inputs = Object.keys(result.metafile.inputs).sort();
    log(`bundled the server (${inputs.length} files) in ${Date.now() - started} ms`);
    // A file saved while the build ran may not be in the bundle: this start runs it as built, and the
    // next one builds again (no manifest for it; removeOld takes it away later).
    if (inputs.some((rel) => fs.statSync(path.join(root, rel)).mtimeMs >= started)) return path.join(tmp, 'main.mjs');
    const hash = hashOf(inputs, esbuild.version);
    const dir = path.join(outRoot, hash);
    // Another start may have built the same bundle meanwhile: then its copy stays.
    if (fs.existsSync(dir)) fs.rmSync(tmp, { recursive: true, force: true });
    else fs.renameSync(tmp, dir);
    writeAtomically(manifestFile, JSON.stringify({ hash, inputs }, null, 1));
    removeOld(hash);
    return path.join(dir, 'main.mjs');
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    log(`could not bundle the server, starting it under tsx: ${err.message}`);
    return null;
  }
}
