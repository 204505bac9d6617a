// A minimal LSP client for protocol tests: spawns the real `layerlint server --stdio` and speaks JSON-RPC to it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  ConfigurationItem,
  ConfigurationParams,
  Diagnostic,
  DocumentSymbol,
  Hover,
  Position,
  PublishDiagnosticsParams,
  Range,
  ShowMessageParams,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/fixes/apply';

/** The text of `uri` after applying the edits a workspace edit makes to it, with the server's own edit application. */
export function applyWorkspaceEdit(uri: string, text: string, edit: WorkspaceEdit | undefined): string {
  const document = TextDocument.create(uri, 'python', 0, text);
  const changes = edit?.changes?.[uri] ?? [];
  const versioned = (edit?.documentChanges ?? []).flatMap((c) => ('edits' in c && c.textDocument.uri === uri ? c.edits : []));
  const edits = [...changes, ...versioned].map((e) => ({
    start: document.offsetAt(e.range.start),
    end: document.offsetAt(e.range.end),
    newText: 'newText' in e ? e.newText : e.snippet.value,
  }));
  return applyEdits(text, edits);
}

/** The position of the `occurrence`-th (0-based) `needle` in `text`, moved `delta` characters right. */
export function positionOf(text: string, needle: string, occurrence = 0, delta = 0): Position {
  let index = -1;
  for (let i = 0; i <= occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' #${occurrence} not in the text`);
  }
  return TextDocument.create('file:///x', 'python', 0, text).positionAt(index + delta);
}

/** Tests run from the repository root (npm test), wherever their compiled files are. */
export const ROOT = process.cwd();

export class TestServer {
  readonly connection: MessageConnection;
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: Array<() => void> = [];
  readonly logs: string[] = [];
  readonly messages: ShowMessageParams[] = [];
  /** The `layerlint` settings the client answers `workspace/configuration` with, per document (undefined: none set). */
  settings: (scopeUri: string | undefined) => unknown = () => undefined;
  readonly configurationRequests: ConfigurationItem[] = [];

  private constructor(readonly process: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.diagnostics.get(params.uri) ?? [];
      list.push(params);
      this.diagnostics.set(params.uri, list);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    this.connection.onNotification('window/showMessage', (params: ShowMessageParams) => {
      this.messages.push(params);
    });
    this.connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(...params.items);
      return params.items.map((item) => (item.section === 'layerlint' ? this.settings(item.scopeUri) : undefined));
    });
    // The server registers for configuration and file-watch notifications, as it does with VS Code.
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** `pullsConfiguration: false` plays a client that cannot answer workspace/configuration and pushes settings instead. */
  static async start(env: NodeJS.ProcessEnv = {}, initializationOptions?: unknown, pullsConfiguration = true): Promise<TestServer> {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'layerlint.js'), 'server', '--stdio'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const server = new TestServer(child);
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: { publishDiagnostics: { relatedInformation: true } },
        workspace: {
          configuration: pullsConfiguration,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
      },
      initializationOptions,
    });
    await server.connection.sendNotification('initialized', {});
    return server;
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
  }

  /** Replaces the whole text of an open document. */
  async replace(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The next diagnostics published for `uri` after `count` earlier publications. */
  async diagnosticsFor(uri: string, count = 1, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = this.diagnostics.get(uri) ?? [];
      if (list.length >= count) return list[count - 1].diagnostics;
      if (Date.now() > deadline) throw new Error(`no diagnostics #${count} for ${uri} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  symbols(uri: string): Promise<DocumentSymbol[]> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  /** Tells the server that settings changed: it pulls the new ones through `workspace/configuration`, or takes `pushed`. */
  async changeConfiguration(pushed: unknown = null): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: pushed });
  }

  publications(uri: string): number {
    return this.diagnostics.get(uri)?.length ?? 0;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill();
        resolve();
      }, 3000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
