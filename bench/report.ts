import os from 'node:os';

export type Verdict = 'pass' | 'MISS' | 'skipped' | 'info' | 'error';

export interface Budget {
  op: '<=' | '>=' | '<' | '==';
  limit: number;
}

export interface Figure {
  section: string;
  label: string;
  /** null when skipped or failed. */
  value: number | null;
  unit: string;
  budget?: Budget;
  verdict: Verdict;
  note?: string;
}

/** A figure held against its budget; the verdict is information for people, not a test. */
export function figure(section: string, label: string, value: number | null, unit: string, budget?: Budget, note?: string): Figure {
  let verdict: Verdict = 'info';
  if (value === null) verdict = 'skipped';
  else if (budget !== undefined) verdict = meets(value, budget) ? 'pass' : 'MISS';
  return { section, label, value, unit, ...(budget ? { budget } : {}), verdict, ...(note ? { note } : {}) };
}

export function failed(section: string, label: string, error: unknown): Figure {
  const message = error instanceof Error ? error.message : String(error);
  return { section, label, value: null, unit: '', verdict: 'error', note: message.split('\n')[0]!.slice(0, 300) };
}

function meets(value: number, budget: Budget): boolean {
  switch (budget.op) {
    case '<=':
      return value <= budget.limit;
    case '>=':
      return value >= budget.limit;
    case '<':
      return value < budget.limit;
    case '==':
      return value === budget.limit;
  }
}

export interface BenchReport {
  generatedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; platform: string; kernel: string; node: string };
  load: { before: number[]; after: number[] };
  tools: Record<string, string>;
  figures: Figure[];
  details: Record<string, unknown>;
}

export function machineInfo(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    node: process.version,
  };
}

function formatValue(f: Figure): string {
  if (f.value === null) return '—';
  const abs = Math.abs(f.value);
  const text = abs >= 100 ? f.value.toFixed(0) : abs >= 10 ? f.value.toFixed(1) : f.value.toFixed(3);
  return f.unit === '' ? text : `${text} ${f.unit}`;
}

function formatBudget(f: Figure): string {
  return f.budget ? `${f.budget.op} ${f.budget.limit} ${f.unit}`.trim() : '';
}

/** One aligned line per figure, for the terminal. */
export function textTable(figures: Figure[]): string {
  const rows = figures.map((f) => [f.section, f.label, formatValue(f), formatBudget(f), f.verdict, f.note ?? '']);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i < 5 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd()).join('\n');
}

export function markdown(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    '# Agent Desk benchmark results',
    '',
    `Generated ${report.generatedAt} by \`npm run bench\` (method: bench/README.md).`,
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform} (${m.kernel}), Node ${m.node}.`,
    `Load average (1/5/15 min) before the run: ${report.load.before.join(' / ')}, after: ${report.load.after.join(' / ')}` +
      (report.load.before[0]! > m.cpus ? ` — busier than its ${m.cpus} cores: other work shared the CPU, so absolute figures are low and noisy; ratios and CPU per request hold better.` : '.'),
    '',
    'Verdicts are information (a figure against its budget in bench/README.md), never a test.',
    '',
    '| section | figure | value | budget | verdict | note |',
    '|---|---|---|---|---|---|',
    ...report.figures.map((f) => `| ${f.section} | ${f.label} | ${formatValue(f)} | ${formatBudget(f)} | ${f.verdict === 'MISS' ? '**MISS**' : f.verdict} | ${(f.note ?? '').replace(/\|/g, '\\|')} |`),
    '',
    '## Tools',
    '',
    ...Object.entries(report.tools).map(([name, value]) => `- ${name}: ${value}`),
    '',
  ];
  const misses = report.figures.filter((f) => f.verdict === 'MISS' || f.verdict === 'error');
  lines.push('## Misses and errors', '');
  if (misses.length === 0) lines.push('None: every measured figure is within its budget.', '');
  else for (const f of misses) lines.push(`- ${f.section} / ${f.label}: ${formatValue(f)} (budget ${formatBudget(f) || 'n/a'})${f.note ? ` — ${f.note}` : ''}`);
  lines.push('', '## Details', '', '```json', JSON.stringify(report.details, null, 2), '```', '');
  return lines.join('\n');
}

/** Refuses to publish a report holding any secret the bench handled (tokens, cookies, .env canaries). */
export function assertNoSecrets(text: string, secrets: string[]): void {
  for (const secret of secrets) {
    if (secret.length >= 8 && text.includes(secret)) throw new Error('a secret value appeared in the bench report; nothing was written');
  }
}
