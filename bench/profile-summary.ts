/** Self time per function (and per file) of a V8 .cpuprofile: `node --import tsx bench/profile-summary.ts <file> [top]`. */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const file = process.argv[2]!;
const top = Number(process.argv[3] ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = [...self.entries()].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, v]) => a + v, 0);
const busy = total - idle;
const fn = new Map<string, number>();
const files = new Map<string, number>();
for (const [id, t] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === '(idle)') continue;
  const short = url.replace(/^.*\/(node_modules\/|main\/|bench\/)/, '$1').replace(/^node:/, 'node:');
  const key = `${functionName || '(anon)'} ${short}:${lineNumber + 1}`;
  fn.set(key, (fn.get(key) ?? 0) + t);
  const f = short.replace(/:.*$/, '') || '(native)';
  files.set(f, (files.get(f) ?? 0) + t);
}
/** Where a function's self time goes, in the words of bench/README.md's analysis. */
function category(functionName: string, url: string): string {
  if (['writev', 'writeLatin1String', 'writeBuffer', 'writeUtf8String'].includes(functionName)) return 'socket writes (syscalls)';
  if (functionName === '(garbage collector)') return 'GC';
  if (url.includes('node_modules/undici') || url.startsWith('wasm')) return 'undici (incl. llhttp wasm)';
  if (url.includes('main/core/') || url.includes('bench/children')) return 'our code (routing, policy, session, headers)';
  if (url.startsWith('node:_http') || url.includes('node:_http')) return "Node's HTTP server";
  if (url.startsWith('node:')) return 'Node streams, net, events, timers';
  if (functionName === '(program)' || url === '') return 'V8/native, other';
  return 'other JS';
}
const categories = new Map<string, number>();
for (const [id, t] of self) {
  const { functionName, url } = byId.get(id)!.callFrame;
  if (functionName === '(idle)') continue;
  const c = category(functionName, url);
  categories.set(c, (categories.get(c) ?? 0) + t);
}
const pct = (t: number): string => ((100 * t) / busy).toFixed(1).padStart(5);
console.log(`busy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s`);
console.log('--- categories');
for (const [k, t] of [...categories].sort((a, b) => b[1] - a[1])) console.log(pct(t), k);
console.log('--- files');
for (const [k, t] of [...files].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(pct(t), k);
console.log('--- functions (self)');
for (const [k, t] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(pct(t), k);
