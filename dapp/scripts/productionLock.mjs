// The lockfile of the back-end's production install (dist/package-lock.json): the entries of the repository's
// package-lock.json that the SQLite bindings need, found the way Node resolves packages (nested node_modules
// first, then upwards), so the machine image installs with `npm ci` exactly the versions and integrity hashes
// the repository was tested with, transitive dependencies included.
const KEEP = ['version', 'resolved', 'integrity', 'hasInstallScript', 'license', 'dependencies', 'optionalDependencies', 'engines', 'bin', 'os', 'cpu', 'optional'];

/** `lock`: the parsed root package-lock.json (v3); `root`: the package.json object of the production install. */
export function productionLock(lock, root) {
  const all = lock.packages;
  if (lock.lockfileVersion !== 3 || !all) throw new Error('package-lock.json must be lockfileVersion 3');
  const packages = { '': { name: root.name, dependencies: root.dependencies } };
  const resolve = (from, name) => {
    for (let base = from; ; ) {
      const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
      if (all[candidate]) return candidate;
      if (base === '') return undefined;
      const up = base.lastIndexOf('/node_modules/');
      base = up < 0 ? '' : base.slice(0, up);
    }
  };
  const queue = Object.keys(root.dependencies).map((name) => [name, resolve('', name), true]);
  while (queue.length > 0) {
    const [name, key, required] = queue.shift();
    if (key === undefined) {
      if (required) throw new Error(`package-lock.json has no entry for ${name}, a production dependency of the back-end`);
      continue; // an optional dependency not installed for this lock (another platform's)
    }
    if (packages[key]) continue;
    const entry = all[key];
    if (key.includes('node_modules/') && !key.startsWith('node_modules/')) {
      throw new Error(`${name} is installed under a workspace (${key}); hoist it so the machine's lock can name it`);
    }
    packages[key] = Object.fromEntries(KEEP.filter((field) => entry[field] !== undefined).map((field) => [field, entry[field]]));
    for (const dep of Object.keys(entry.dependencies ?? {})) queue.push([dep, resolve(key, dep), true]);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) queue.push([dep, resolve(key, dep), false]);
  }
  const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  return { name: root.name, lockfileVersion: 3, requires: true, packages: sorted };
}
