import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { applyAllowList, loadAllowList } from '../lib/allowlist.mjs';

const write = (data) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'allow-')), 'a.json');
  fs.writeFileSync(file, JSON.stringify(data));
  return file;
};

test("the project's allow-list is valid and gives a reason for every entry", () => {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'axe-allowlist.json');
  for (const entry of loadAllowList(file)) assert.ok(entry.reason.split(' ').length >= 5);
});

test('an entry without a reason, with a one-word reason or with an unknown key is refused', () => {
  assert.throws(() => loadAllowList(write({ entries: [{ rule: 'x', selector: '.a' }] })), /"reason" is required/);
  assert.throws(() => loadAllowList(write({ entries: [{ rule: 'x', selector: '.a', reason: 'theme' }] })), /must say why/);
  const extra = { rule: 'x', selector: '.a', reason: 'the theme does this and we cannot', page: 'x' };
  assert.throws(() => loadAllowList(write({ entries: [extra] })), /unknown key/);
  assert.throws(() => loadAllowList(write([])), /expected/);
});

test('a finding is allowed only for its rule and inside its selector', () => {
  const entries = [{ rule: 'color-contrast', selector: '.bd-header', reason: 'r' }];
  const nodes = [
    { rule: 'color-contrast', inside: ['.bd-header'] },
    { rule: 'color-contrast', inside: [] },
    { rule: 'image-alt', inside: ['.bd-header'] },
  ];
  const { allowed, failures } = applyAllowList(nodes, entries);
  assert.equal(allowed.length, 1);
  assert.equal(allowed[0].reason, 'r');
  assert.deepEqual(failures.map((n) => n.rule), ['color-contrast', 'image-alt']);
});
