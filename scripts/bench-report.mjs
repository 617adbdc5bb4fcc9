// Writes BENCHMARKS.md from the measurements scripts/bench.sh collected in DIR.
//   node scripts/bench-report.mjs DIR > BENCHMARKS.md
// `scripts/bench.sh crash` measures only the crash test and puts its row and
// section into the BENCHMARKS.md there is, leaving the other figures as they were:
//   node scripts/bench-report.mjs --crash-only DIR < BENCHMARKS.md > NEW
import * as fs from 'node:fs';
import * as os from 'node:os';
import { execSync } from 'node:child_process';

const crashOnly = process.argv[2] === '--crash-only';
const dir = process.argv[crashOnly ? 3 : 2];
const read = (f) => fs.readFileSync(`${dir}/${f}`, 'utf8');
const row = (cells) => `| ${cells.join(' | ')} |`;
const verdict = (ok, miss) => (ok ? '**met**' : `**missed** ${miss}`);
// The crash test's closing line (tests/crash.rs), when bench.sh ran it.
const crash = (() => {
  if (!fs.existsSync(`${dir}/crash.txt`)) return null;
  const m = /crash test: (\d+) rounds, (\d+) saves acknowledged \(up to revision (\d+)\), (\d+) acknowledged saves lost, (\d+) s/.exec(read('crash.txt'));
  if (!m) throw new Error(`crash.txt: no "crash test:" line in ${read('crash.txt')}`);
  return { rounds: Number(m[1]), saves: Number(m[2]), revision: Number(m[3]), lost: Number(m[4]), seconds: Number(m[5]) };
})();
const crashBudget = (c) => row(['Server killed (SIGKILL) during saves: acknowledged saves lost', '0', `${c.lost} in ${c.rounds} kills (${c.saves} saves acknowledged)`, verdict(c.lost === 0, '')]);
const crashSection = (c, when) => [
  '## Killed during saves', '',
  `\`EDGENET_CRASH_ROUNDS=${c.rounds} cargo test --features ssr --test crash\` (\`tests/crash.rs\`)${when}: the server is started on the same data directory, two clients save port settings through the API as fast as they can, and the process is killed with SIGKILL 20 to 140 ms later; after every kill each revision file on disk must parse whole and the applied revision must be at least the last one acknowledged.`, '',
  row(['kills', 'saves acknowledged', 'last acknowledged revision', 'acknowledged saves lost', 'run time']), row(['---:', '---:', '---:', '---:', '---:']),
  row([String(c.rounds), String(c.saves), String(c.revision), String(c.lost), `${c.seconds} s`]), '',
];
if (crashOnly) {
  if (!crash) throw new Error(`${dir}/crash.txt is missing`);
  const when = ` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, a run of its own (\`scripts/bench.sh crash\`)`;
  const old = fs.readFileSync(0, 'utf8').split('\n');
  const out = [];
  for (let i = 0; i < old.length; i++) {
    if (old[i].startsWith('| Server killed (SIGKILL) during saves')) continue;
    if (old[i] === '## Killed during saves') { // drop the old section, up to the next heading
      while (i + 1 < old.length && !old[i + 1].startsWith('## ')) i++;
      continue;
    }
    out.push(old[i]);
    if (old[i].startsWith('| Saves from 50 concurrent clients')) out.push(crashBudget(crash));
  }
  // The section goes after the saves section: before the next heading, or at the end.
  const saves = out.findIndex((l) => l.startsWith('## Saving under 50 concurrent clients'));
  let at = out.findIndex((l, i) => i > saves && l.startsWith('## '));
  if (at < 0) at = out.length - (out[out.length - 1] === '' ? 1 : 0);
  out.splice(at, 0, ...crashSection(crash, when));
  process.stdout.write(out.join('\n'));
  process.exit(0);
}
const browser = JSON.parse(read('browser.json'));
const saves = JSON.parse(read('saves.json'));
const sh = (c) => { try { return execSync(c).toString().trim(); } catch { return '?'; } };

// wrk's "Requests/sec" and its latency distribution.
function wrk(text) {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(text)[1]);
  const dist = {};
  for (const m of text.matchAll(/^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$/gm)) {
    dist[m[1]] = Number(m[2]) * { us: 0.001, ms: 1, s: 1000 }[m[3]];
  }
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(text)?.[1] ?? '0';
  return { rps, dist, errors: Number(errors) };
}
const page = wrk(read('wrk-page.txt'));
const pageBytes = read('page-check.txt').trim().split(' ')[1];
const stat = wrk(read('wrk-static.txt'));
const uncached = wrk(read('wrk-page-uncached.txt'));

