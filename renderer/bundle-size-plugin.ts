import type { Plugin } from 'vite';

/** The renderer bundle budget (bench/README.md "Budgets"): at most 150 KB gzipped. */
export const BUNDLE_BUDGET_BYTES = 150 * 1024;

/**
 * Gzipped size of one chunk. CompressionStream is a web API that Node (≥ 18)
 * also has, so the build needs no `node:` import in renderer/.
 */
export async function gzippedSize(content: string | Uint8Array): Promise<number> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  const compressed = await new Response(stream).arrayBuffer();
  return compressed.byteLength;
}

export function formatKilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Prints the gzipped size of the JS + CSS the UI ships, and the budget. */
export function bundleSizeReport(log: (line: string) => void = (line) => console.log(line)): Plugin {
  return {
    name: 'agent-desk-bundle-size',
    apply: 'build',
    async generateBundle(_options, bundle) {
      let total = 0;
      const lines: string[] = [];
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!/\.(js|css)$/.test(fileName)) continue;
        const content = output.type === 'chunk' ? output.code : output.source;
        const size = await gzippedSize(content);
        total += size;
        lines.push(`  ${fileName}  ${formatKilobytes(size)} gzipped`);
      }
      const verdict = total <= BUNDLE_BUDGET_BYTES ? 'within' : 'OVER';
      log('renderer bundle size (JS + CSS):');
      for (const line of lines) log(line);
      log(`  total ${formatKilobytes(total)} gzipped — ${verdict} the ${formatKilobytes(BUNDLE_BUDGET_BYTES)} budget`);
    },
  };
}
