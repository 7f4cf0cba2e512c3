/**
 * The CPU a local PostgreSQL server has used, read from /proc (Linux), for the generator's figures; the bench
 * (tools/bench/src/measure.ts) reads its processes' CPU with the same `procStat`.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat after the command name (Linux), from field 3 on, or null. */
export function procStat(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The postmaster of a local backend (its parent), or null when the server's processes cannot be read. */
export function postmasterOf(backend: number): number | null {
  const parent = Number(procStat(backend)?.[1]);
  return parent > 1 ? parent : null;
}

/**
 * CPU seconds of a local server so far (clock ticks of 1/100 s): the postmaster's own and its reaped
 * children's (backends and autovacuum workers that ended) plus those of its live children.
 */
export function serverCpuSeconds(postmaster: number): number | null {
  const own = procStat(postmaster);
  if (!own) return null;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = procStat(Number(entry));
    if (fields && Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}
