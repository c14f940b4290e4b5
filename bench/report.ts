// How every benchmark prints a figure against issue 15's targets: the value, its baseline
// measured in the same run, the ratio, the target and the load average beside it (ratios move
// with the load of this 2-core machine, so a figure without it means little).
import { loadavg } from 'node:os';

export function loadAverage(): string {
  return loadavg().map((l) => l.toFixed(2)).join(' ');
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** One line: `label: value vs baseline = ratio× (target ≤ T×) met|MISSED [load …]`. */
export function ratioLine(label: string, valueMs: number, baselineLabel: string, baselineMs: number, target: number): string {
  const ratio = valueMs / baselineMs;
  return `${label}: ${seconds(valueMs)} vs ${baselineLabel} ${seconds(baselineMs)} = ${ratio.toFixed(2)}× (target ≤ ${target}×) ${ratio <= target ? 'met' : 'MISSED'}  [load ${loadAverage()}]`;
}

/** One line for an absolute target: `label: value (target ≤ T s) met|MISSED [load …]`. */
export function limitLine(label: string, valueMs: number, limitMs: number): string {
  return `${label}: ${seconds(valueMs)} (target ≤ ${seconds(limitMs)}) ${valueMs <= limitMs ? 'met' : 'MISSED'}  [load ${loadAverage()}]`;
}
