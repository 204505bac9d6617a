// The language server: keeps a tree per open Python document, publishes layerlint's findings with the settings
// of the document's workspace folder, and answers hovers, code actions and document symbols from the stored analysis.
// The transport (stdio, node-ipc, socket) is chosen by the command-line flags vscode-languageserver reads.
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MarkupKind,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import type { PythonParser } from '../parse/tree';
import { createParser } from '../parse/parser';
import { VERSION } from '../version';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { toDiagnostic } from './diagnostics';
import { analyzeText, DocumentStore, type Analysis, type DocumentState } from './documents';
import { hoverAt } from './hover';
import { documentSettings, type DocumentSettings } from './settings';
import { documentSymbols } from './symbols';

/** Edits that arrive within this window are analysed once. */
const LINT_DELAY_MS = 50;

export function startServer(): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const log = (message: string) => connection.console.log(message);
  let store: DocumentStore | undefined;
  let parser: PythonParser | undefined;
  let capabilities: ClientCapabilities = {};
  /** Settings sent by clients that cannot answer `workspace/configuration`: initializationOptions, then didChangeConfiguration. */
  let pushedSettings: unknown;
  const settingsCache = new Map<string, Promise<DocumentSettings>>();
  /** Counts settings changes, so that a publication computed with settings read before a change is dropped. */
  let generation = 0;
  const reportedProblems = new Set<string>();
  const pending = new Map<string, NodeJS.Timeout>();

  /** Runs a handler so that a failure is a log line and an empty answer, never a dead server. */
  const guard =
    <P extends unknown[], R>(name: string, fallback: R, handler: (...params: P) => R | Promise<R>) =>
    async (...params: P): Promise<R> => {
      try {
        return await handler(...params);
      } catch (error) {
        log(`layerlint: ${name} failed: ${(error as Error).stack ?? error}`);
        return fallback;
      }
    };

  // Last line of defence: whatever escapes a handler is logged, and the server goes on serving the other documents.
  process.on('uncaughtException', (error) => log(`layerlint: unexpected error: ${error.stack ?? error}`));
  process.on('unhandledRejection', (reason) => log(`layerlint: unexpected error: ${(reason as Error)?.stack ?? reason}`));

  const reportProblems = (problems: readonly string[]): void => {
    for (const problem of problems) {
      if (reportedProblems.has(problem)) continue;
      reportedProblems.add(problem);
      log(`layerlint: configuration: ${problem}`);
      // A notification: the request form would wait for the user to dismiss the message.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `layerlint: ${problem}` });
    }
  };

  const fetchSettings = async (uri: string): Promise<unknown> => {
    if (!capabilities.workspace?.configuration) return pushedSettings;
    return connection.workspace.getConfiguration({ scopeUri: uri, section: 'layerlint' });
  };

  const settingsFor = (uri: string): Promise<DocumentSettings> => {
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = fetchSettings(uri).then(
        (raw) => documentSettings(uri, raw),
        (error: unknown) => {
          log(`layerlint: could not read the settings for ${uri}: ${(error as Error).message ?? error}`);
          return documentSettings(uri, undefined);
        },
      );
      settingsCache.set(uri, settings);
      void settings.then((s) => reportProblems(s.problems));
    }
    return settings;
  };

  /** The current version's analysis, or undefined when the document is unknown or layerlint is disabled for it. */
  const analysisOf = async (
    uri: string,
  ): Promise<{ state: DocumentState; analysis: Analysis; settings: DocumentSettings } | undefined> => {
    const settings = await settingsFor(uri);
    const state = store?.get(uri);
    if (!store || !state || !settings.enable) return undefined;
    return { state, analysis: store.analysis(state, settings.config), settings };
  };

  const publish = guard('publishing diagnostics', undefined, async (uri: string) => {
    pending.delete(uri);
    const state = store?.get(uri);
    if (!state) return;
    const version = state.document.version;
    const settingsGeneration = generation;
    const found = await analysisOf(uri);
    // A newer edit or settings change has its own publication scheduled; this one would be stale.
    if (store?.get(uri) !== state || state.document.version !== version || generation !== settingsGeneration) return;
    const document = state.document.textDocument;
    const diagnostics = found ? found.analysis.findings.map((f, index) => toDiagnostic(document, f, { version, index })) : [];
    await connection.sendDiagnostics({ uri, version, diagnostics });
  });

  const schedule = (uri: string, delay: number): void => {
    clearTimeout(pending.get(uri));
    pending.set(uri, setTimeout(() => void publish(uri), delay));
  };

  /** Settings or a configuration file changed: every open document is re-read and re-published. */
  const refreshAll = (): void => {
    generation++;
    settingsCache.clear();
    for (const uri of store?.uris() ?? []) schedule(uri, 0);
  };

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    capabilities = params.capabilities;
    // Some clients send the whole configuration table as initializationOptions, others just the layerlint part.
    const options = params.initializationOptions as { layerlint?: unknown } | null | undefined;
    pushedSettings = options?.layerlint ?? options;
    parser = await createParser({ log });
    store = new DocumentStore(parser);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
        documentSymbolProvider: { label: 'layerlint models' },
      },
      serverInfo: { name: 'layerlint', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    const register = capabilities.workspace;
    const failed = (error: unknown) => log(`layerlint: registration refused by the client: ${(error as Error).message ?? error}`);
    if (register?.didChangeConfiguration?.dynamicRegistration) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: 'layerlint' }).catch(failed);
    }
    if (register?.didChangeWatchedFiles?.dynamicRegistration) {
      connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/pyproject.toml' }] }).catch(failed);
    }
  });

  connection.onDidChangeConfiguration(
    guard('reading changed settings', undefined, (params: { settings: unknown }) => {
      const section = (params.settings as { layerlint?: unknown } | null)?.layerlint;
      if (section !== undefined) pushedSettings = section;
      refreshAll();
    }),
  );

  connection.onDidChangeWatchedFiles(guard('reloading configuration files', undefined, refreshAll));

  // Notebook sync (issue 7) belongs beside these text-document handlers: a notebook's cells form one module whose
  // analysis goes through the same settingsFor / analysisOf / schedule, with positions mapped to cells.
  connection.onDidOpenTextDocument(
    guard('opening a document', undefined, ({ textDocument }) => {
      if (!store) return;
      store.open(textDocument.uri, textDocument.version, textDocument.text);
      schedule(textDocument.uri, 0);
    }),
  );

  connection.onDidChangeTextDocument(
    guard('applying an edit', undefined, ({ textDocument, contentChanges }) => {
      if (store?.change(textDocument.uri, textDocument.version ?? 0, contentChanges)) schedule(textDocument.uri, LINT_DELAY_MS);
    }),
  );

  connection.onDidCloseTextDocument(
    guard('closing a document', undefined, async ({ textDocument }) => {
      clearTimeout(pending.get(textDocument.uri));
      pending.delete(textDocument.uri);
      settingsCache.delete(textDocument.uri);
      store?.close(textDocument.uri);
      await connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    }),
  );

  connection.onHover(
    guard('hover', null, async ({ textDocument, position }) => {
      const found = await analysisOf(textDocument.uri);
      if (!found) return null;
      const document = found.state.document.textDocument;
      const hover = hoverAt(found.analysis, found.state.document.tree.rootNode, document.offsetAt(position));
      if (!hover) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: hover.markdown },
        range: { start: document.positionAt(hover.start), end: document.positionAt(hover.end) },
      };
    }),
  );

  connection.onCodeAction(
    guard('code actions', [], async ({ textDocument, context }) => {
      const found = await analysisOf(textDocument.uri);
      if (!found || !parser) return [];
      const { config } = found.analysis;
      const reparse = parser;
      return codeActions({
        document: found.state.document.textDocument,
        root: found.state.document.tree.rootNode,
        analysis: found.analysis,
        diagnostics: context.diagnostics,
        only: context.only,
        fixAllUnsafe: found.settings.fixAllUnsafe,
        reanalyze: (text) => {
          const root = reparse.parse(text).rootNode;
          return { findings: analyzeText(root, text, config).findings, hasError: root.hasError };
        },
        versionedEdits: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      });
    }),
  );

  connection.onDocumentSymbol(
    guard('document symbols', [], async ({ textDocument }) => {
      const found = await analysisOf(textDocument.uri);
      return found ? documentSymbols(found.state.document.textDocument, found.analysis) : [];
    }),
  );

  connection.listen();
  return connection;
}
