// The client's crash budget (client/src/crashBudget.ts): pure, so tested without VS Code. The restart itself is
// tested in a real VS Code by killing the server (test/e2e/suite/z-restart.test.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CrashBudget } from '../../client/src/crashBudget';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

test('a single crash is always restarted, however many came long before', () => {
  const c = clock();
  const budget = new CrashBudget(4, 180_000, c.now);
  for (let i = 0; i < 20; i++) {
    assert.equal(budget.crashed(), true, `crash ${i + 1}, four minutes after the last`);
    c.advance(240_000);
  }
});

test('the fifth crash within the window stops the restarts', () => {
  const c = clock();
  const budget = new CrashBudget(4, 180_000, c.now);
  const answers = [];
  for (let i = 0; i < 5; i++) {
    answers.push(budget.crashed());
    c.advance(10_000);
  }
  assert.deepEqual(answers, [true, true, true, true, false]);
  assert.equal(budget.recent, 5);
});

test('crashes leave the window as it slides', () => {
  const c = clock();
  const budget = new CrashBudget(4, 180_000, c.now);
  for (let i = 0; i < 4; i++) {
    assert.equal(budget.crashed(), true);
    c.advance(50_000);
  }
  // The first crash is now 200 s old, outside the window: four in the window, still restarted.
  assert.equal(budget.crashed(), true);
  assert.equal(budget.recent, 4);
});

test('a restart by hand clears the count', () => {
  const c = clock();
  const budget = new CrashBudget(4, 180_000, c.now);
  for (let i = 0; i < 5; i++) budget.crashed();
  assert.equal(budget.crashed(), false);
  budget.reset();
  assert.equal(budget.crashed(), true);
});
