import fs from 'node:fs';

/**
 * Children a crashed stack left behind. When only the node process dies (kill -9 of it alone, the OOM killer), its
 * anvil, back-end and web dev server live on: anvil would keep the port and the chain in memory, vite its port. Every
 * child of a stack carries its data dir (anvil in its --dump-state path, the others in STREAMSWAP_DEVNODE_DATA_DIR), so
 * the next start on that data dir finds them and stops them; anvil, stopped with SIGTERM, first dumps the chain it still
 * holds, which is then the newest state to load.
 */
export const DATA_DIR_ENV = 'STREAMSWAP_DEVNODE_DATA_DIR';

interface Stale {
  pid: number;
  what: string;
}

/** Processes (other than this one) that belong to a stack on `dataDir`. Linux /proc; elsewhere none are found. */
export function findStaleProcesses(dataDir: string, anvilMarker: string): Stale[] {
  if (!fs.existsSync('/proc')) return [];
  const found: Stale[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid || pid === process.ppid) continue; // this stack, and what launched it (npm start)
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmdline.includes(anvilMarker)) {
        found.push({ pid, what: 'anvil' });
        continue;
      }
      const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (environ.includes(`${DATA_DIR_ENV}=${dataDir}`)) found.push({ pid, what: cmdline.filter(Boolean).slice(0, 3).join(' ') });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** Alive and not a zombie (an orphan's zombie stays until its new parent reaps it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

const LOCK_FILE = 'devnode.pid';

/**
 * Claims the data dir for this process: refuses when another live node process holds it (two stacks on one store would
 * corrupt it), otherwise records our pid. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}/${LOCK_FILE}`;
  const holder = Number(fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : NaN);
  if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
    let cmd = '';
    try {
      cmd = fs.readFileSync(`/proc/${holder}/cmdline`, 'utf8');
    } catch {
      // not readable: assume it is a node
    }
    if (cmd === '' || cmd.includes('node')) throw new Error(`another stack (pid ${holder}) is using ${dataDir}; stop it first or choose another --data-dir`);
  }
  fs.writeFileSync(file, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
    } catch {
      // already gone
    }
  };
}

/** Stops them: SIGTERM (anvil dumps its chain), SIGKILL after `graceMs`. Resolves once they are gone. */
export async function stopStaleProcesses(stale: Stale[], graceMs = 10_000): Promise<void> {
  for (const s of stale) {
    try {
      process.kill(s.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + graceMs;
  let killed = false;
  while (stale.some((s) => alive(s.pid))) {
    if (Date.now() > deadline && !killed) {
      killed = true;
      for (const s of stale) if (alive(s.pid)) process.kill(s.pid, 'SIGKILL');
    }
    if (Date.now() > deadline + 5_000) throw new Error(`could not stop ${stale.map((s) => `${s.what} (pid ${s.pid})`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
