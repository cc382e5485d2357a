// The axe-core allow-list: theme-caused violations that the book cannot configure away.
import fs from 'node:fs';

/**
 * Read and validate the allow-list: {"entries": [{"rule", "selector", "reason"}]}.
 * Every entry needs an axe rule id, a CSS selector of the theme element it applies to, and a
 * reason of at least a few words; anything else is an error naming the entry.
 */
export function loadAllowList(file) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!data || !Array.isArray(data.entries)) throw new Error(`${file}: expected {"entries": [...]}`);
  return data.entries.map((entry, index) => {
    const where = `${file}: entry ${index + 1}`;
    for (const key of ['rule', 'selector', 'reason']) {
      if (typeof entry[key] !== 'string' || !entry[key].trim()) throw new Error(`${where}: "${key}" is required`);
    }
    const unknown = Object.keys(entry).filter((key) => !['rule', 'selector', 'reason'].includes(key));
    if (unknown.length) throw new Error(`${where}: unknown key(s) ${unknown.join(', ')}`);
    if (entry.reason.trim().split(/\s+/).length < 5) throw new Error(`${where}: the reason must say why (5 words or more)`);
    return { rule: entry.rule, selector: entry.selector, reason: entry.reason };
  });
}

/**
 * Split axe violation nodes into allowed and not allowed. `nodes` are
 * {rule, impact, target, html, inside: [selectors of allow-list entries the element is inside]}
 * (the page tells which selectors match with Element.closest).
 */
export function applyAllowList(nodes, entries) {
  const allowed = [];
  const failures = [];
  for (const node of nodes) {
    const entry = entries.find((e) => e.rule === node.rule && node.inside.includes(e.selector));
    if (entry) allowed.push({ ...node, reason: entry.reason });
    else failures.push(node);
  }
  return { allowed, failures };
}
