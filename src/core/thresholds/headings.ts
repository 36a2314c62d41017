// Which component a heading names (`### Database` is PostgreSQL), and the
// headings a Markdown cell sets (ATX `## X` and setext `X\n---`).

import type { Component } from './types';

const COMPONENT_WORDS: [RegExp, Component][] = [
  [/\b(databases?|postgres(ql)?|pg|db|sql)\b/i, 'postgres'],
  [/\b(cache|caches|caching|redis)\b/i, 'redis'],
  [/\b(app(lication)?s?(\s+servers?)?|web(\s+(tier|servers?))?|api|servers?|services?|kubernetes|k8s|pods?|workloads?|backend|frontend)\b/i, 'kubernetes'],
  [/\b(http|endpoints?|health\s*checks?|latency|response\s+times?)\b/i, 'http'],
];

export function componentForHeading(text: string): Component | undefined {
  for (const [pattern, component] of COMPONENT_WORDS) if (pattern.test(text)) return component;
  return undefined;
}

/** A heading whose section holds threshold blocks: `Monitoring Thresholds`, `Alerts`, `SLOs`. */
export function isThresholdSection(text: string): boolean {
  return /\b(thresholds?|monitoring|alerts?|alerting|slos?|limits)\b/i.test(text);
}

export interface Heading {
  level: number;
  text: string;
}

export function headingsOf(markdown: string): Heading[] {
  const headings: Heading[] = [];
  const lines = markdown.split(/\r\n|\r|\n/);
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || marker.startsWith(fence))) {
      fence = fence ? undefined : marker;
      continue;
    }
    if (fence) continue;
    const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) {
      headings.push({ level: atx[1].length, text: (atx[2] ?? '').trim() });
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && line.trim() && /^ {0,3}(=+|-+)[ \t]*$/.test(next) && !/^ {0,3}([-*+]|\d+[.)])\s/.test(line)) {
      headings.push({ level: next.trim().startsWith('=') ? 1 : 2, text: line.trim() });
      i++;
    }
  }
  return headings;
}

/** Keeps the open headings: a new heading closes those at its level and below. */
export function pushHeading(stack: Heading[], heading: Heading): void {
  while (stack.length && stack[stack.length - 1].level >= heading.level) stack.pop();
  stack.push(heading);
}
