/**
 * Automated accessibility checks with axe-core (the engine behind Lighthouse's and Deque's audits), run in
 * the page under test. It catches what a person with a screen reader or keyboard meets first: controls
 * without labels, missing names, broken ARIA, low contrast, duplicate ids.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now; `disabled` names rules to skip. */
export async function accessibilityViolations(page: Page, disabled: string[] = []): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the client's CSP rightly refuses an injected <script>.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (disabled) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } })
      .axe;
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    }
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: Object.fromEntries(disabled.map((rule) => [rule, { enabled: false }])),
    });
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      }));
  }, disabled);
}
