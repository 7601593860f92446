// Compares `bangumi-backend wiki parse --batch` with @bgm38/wiki on
//  1. the public wiki-syntax-spec suite (valid/*.wiki must equal *.yaml, invalid/* must fail),
//  2. a JSON Lines corpus (every line's result must equal the npm package's, byte for byte).
// Usage: node check.mjs BINARY SUITE_DIR CORPUS_JSONL   (run via run.sh)
import { parse } from '@bgm38/wiki';
import * as yaml from 'js-yaml';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import assert from 'node:assert';

const [binary, suiteDir, corpus] = process.argv.slice(2);
const ours = (texts) =>
  execFileSync(binary, ['wiki', 'parse', '--batch'], {
    input: texts.map((t) => JSON.stringify(t)).join('\n') + '\n',
    maxBuffer: 1 << 30,
  }).toString().trimEnd().split('\n').map((l) => JSON.parse(l));
const theirs = (t) => {
  try { return { wiki: parse(t) }; } catch (e) { return { error: { message: e.message, lino: e.lino, line: e.line } }; }
};

let failures = 0;
const fail = (what) => { failures++; console.log('FAIL ' + what); };

for (const kind of ['valid', 'invalid']) {
  const names = fs.readdirSync(`${suiteDir}/${kind}`).filter((f) => f.endsWith('.wiki')).sort();
  const texts = names.map((f) => fs.readFileSync(`${suiteDir}/${kind}/${f}`, 'utf8'));
  const results = ours(texts);
  names.forEach((name, i) => {
    const r = results[i];
    if (kind === 'invalid') {
      if (!r.error) fail(`${kind}/${name}: accepted`);
      return;
    }
    if (!r.wiki) return fail(`${kind}/${name}: ${r.error.message}`);
    const expected = yaml.load(fs.readFileSync(`${suiteDir}/valid/${name.replace(/\.wiki$/, '.yaml')}`, 'utf8'));
    try { assert.deepStrictEqual(r.wiki, expected); } catch { fail(`${kind}/${name}: ${JSON.stringify(r.wiki)} != ${JSON.stringify(expected)}`); }
  });
  console.log(`suite ${kind}: ${names.length} cases`);
}

const lines = fs.readFileSync(corpus, 'utf8').split('\n').filter((l) => l.length > 0);
const texts = lines.map((l) => JSON.parse(l));
const results = ours(texts);
let same = 0;
texts.forEach((t, i) => {
  if (JSON.stringify(results[i]) === JSON.stringify(theirs(t))) same++;
  else fail(`corpus line ${i + 1}: ${JSON.stringify(results[i])} != ${JSON.stringify(theirs(t))}`);
});
console.log(`corpus: ${same}/${texts.length} identical to @bgm38/wiki`);
console.log(failures === 0 ? 'conformance: ok' : `conformance: ${failures} failures`);
process.exit(failures === 0 ? 0 : 1);
