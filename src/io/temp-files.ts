import fs from 'node:fs';
import path from 'node:path';

/** `.NAME.PID.tmp` next to `target`: hidden, and owned by this process. */
export const tempNameFor = (target: string): string =>
  path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);

const TEMP = /^\.(.+)\.(\d+)\.tmp$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else
    return (err as { code?: string }).code === 'EPERM';
  }
}

/**
 * Remove the temp files a killed run left in `dir` (their process is gone) whose target name
 * `matches`. They can hold full ID numbers, so they must not linger. Returns the names removed.
 */
export function removeStaleTemps(dir: string, matches: (targetName: string) => boolean): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || !matches(m[1]!) || alive(Number(m[2]))) continue;
    try {
      fs.rmSync(path.join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // a file another program holds is left for the next run
    }
  }
  return removed;
}
