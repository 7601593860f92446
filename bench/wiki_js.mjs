// @bgm38/wiki throughput on a JSON Lines corpus (same file the C++ bench reads).
import { parse } from '@bgm38/wiki';
import fs from 'node:fs';
const texts = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
const run = () => { for (const t of texts) { try { parse(t); } catch {} } };
for (let i = 0; i < 200; i++) run();  // warm-up (JIT)
let rounds = 0;
const start = process.hrtime.bigint();
let elapsed = 0;
while (elapsed < 3e9) { run(); rounds++; elapsed = Number(process.hrtime.bigint() - start); }
const secs = elapsed / 1e9;
console.log(JSON.stringify({ mb_per_s: (bytes * rounds) / secs / 1e6, infoboxes_per_s: (texts.length * rounds) / secs }));