const kb = (b) => (b / 1024).toFixed(1);
const firstLoad = browser.wire.filter((w) => ['document', 'script', 'stylesheet', 'fetch', 'other'].includes(w.type) && w.status < 300);
const total = firstLoad.reduce((s, w) => s + w.body, 0);
const totalWithHeaders = firstLoad.reduce((s, w) => s + w.body + w.headers, 0);

const validate = [10, 100, 1000, 10000].map((n) => {
  const e = JSON.parse(read(`validate-${n}.json`));
  return { n, ms: e.mean.point_estimate / 1e6, lo: e.mean.confidence_interval.lower_bound / 1e6, hi: e.mean.confidence_interval.upper_bound / 1e6 };
});
// Cost per route times log2(n): flat or falling means no worse than n log n.
const nlogn = validate.map((v) => (v.ms * 1e6) / (v.n * Math.log2(v.n)));

const hydCold = browser.hydration_cold_ms;
const nav = browser.navigation_ms;
const navWire = browser.navigation_wire ?? [];
const navBytes = navWire.reduce((s, w) => s + w.body, 0);
const budgets = [
  ['First load of the Compute page, compressed bytes (HTML + WASM + JS + CSS + catalog)', '< 100 KB (and < 150 KB in any case)', `${kb(total)} KB`, verdict(total < 100 * 1024, `by ${kb(total - 100 * 1024)} KB (×${(total / (100 * 1024)).toFixed(2)}); ${total < 150 * 1024 ? 'the 150 KB budget is met' : 'the 150 KB budget is missed too'}`)],
  ['Navigation to an interactive Compute form (islands hydrated), headless Chromium, localhost (cold cache, median of 20)', '< 150 ms', `${hydCold.median.toFixed(0)} ms`, verdict(hydCold.median < 150, `by ${(hydCold.median - 150).toFixed(0)} ms`)],
  ['Overview → Compute through the navigation, JavaScript on, warm (median of 20)', 'no document reload', `${browser.navigation_reloads} reloads in ${nav.runs}; ${nav.median.toFixed(0)} ms to a hydrated form; ${kb(navBytes)} KB over the wire`, verdict(browser.navigation_reloads === 0, `${browser.navigation_reloads} reloads`)],
  ['Server-rendered Compute page vs static file, requests per second', '≥ 50 %', `${(100 * page.rps / stat.rps).toFixed(0)} % (${page.rps.toFixed(0)} vs ${stat.rps.toFixed(0)} req/s); rendered anew each time: ${(100 * uncached.rps / stat.rps).toFixed(0)} %`, verdict(page.rps >= stat.rps / 2, `by ${(50 - 100 * page.rps / stat.rps).toFixed(0)} points`)],
  ['Validation of a configuration with 10,000 routes (criterion mean)', '< 5 ms', `${validate[3].ms.toFixed(2)} ms`, verdict(validate[3].ms < 5, `by ${(validate[3].ms - 5).toFixed(2)} ms`)],
  ['Growth of validation cost, 10 → 10,000 routes', '≤ n log n', `time/(n·log₂n): ${nlogn.map((x) => x.toFixed(1)).join(' → ')} ns`, verdict(nlogn[3] <= nlogn[1] * 1.25, '')],
  ['Saves from 50 concurrent clients: lost updates', '0', `${saves.lost} of ${saves.saves}`, verdict(saves.lost === 0, '')],
];


const cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2");
const lines = [];
lines.push('# Benchmarks', '');
lines.push(`Written by \`scripts/bench.sh\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Every figure below is one that run measured; run it again to refresh them.`, '');
lines.push('## Machine', '');
lines.push(`- CPU: ${cpu.trim()}, ${os.cpus().length} cores; memory ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Linux ${os.release()}`);
lines.push(`- ${sh('rustc -V')}; ${browser.chromium}; ${sh('wrk -v 2>&1 | head -n1').split(' [')[0]}`);
lines.push('- The load generator, the browser and the server share these cores.', '');
lines.push('## Budgets', '');
lines.push(row(['budget', 'target', 'measured', 'verdict']), row(['---', '---', '---', '---']));
for (const b of budgets) lines.push(row(b));
// Without a crash run (EDGENET_BENCH_CRASH_ROUNDS=0), the last one's row and
// section are kept from the BENCHMARKS.md there is: they say when they were measured.
const previous = fs.existsSync('BENCHMARKS.md') ? fs.readFileSync('BENCHMARKS.md', 'utf8').split('\n') : [];
const keptRow = previous.find((l) => l.startsWith('| Server killed (SIGKILL) during saves'));
const keptSection = (() => {
  const at = previous.indexOf('## Killed during saves');
  if (at < 0) return [];
  let end = previous.findIndex((l, i) => i > at && l.startsWith('## '));
  if (end < 0) end = previous.length;
  return previous.slice(at, end);
})();
if (crash) lines.push(crashBudget(crash));
else if (keptRow) lines.push(keptRow);
lines.push('');
lines.push('## First load of the Compute page', '');
lines.push('Release build (`opt-level = "z"`, LTO, one codegen unit, `panic = "abort"`, `wasm-opt -Oz`), served over HTTPS by the release server: static files precompressed at build time (`cargo leptos build --release --precompress`) and served as `.br` when the browser accepts brotli, with content-hashed names and `Cache-Control: public, max-age=31536000, immutable`; the HTML page compressed on the fly. Cold cache, as Chromium received it:', '');
lines.push(row(['file', 'type', 'encoding', 'body bytes', 'cache-control']), row(['---', '---', '---', '---:', '---']));
for (const w of firstLoad) lines.push(row([`\`${w.path}\``, w.type, w.encoding, String(w.body), w.cache]));
lines.push(row(['**total**', '', '', `**${total}** (${kb(total)} KB; ${kb(totalWithHeaders)} KB with headers)`, '']));
lines.push('');
lines.push('## Time to hydration', '');
lines.push('From navigation start to the `edgenet-hydrated` performance mark that `src/app/boot.js` sets once the page\'s islands are hydrated, read in Chromium through Playwright, 20 loads each:', '');
lines.push(row(['cache', 'min', 'median', 'p90', 'max']), row(['---', '---:', '---:', '---:', '---:']));
for (const [name, s] of [['cold (new context)', browser.hydration_cold_ms], ['warm (hashed files cached)', browser.hydration_warm_ms]]) {
  lines.push(row([name, ...[s.min, s.median, s.p90, s.max].map((x) => `${x.toFixed(0)} ms`)]));
}
lines.push('');
lines.push('## Moving between pages with JavaScript on', '');
lines.push('Warm (the module and the catalog loaded once): from the Overview, a click on "Compute" in the navigation; `boot.js` fetches the page and swaps its body in, and the Compute form\'s island is hydrated by the module already running. A marker set on `window` before the click must still be there after it (no document reload).', '');
lines.push(row(['runs', 'document reloads', 'min', 'median', 'p90', 'max']), row(['---:', '---:', '---:', '---:', '---:', '---:']));
lines.push(row([String(nav.runs), String(browser.navigation_reloads), ...[nav.min, nav.median, nav.p90, nav.max].map((x) => `${x.toFixed(0)} ms`)]));
lines.push('');
lines.push('What came over the wire for one such move:', '');
lines.push(row(['file', 'type', 'encoding', 'body bytes']), row(['---', '---', '---', '---:']));
for (const w of navWire) lines.push(row([`\`${w.path}\``, w.type, w.encoding, String(w.body)]));
lines.push(row(['**total**', '', '', `**${navBytes}** (${kb(navBytes)} KB)`]));
lines.push('');
const crates = fs.existsSync(`${dir}/wasm-crates.json`) ? JSON.parse(read('wasm-crates.json')) : null;
const before = fs.existsSync('docs/wasm-before-islands.json') ? JSON.parse(fs.readFileSync('docs/wasm-before-islands.json', 'utf8')) : null;
if (crates) {
  lines.push('## The WebAssembly module by crate', '');
  lines.push('`twiggy top` on the module as rustc wrote it (release profile, before wasm-bindgen and `wasm-opt -Oz`, so that names are kept), grouped by the crate each function belongs to (`scripts/wasm-crates.mjs`; wasm-bindgen\'s `describe` functions and custom sections, which the shipped module does not carry, left out). "Before" is the same measure of the module that hydrated the whole app (`docs/wasm-before-islands.json`, measured on the last build before islands).', '');
  const names = [...new Set([...(before?.crates ?? []).slice(0, 14).map((c) => c.crate), ...crates.crates.slice(0, 14).map((c) => c.crate)])];
  const get = (d, n) => d?.crates.find((c) => c.crate === n)?.bytes ?? 0;
  lines.push(row(['crate', 'before', 'now', 'change']), row(['---', '---:', '---:', '---:']));
  const sorted = names.sort((a, b) => get(before, b) + get(crates, b) - get(before, a) - get(crates, a));
  for (const n of sorted) lines.push(row([n, kb(get(before, n)) + ' KB', kb(get(crates, n)) + ' KB', `${kb(get(crates, n) - get(before, n))} KB`]));
  const rest = (d) => (d ? d.crates.filter((c) => !names.includes(c.crate)).reduce((s, c) => s + c.bytes, 0) + d.other : 0);
  lines.push(row(['other crates and unnamed code', kb(rest(before)) + ' KB', kb(rest(crates)) + ' KB', `${kb(rest(crates) - rest(before))} KB`]));
  lines.push(row(['data segments', kb(before?.data ?? 0) + ' KB', kb(crates.data) + ' KB', `${kb(crates.data - (before?.data ?? 0))} KB`]));
  lines.push(row(['**total**', `**${kb(before?.total ?? 0)} KB**`, `**${kb(crates.total)} KB**`, `**${kb(crates.total - (before?.total ?? 0))} KB**`]));
  lines.push('');
}
lines.push('## Server rendering against a static file', '');
lines.push('`wrk -t2 -c16 -d10s --latency`, keep-alive, HTTPS, signed in for the page. The server keeps each rendered page until the configuration changes and fills in the response\'s CSP nonce and the session\'s CSRF token for every request (`src/server/http/page_cache.rs`); the second row turns that off and renders the whole page for every request:', '');
lines.push(row(['target', 'req/s', 'p50', 'p90', 'p99', 'non-2xx']), row(['---', '---:', '---:', '---:', '---:', '---:']));
for (const [name, w] of [[`\`GET /compute\`, kept page (session check, nonce and token filled in; ${pageBytes} bytes)`, page], ['`GET /compute`, rendered anew (`EDGENET_PAGE_CACHE=off`)', uncached], ['`GET /favicon.svg` (static, 0.6 KB)', stat]]) {
  lines.push(row([name, w.rps.toFixed(0), `${w.dist['50']?.toFixed(2)} ms`, `${w.dist['90']?.toFixed(2)} ms`, `${w.dist['99']?.toFixed(2)} ms`, String(w.errors)]));
}
lines.push('');
lines.push('## Validation cost by number of routes', '');
lines.push('`cargo bench --bench validate` (criterion): the whole rule set of a configuration whose Port3 carries *n* valid /24 routes (`benches/validate.rs`).', '');
lines.push(row(['routes', 'mean', '95 % interval', 'per route', 'time / (n·log₂n)']), row(['---:', '---:', '---:', '---:', '---:']));
validate.forEach((v, i) => lines.push(row([String(v.n), `${v.ms < 0.1 ? (v.ms * 1000).toFixed(1) + ' µs' : v.ms.toFixed(3) + ' ms'}`, `${(v.lo * 1000).toFixed(1)}–${(v.hi * 1000).toFixed(1)} µs`, `${((v.ms * 1e6) / v.n).toFixed(0)} ns`, `${nlogn[i].toFixed(1)} ns`])));
lines.push('');
lines.push('## Saving under 50 concurrent clients', '');
lines.push(`\`cargo bench --features ssr --bench saves\`: ${saves.clients} clients each add routes through the HTTP router at once (session, CSRF check, validation of the whole configuration, an fsync'd revision per save). ${saves.saves} saves in ${saves.wall_seconds.toFixed(2)} s (${saves.saves_per_second.toFixed(0)}/s); ${saves.lost} lost; ${saves.distinct_revisions} distinct revisions for ${saves.saves} acknowledgements.`, '');
lines.push(row(['p50', 'p90', 'p99', 'max']), row(['---:', '---:', '---:', '---:']));
lines.push(row([saves.p50_ms, saves.p90_ms, saves.p99_ms, saves.max_ms].map((x) => `${x.toFixed(1)} ms`)));
lines.push('');
if (crash) lines.push(...crashSection(crash, ''));
else if (keptSection.length) lines.push(...keptSection);
const notes = fs.existsSync('docs/benchmarks-notes.md') ? fs.readFileSync('docs/benchmarks-notes.md', 'utf8') : '';
if (notes) lines.push(notes.trim(), '');
process.stdout.write(lines.join('\n') + '\n');
