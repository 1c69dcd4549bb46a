/** Latency helpers for the bench scripts: time `n` sequential calls, print median and p95. */
export function stats(label: string, samples: number[], width = 28): void {
  const s = [...samples].sort((x, y) => x - y);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(2);
  console.log(`${label.padEnd(width)} median ${at(0.5)} ms  p95 ${at(0.95)} ms  (n=${s.length})`);
}

export async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}
