import { describe, expect, it } from 'vitest';
import { latestWinsSave } from '../../renderer/api/latest-wins-save.js';

/** A save whose answers the test gives, one by one. */
function heldSave() {
  const started: string[] = [];
  const answers: Array<(saved: boolean) => void> = [];
  const save = (value: string) =>
    new Promise<boolean>((resolve) => {
      started.push(value);
      answers.push(resolve);
    });
  const answer = async (saved: boolean) => {
    answers.shift()!(saved);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { started, save, answer };
}

describe('latestWinsSave', () => {
  it('runs one save at a time; what came in meanwhile is saved next, only the latest', async () => {
    const held = heldSave();
    let settled = 0;
    const saveLatest = latestWinsSave(held.save, () => settled++);
    const results = [saveLatest('a'), saveLatest('b'), saveLatest('c')];
    expect(held.started).toEqual(['a']);
    await held.answer(true);
    expect(held.started).toEqual(['a', 'c']);
    expect(settled).toBe(0);
    await held.answer(true);
    expect(await Promise.all(results)).toEqual([true, true, true]);
    expect(settled).toBe(1);
    // A later burst starts afresh.
    const next = saveLatest('d');
    expect(held.started).toEqual(['a', 'c', 'd']);
    await held.answer(true);
    expect(await next).toBe(true);
    expect(settled).toBe(2);
  });

  it('a refused save drops what waited behind it and tells every caller', async () => {
    const held = heldSave();
    let settled = 0;
    const saveLatest = latestWinsSave(held.save, () => settled++);
    const results = [saveLatest('a'), saveLatest('b')];
    await held.answer(false);
    expect(await Promise.all(results)).toEqual([false, false]);
    expect(held.started).toEqual(['a']);
    expect(settled).toBe(1);
  });

  it('a save that throws settles the burst and rejects its callers', async () => {
    let settled = 0;
    const saveLatest = latestWinsSave(() => Promise.reject(new Error('gone')), () => settled++);
    await expect(saveLatest('a')).rejects.toThrow('gone');
    expect(settled).toBe(1);
  });
});
