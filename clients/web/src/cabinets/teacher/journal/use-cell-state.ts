/** What the grid shows around its cells while writing: the cells being saved, errors at cells, an announcement. */
import { useState } from 'react';
import { describeError } from '../../../ui/errors.ts';

export function useCellState() {
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');

  const setError = (key: string, message: string | null) =>
    setErrors((current) => {
      const next = new Map(current);
      if (message) next.set(key, message);
      else next.delete(key);
      return next;
    });

  /**
   * Marks the cell as saving until the write settles; a refusal stays at the cell and is announced as
   * «<what>: не сохранено. <why>».
   */
  const track = (key: string, write: Promise<unknown>, what: string) => {
    setError(key, null);
    setPending((current) => new Set(current).add(key));
    write
      .catch((error: unknown) => {
        const { message } = describeError(error);
        setError(key, message);
        setAnnouncement(`${what}: не сохранено. ${message}`);
      })
      .finally(() =>
        setPending((current) => {
          const next = new Set(current);
          next.delete(key);
          return next;
        }),
      );
  };

  return { errors, pending, announcement, setError, track };
}
