import { readFileSync } from 'node:fs';
import { CARTESI_V2_2_ADDRESSES } from '@streamswap/protocol';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
// @ts-expect-error: a plain ES module of the build script, without type declarations
import { productionLock } from '../../scripts/productionLock.mjs';

// Static checks of the files that package the back-end for the real Cartesi stack (Dockerfile,
// docker-compose.yml, deploy/traefik). Docker is not available to the tests; these read the files.
const repo = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, repo), 'utf8');

function parseYaml(path: string): any {
  const doc = parseDocument(read(path), { merge: true });
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  return doc.toJS({ maxAliasCount: 100 });
}

/** Compose's `${NAME:-default}` interpolation, with every variable unset. */
const withDefaults = (value: string) => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

interface Instruction { op: string; args: string }
interface Stage { from: string; name?: string; instructions: Instruction[] }

/** Dockerfile → stages of instructions (continuations joined, heredoc bodies skipped). */
function dockerfileStages(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    while (line.endsWith('\\') && i + 1 < lines.length) line = `${line.slice(0, -1).trim()} ${lines[++i]!.trim()}`;
    const heredoc = /<<-?\s*(\w+)/.exec(line);
    if (heredoc) while (i + 1 < lines.length && lines[++i]!.trim() !== heredoc[1]);
    const [, op = '', args = ''] = /^(\w+)\s*(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') {
      const m = /^(?:--platform=(\S+)\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(args)!;
      stages.push({ from: `${m[1] ? `--platform=${m[1]} ` : ''}${m[2]}`, name: m[3], instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
    }
  }
  return stages;
}

describe('docker-compose.yml', () => {
  const compose = parseYaml('docker-compose.yml');
  const services = compose.services as Record<string, any>;

  it('parses and names the services docs/riscv.md promises', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['anvil', 'database', 'deploy-application', 'deployer', 'proxy', 'reader', 'rollups-node', 'web'].sort(),
    );
    const docs = read('docs/riscv.md');
    for (const name of Object.keys(services)) expect(docs).toContain(`\`${name}\``);
  });

  it('publishes the entry point on 127.0.0.1:6751 and anvil on 8545, like cartesi run', () => {
    expect(services.proxy.ports.map(withDefaults)).toEqual(['127.0.0.1:6751:8088']);
    expect(services.proxy.command).toContain('--entryPoints.web.address=:8088');
    expect(services.anvil.ports.map(withDefaults)).toEqual(['127.0.0.1:8545:8545']);
    expect(services['rollups-node'].expose).toEqual(expect.arrayContaining(['10000', '10011', '10012']));
  });

  it('runs anvil with the Cartesi devnet and the official rollups-node v2 on its database, from one sdk release', () => {
    expect(services.anvil.command[0]).toBe('devnet');
    const tag = withDefaults(services.anvil.image).replace(/^cartesi\/sdk:/, '');
    expect(tag).toMatch(/^0\.12\./);
    expect(withDefaults(services['rollups-node'].image)).toBe(`cartesi/rollups-runtime:${tag}`);
    expect(services['rollups-node'].init).toBe(true);
    expect(services['rollups-node'].command).toEqual(['cartesi-rollups-node']);
    expect(withDefaults(services['deploy-application'].image)).toBe(`cartesi/rollups-runtime:${tag}`);
    expect(withDefaults(services.database.image)).toBe(`cartesi/rollups-database:${tag}`);
    expect(services['rollups-node'].depends_on.database.condition).toBe('service_healthy');
    const env = services['rollups-node'].environment as Record<string, string>;
    expect(env.CARTESI_DATABASE_CONNECTION).toContain('@database:5432/');
    expect(env.CARTESI_BLOCKCHAIN_HTTP_ENDPOINT).toBe('http://anvil:8545');
    expect(env.CARTESI_BLOCKCHAIN_ID).toBe('31337');
    expect(services['rollups-node'].volumes).toContain('./.cartesi:/var/lib/cartesi-rollups-node/snapshots:ro');
  });

  it('points the node at the Cartesi Rollups v2.2.0 contracts the app is built for', () => {
    const env = services['rollups-node'].environment as Record<string, string>;
    expect(env.CARTESI_CONTRACTS_INPUT_BOX_ADDRESS).toBe(CARTESI_V2_2_ADDRESSES.inputBox);
    expect(env.CARTESI_CONTRACTS_AUTHORITY_FACTORY_ADDRESS).toBe(CARTESI_V2_2_ADDRESSES.authorityFactory);
    expect(env.CARTESI_CONTRACTS_APPLICATION_FACTORY_ADDRESS).toBe(CARTESI_V2_2_ADDRESSES.applicationFactory);
    expect(env.CARTESI_CONTRACTS_SELF_HOSTED_APPLICATION_FACTORY_ADDRESS).toBe(CARTESI_V2_2_ADDRESSES.selfHostedApplicationFactory);
    expect(services['deploy-application'].command.join(' ')).toContain('deploy application streamswap');
  });

  it('routes /anvil, /rpc, /inspect and /addresses through the proxy as cartesi run does', () => {
    expect(services.proxy.volumes).toContain('./deploy/traefik:/etc/traefik/conf.d:ro');
    const { routers, services: backends, middlewares } = parseYaml('deploy/traefik/streamswap.yaml').http;
    const url = (router: string) => backends[routers[router].service].loadBalancer.servers[0].url;
    expect(routers.anvil.rule).toBe('PathPrefix(`/anvil`)');
    expect(url('anvil')).toBe('http://anvil:8545');
    expect(middlewares['strip-anvil'].replacePathRegex.regex).toBe('^/anvil(.*)');
    expect(routers.rpc.rule).toBe('PathPrefix(`/rpc`)');
    expect(url('rpc')).toBe('http://rollups-node:10011');
    expect(routers.inspect.rule).toBe('PathPrefix(`/inspect`)');
    expect(url('inspect')).toBe('http://rollups-node:10012');
    expect(routers.addresses.rule).toBe('Path(`/addresses`)');
    expect(url('web')).toBe('http://web:80');
  });
});

