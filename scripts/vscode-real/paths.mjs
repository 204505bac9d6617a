// Where the real-VS-Code test tools live, shared by the installer (shell) and the test runners (Node),
// so both agree without repeating the defaults. Run directly, it prints them as shell assignments.
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// 4.100.3 is the newest code-server whose engines accept Node 20 (later ones need 22 or 24).
export const CODE_SERVER_VERSION = process.env.LAYERLINT_CODE_SERVER_VERSION || '4.100.3';

export const home =
  process.env.LAYERLINT_VSCODE_REAL_HOME ||
  path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'layerlint-vscode-real');

export const codeServerBin = path.join(home, 'code-server', 'node_modules', '.bin', 'code-server');
export const installedMarker = path.join(home, 'code-server', `.installed-${CODE_SERVER_VERSION}`);
export const chromium = process.env.CHROMIUM || '/usr/bin/chromium';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  for (const [name, value] of Object.entries({ CODE_SERVER_VERSION, home, codeServerBin, installedMarker, chromium })) {
    console.log(`${name}=${quote(value)}`);
  }
}
