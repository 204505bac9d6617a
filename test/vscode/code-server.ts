// A throwaway code-server (the real VS Code workbench, with a Node extension host) for one test run:
// fresh state, loopback only, no auth, no marketplace, no telemetry; stopped by killing its process group.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository root (this file runs as out/test/vscode/code-server.js). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** What scripts/vscode-real/install.sh installed, and where (the installer and the runners share paths.mjs). */
export interface RealTools {
  readonly home: string;
  readonly codeServerBin: string;
  readonly installedMarker: string;
  readonly chromium: string;
  readonly CODE_SERVER_VERSION: string;
}

export async function realTools(): Promise<RealTools> {
  const url = pathToFileURL(path.join(ROOT, 'scripts', 'vscode-real', 'paths.mjs')).href;
  return (await import(url)) as RealTools;
}

/** Why the real-VS-Code suites cannot run here, or undefined when they can. */
export async function missingTools(): Promise<string | undefined> {
  const tools = await realTools();
  const missing = [];
  if (!fs.existsSync(tools.chromium)) missing.push(`chromium (${tools.chromium})`);
  if (!fs.existsSync(tools.installedMarker)) missing.push(`code-server ${tools.CODE_SERVER_VERSION} (in ${tools.home})`);
  return missing.length ? `${missing.join(' and ')} not installed; run scripts/vscode-real/install.sh` : undefined;
}

// What a person's fresh install would not have but a test run must: no tips, tours, trust prompts, network features.
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 300,
  'window.commandCenter': false,
};

export interface CodeServer {
  readonly url: string;
  /** A fresh copy of test/vscode/workspace, or of `only` its named files: tests may edit and save there. */
  workspaceCopy(name: string, only?: readonly string[]): string;
  /** What the extension wrote to its "layerlint" output channel (the server's log among it), from every window. */
  extensionLog(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilHealthy(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not come up at ${url}; its log:\n${fs.readFileSync(logFile, 'utf8')}`);
}

/** Starts code-server. Its environment reaches the extension host, the test suite and the language server. */
export async function startCodeServer(): Promise<CodeServer> {
  const tools = await realTools();
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlint-code-server-'));
  const userData = path.join(state, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(path.join(state, 'extensions'));
  fs.mkdirSync(path.join(state, 'tmp'));
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(state, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    tools.codeServerBin,
    [
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--user-data-dir', userData,
      '--extensions-dir', path.join(state, 'extensions'),
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    {
      // Its own process group, so stop() ends the extension host and the language servers with it.
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        // code-server writes config.yaml and data under these even for --version; keep them out of $HOME.
        XDG_CONFIG_HOME: path.join(state, 'xdg-config'),
        XDG_DATA_HOME: path.join(state, 'xdg-data'),
        // An empty gallery: neither the server nor the page may reach for the Open VSX marketplace.
        EXTENSIONS_GALLERY: '{}',
        // It leaves vscode-ipc-*.sock files in TMPDIR; keep them in the state dir that stop() removes.
        TMPDIR: path.join(state, 'tmp'),
      },
    },
  );
  fs.closeSync(log);
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    fs.rmSync(state, { recursive: true, force: true });
  };
  try {
    await waitUntilHealthy(url, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    workspaceCopy(name, only) {
      const source = path.join(ROOT, 'test', 'vscode', 'workspace');
      const target = path.join(state, name);
      fs.cpSync(source, target, { recursive: true, filter: (file) => !only || file === source || only.includes(path.relative(source, file)) });
      return target;
    },
    extensionLog() {
      // The remote extension host writes a log output channel to <user-data>/logs/<session>/exthost<n>/<extension id>/.
      const logs = path.join(userData, 'logs');
      if (!fs.existsSync(logs)) return '';
      return fs
        .readdirSync(logs, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('/layerlint.layerlint/layerlint.log'))
        .map((file) => `--- ${file}\n${fs.readFileSync(path.join(logs, file), 'utf8')}`)
        .join('\n');
    },
    stop,
  };
}