describe('Dockerfile', () => {
  const stages = dockerfileStages(read('Dockerfile'));
  const machine = stages.at(-1)!;
  const find = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

  it('builds the Cartesi machine (its last stage) for linux/riscv64 from a Cartesi Node image', () => {
    expect(machine.from).toMatch(/^--platform=linux\/riscv64 cartesi\/node:/);
    expect(find(machine, 'LABEL').join('\n')).toMatch(/io\.cartesi\.rollups\.ram_size=\d+Mi/);
    expect(find(machine, 'ADD').join('\n')).toMatch(/--checksum=sha256:\S+ https:\/\/github\.com\/cartesi\/machine-guest-tools\//);
    expect(find(machine, 'ENV')).toContain('ROLLUP_HTTP_SERVER_URL="http://127.0.0.1:5004"');
    expect(find(machine, 'ENTRYPOINT')).toEqual(['["rollup-init"]']);
  });

  it('declares the same sdk and RAM size in its labels, in cartesi.toml (what the CLI v2 reads) and in the compose file', () => {
    const labels = find(machine, 'LABEL').join('\n');
    const toml = read('cartesi.toml');
    const sdk = /^sdk = "cartesi\/sdk:([^"]+)"$/m.exec(toml)?.[1];
    const ram = /^\[machine\][^[]*^ram_length = "(\d+Mi)"$/m.exec(toml)?.[1];
    expect(sdk).toMatch(/^0\.12\./);
    expect(ram).toBeDefined();
    expect(labels).toContain(`io.cartesi.rollups.sdk_version=${sdk}`);
    expect(labels).toContain(`io.cartesi.rollups.ram_size=${ram}`);
    expect(withDefaults(parseYaml('docker-compose.yml').services.anvil.image)).toBe(`cartesi/sdk:${sdk}`);
  });

  it('starts the same entry host mode runs: the bundle of dapp/src/main.ts', () => {
    expect(find(machine, 'CMD')).toEqual(['["node", "dist/main.mjs"]']);
    expect(find(machine, 'COPY')).toContain('--from=build-stage /src/dapp/dist/main.mjs ./dist/main.mjs');
    const build = read('dapp/scripts/build.mjs');
    expect(build).toContain("entryPoints: ['src/main.ts']");
    expect(build).toContain("outfile: 'dist/main.mjs'");
    const dapp = JSON.parse(read('dapp/package.json'));
    expect(dapp.scripts.start).toBe('tsx src/main.ts');
    expect(dapp.scripts.build).toBe('node scripts/build.mjs');
    expect(find(stages.find((s) => s.name === 'build-stage')!, 'RUN')).toEqual(['npm run build -w dapp']);
  });

  it('ships only the bundle and the production dependencies, installed for riscv64', () => {
    const deps = stages.find((s) => s.name === 'deps-stage')!;
    expect(deps.from).toMatch(/^--platform=linux\/riscv64 /);
    expect(find(deps, 'RUN').join('\n')).toContain('npm ci --omit=dev');
    const copies = find(machine, 'COPY');
    expect(copies).toHaveLength(3);
    expect(copies.every((c) => c.startsWith('--from=deps-stage ') || c.startsWith('--from=build-stage /src/dapp/dist/'))).toBe(true);
  });

  it('keeps the database in the machine tmpfs with the binding proven on riscv64', () => {
    const env = find(machine, 'ENV');
    expect(env).toContain('STREAMSWAP_DB="/tmp/streamswap/dapp.sqlite"');
    expect(env).toContain('STREAMSWAP_SQLITE="better"');
    // the native binding is compiled in the riscv64 deps stage, not fetched or skipped
    const deps = stages.find((st) => st.name === 'deps-stage')!;
    expect(find(deps, 'RUN').join('\n')).toContain('--build-from-source');
    expect(find(deps, 'RUN').join('\n')).not.toContain('--ignore-scripts');
    expect(read('docs/riscv.md')).toContain('/tmp/streamswap/dapp.sqlite');
  });
});

