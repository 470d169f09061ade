import { useEffect, useState } from 'react';
import type { RootCheck } from '../../preload/contract.js';
import { useDesk } from '../api/desk-context.js';

/**
 * Live checks of the roots in the Settings form: each one against the
 * others (duplicates), the default root and every `--root`, and the disk.
 * `pending`, when not empty, is checked too (the add-a-root field), after a
 * short pause in typing. Answers for an outdated list are dropped.
 */
export function useRootChecks(roots: readonly string[], pending: string, delayMs = 250): { list: Record<string, RootCheck>; pending: RootCheck | null } {
  const { actions } = useDesk();
  const listKey = roots.join('\n');
  const [list, setList] = useState<{ key: string; checks: Record<string, RootCheck> }>({ key: '', checks: {} });
  const [typed, setTyped] = useState<{ key: string; check: RootCheck } | null>(null);

  useEffect(() => {
    let live = true;
    const paths = listKey === '' ? [] : listKey.split('\n');
    void Promise.all(paths.map((path, index) => actions.checkRoot(path, paths.filter((_, other) => other !== index)))).then((answers) => {
      if (!live) return;
      const checks: Record<string, RootCheck> = {};
      answers.forEach((answer, index) => {
        if (answer) checks[paths[index]!] = answer;
      });
      setList({ key: listKey, checks });
    });
    return () => {
      live = false;
    };
  }, [listKey, actions]);

  const pendingKey = `${pending}\u0000${listKey}`;
  useEffect(() => {
    if (pending.trim() === '') return;
    let live = true;
    const timer = setTimeout(() => {
      const paths = listKey === '' ? [] : listKey.split('\n');
      void actions.checkRoot(pending, paths).then((check) => {
        if (live && check) setTyped({ key: pendingKey, check });
      });
    }, delayMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [pending, pendingKey, listKey, delayMs, actions]);

  return {
    list: list.key === listKey ? list.checks : {},
    pending: pending.trim() !== '' && typed?.key === pendingKey ? typed.check : null,
  };
}
