// axe-core (tests/node_modules) in a page: injected through the DevTools protocol, so a page's CSP does not
// stop it, then run on the whole document (axe walks open shadow roots).
import { readFileSync } from 'node:fs';

const AXE_PATH = new URL('../node_modules/axe-core/axe.min.js', import.meta.url);
let source = null;

/** The violations axe finds on the page: [{id, impact, help, nodes: [{target, summary}]}]. */
export async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    try { source ??= readFileSync(AXE_PATH, 'utf8'); } catch (e) {
      throw new Error(`axe-core is not installed (${AXE_PATH.pathname}): run \`cd tests && npm ci\` (${e.message})`);
    }
    await page.evaluate(source);
  }
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, summary: n.failureSummary })),
    }));
  });
}