describe('packaging corrections (issue 14)', () => {
  const compose = parseYaml('docker-compose.yml');
  const services = compose.services as Record<string, any>;
  const stages = dockerfileStages(read('Dockerfile'));
  const deps = stages.find((s) => s.name === 'deps-stage')!;
  const depsRun = deps.instructions.filter((i) => i.op === 'RUN').map((i) => i.args).join('\n');

  it('the compose deployer signs with an account other than the node\'s claimer (no nonce clash)', () => {
    const node = services['rollups-node'].environment as Record<string, string>;
    const deployer = services.deployer.environment as Record<string, string>;
    // the node claims with CARTESI_AUTH_MNEMONIC's account CARTESI_AUTH_MNEMONIC_ACCOUNT_INDEX (default 0)
    const claimerIndex = node.CARTESI_AUTH_MNEMONIC_ACCOUNT_INDEX ?? '0';
    expect(deployer.DEPLOYER_ACCOUNT_INDEX).toBeDefined();
    expect(deployer.DEPLOYER_ACCOUNT_INDEX).not.toBe(claimerIndex);
    const script = read('deploy/address-book.ts');
    expect(script).toContain('anvilAccount(Number(process.env.DEPLOYER_ACCOUNT_INDEX ?? 1))');
    expect(script).not.toMatch(/anvilAccount\(0\)/);
    // the book names the Authority's real owner, read from the chain, not the deployer
    expect(script).toContain("functionName: 'owner'");
  });

  it('deploys with an Authority, not PRT, and the docs say so and why the sdk pin stays below alpha.40', () => {
    const command = services['deploy-application'].command.join(' ');
    expect(command).not.toContain('--prt');
    expect(command).not.toContain('--consensus');
    const docs = read('docs/riscv.md');
    expect(docs).toContain('cartesi run --authority');
    expect(docs).toMatch(/an \*\*Authority\*\*/);
    expect(docs).toContain('not PRT');
    expect(docs).toMatch(/0\.12\.0-alpha\.40 on bundle the \*\*v3\*\* contracts/);
    const tag = withDefaults(services.anvil.image).replace(/^cartesi\/sdk:/, '');
    const [, n] = /^0\.12\.0-alpha\.(\d+)$/.exec(tag) ?? [];
    expect(Number(n)).toBeLessThan(40);
  });

  it('does not assume Node headers under /usr/local: uses them only when they exist', () => {
    for (const line of depsRun.split('\n').filter((l) => l.includes('npm_config_nodedir'))) {
      expect(line).toMatch(/if \[ -f \/usr\/local\/include\/node\/node\.h \]; then export npm_config_nodedir=\/usr\/local; fi/);
    }
  });

  it('installs the machine\'s dependencies from a lockfile with npm ci, not unpinned', () => {
    expect(depsRun).toContain('npm ci --omit=dev --build-from-source');
    expect(depsRun).not.toMatch(/npm install|--no-package-lock/);
    expect(deps.instructions.filter((i) => i.op === 'COPY').map((i) => i.args)).toContain(
      '--from=build-stage /src/dapp/dist/package.json /src/dapp/dist/package-lock.json ./',
    );
    expect(read('dapp/scripts/build.mjs')).toContain("'../dist/package-lock.json'");
  });

  it('narrows the repository lockfile to the bindings and every package they need, pinned with integrity', () => {
    const lock = JSON.parse(read('package-lock.json'));
    const manifest = { name: 'streamswap-backend', dependencies: { 'better-sqlite3': lock.packages['node_modules/better-sqlite3'].version, 'node-sqlite3-wasm': lock.packages['node_modules/node-sqlite3-wasm'].version } };
    const narrowed = productionLock(lock, manifest);
    const keys = Object.keys(narrowed.packages).filter((k) => k !== '');
    expect(keys).toEqual(expect.arrayContaining(['node_modules/better-sqlite3', 'node_modules/node-sqlite3-wasm', 'node_modules/bindings', 'node_modules/prebuild-install']));
    for (const key of keys) {
      const entry = narrowed.packages[key];
      expect(entry.version, key).toBe(lock.packages[key].version);
      expect(entry.integrity, key).toBe(lock.packages[key].integrity);
      expect(entry.dev, key).toBeUndefined();
      // closed: every dependency of every entry is in the narrowed lock
      for (const dep of Object.keys(entry.dependencies ?? {})) {
        expect(keys.includes(`${key}/node_modules/${dep}`) || keys.includes(`node_modules/${dep}`), `${key} needs ${dep}`).toBe(true);
      }
    }
    // nothing the back-end does not need (no dev tooling, no other workspace's packages)
    expect(keys.length).toBeLessThan(60);
    expect(keys.some((k) => /vitest|vite|esbuild|typescript|viem/.test(k))).toBe(false);
    expect(() => productionLock(lock, { name: 'x', dependencies: { 'no-such-package-here': '1.0.0' } })).toThrow(/no entry for no-such-package-here/);
  });

  it('deploy/public/compose.yml runs the same node release against any chain, for an application npm run deploy made', () => {
    const pub = parseYaml('deploy/public/compose.yml').services as Record<string, any>;
    expect(Object.keys(pub).sort()).toEqual(['database', 'proxy', 'register-application', 'rollups-node', 'web']);
    expect(withDefaults(pub['rollups-node'].image)).toBe(withDefaults(services['rollups-node'].image));
    const env = pub['rollups-node'].environment as Record<string, string>;
    expect(env.CARTESI_BLOCKCHAIN_ID).toMatch(/^\$\{CHAIN_ID:\?/);
    expect(env.CARTESI_BLOCKCHAIN_HTTP_ENDPOINT).toMatch(/^\$\{CHAIN_RPC_URL:\?/);
    expect(env.CARTESI_AUTH_PRIVATE_KEY).toMatch(/^\$\{CLAIMER_PRIVATE_KEY:\?/);
    expect(env.CARTESI_CONTRACTS_INPUT_BOX_ADDRESS).toBe(CARTESI_V2_2_ADDRESSES.inputBox);
    expect(env.CARTESI_CONTRACTS_SELF_HOSTED_APPLICATION_FACTORY_ADDRESS).toBe(CARTESI_V2_2_ADDRESSES.selfHostedApplicationFactory);
    expect(pub['register-application'].command.join(' ')).toMatch(/cartesi-rollups-cli app register -n streamswap -a \$\{APPLICATION:\?/);
    const { routers } = parseYaml('deploy/public/traefik/streamswap.yaml').http;
    expect(Object.keys(routers).sort()).toEqual(['inspect', 'rpc', 'web']);
    expect(read('README.md')).toContain('docker compose -f deploy/public/compose.yml up -d');
  });
});
