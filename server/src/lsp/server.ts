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
  type Diagnostic,
  type InitializeResult,
  type NotebookDocument,
} from 'vscode-languageserver/node';
import type { PythonParser } from '../parse/tree';
import { createParser } from '../parse/parser';
import { VERSION } from '../version';
import { codeActions, documentEdit, FIX_ALL_KIND } from './codeActions';
import { toDiagnostic } from './diagnostics';
import { analyzeText, DocumentStore, type Analysis, type DocumentState } from './documents';
import { hoverAt } from './hover';
import { documentSettings, type DocumentSettings } from './settings';
import { documentSymbols } from './symbols';
import { cellRange, cellsEdit, cellSymbols, joinedOffset, NotebookStore, type NotebookView } from './notebooks';
import { relabelLines } from '../parse/notebook';

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
    store?.published();
  });

  const notebooks = new NotebookStore();

  /** The notebook a cell belongs to, analysed, when layerlint is enabled for it. */
  const notebookAnalysisOf = async (notebookUri: string): Promise<{ view: NotebookView; settings: DocumentSettings } | undefined> => {
    const notebook = notebooks.documents.getNotebookDocument(notebookUri);
    if (!notebook || !parser) return undefined;
    const settings = await settingsFor(notebookUri);
    return settings.enable ? { view: notebooks.view(notebook, settings.config, parser), settings } : undefined;
  };

  const publishNotebook = guard('publishing notebook diagnostics', undefined, async (uri: string) => {
    pending.delete(uri);
    const settingsGeneration = generation;
    const found = await notebookAnalysisOf(uri);
    if (generation !== settingsGeneration || !notebooks.documents.getNotebookDocument(uri)) return;
    const { byCell, cleared } = found ? notebooks.diagnostics(found.view) : { byCell: new Map<string, Diagnostic[]>(), cleared: notebooks.forget(uri) };
    for (const cellUri of cleared) await connection.sendDiagnostics({ uri: cellUri, diagnostics: [] });
    for (const [cellUri, diagnostics] of byCell) await connection.sendDiagnostics({ uri: cellUri, diagnostics });
  });

  /** Publishes `uri` (a document, or a notebook with `publishNotebook`) once edits have paused for `delay`. */
  const schedule = (uri: string, delay: number, run: (uri: string) => Promise<void> = publish): void => {
    clearTimeout(pending.get(uri));
    pending.set(uri, setTimeout(() => void run(uri), delay));
  };

  /** Settings or a configuration file changed: every open document is re-read and re-published. */
  const refreshAll = (): void => {
    generation++;
    settingsCache.clear();
    for (const uri of store?.uris() ?? []) schedule(uri, 0);
    for (const uri of notebooks.uris()) schedule(uri, 0, publishNotebook);
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
        // Every cell is synced, not only the Python ones, so that cells are numbered as the notebook shows them.
        notebookDocumentSync: { notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' } }] },
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

  // A notebook's Python cells form one module; changes to any cell, or to the list of cells, re-analyse it.
  notebooks.listen(connection);
  notebooks.documents.onDidOpen((notebook) => schedule(notebook.uri, 0, publishNotebook));
  notebooks.documents.onDidChange(({ notebookDocument }) => schedule(notebookDocument.uri, LINT_DELAY_MS, publishNotebook));
  notebooks.documents.onDidClose(
    guard('closing a notebook', undefined, async (notebook: NotebookDocument) => {
      clearTimeout(pending.get(notebook.uri));
      pending.delete(notebook.uri);
      settingsCache.delete(notebook.uri);
      const cells = new Set([...notebooks.forget(notebook.uri), ...notebook.cells.map((c) => c.document)]);
      for (const uri of cells) await connection.sendDiagnostics({ uri, diagnostics: [] });
    }),
  );
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
      const notebook = notebooks.notebookOf(textDocument.uri);
      if (notebook) {
        const found = await notebookAnalysisOf(notebook.uri);
        const offset = found && joinedOffset(found.view, textDocument.uri, position);
        const hover = found && offset !== undefined ? hoverAt(found.view.analysis, found.view.root, offset) : undefined;
        const range = hover && cellRange(found!.view, hover);
        if (!hover || !range) return null;
        return { contents: { kind: MarkupKind.Markdown, value: relabelLines(found!.view.joined, hover.markdown) }, range: range.range };
      }
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
      const notebook = notebooks.notebookOf(textDocument.uri);
      if (notebook) {
        const found = await notebookAnalysisOf(notebook.uri);
        if (!found) return [];
        const { view } = found;
        return codeActions({
          text: view.joined.text,
          root: view.root,
          analysis: view.analysis,
          diagnostics: context.diagnostics,
          only: context.only,
          fixAllUnsafe: found.settings.fixAllUnsafe,
          workspaceEdit: (edits) => cellsEdit(view, edits),
          lineOf: (diagnostic) => {
            const offset = joinedOffset(view, textDocument.uri, diagnostic.range.start);
            return offset === undefined ? undefined : view.document.positionAt(offset).line;
          },
        });
      }
      const found = await analysisOf(textDocument.uri);
      if (!found || !parser) return [];
      const { config } = found.analysis;
      const reparse = parser;
      const document = found.state.document.textDocument;
      const versioned = capabilities.workspace?.workspaceEdit?.documentChanges === true;
      return codeActions({
        text: document.getText(),
        root: found.state.document.tree.rootNode,
        analysis: found.analysis,
        diagnostics: context.diagnostics,
        only: context.only,
        fixAllUnsafe: found.settings.fixAllUnsafe,
        reanalyze: (text) => {
          const root = reparse.parseRoot(text);
          return { findings: analyzeText(root, text, config).findings, hasError: root.hasError };
        },
        workspaceEdit: (edits) => documentEdit(document, versioned, edits),
        lineOf: (diagnostic) => diagnostic.range.start.line,
      });
    }),
  );

  connection.onDocumentSymbol(
    guard('document symbols', [], async ({ textDocument }) => {
      const notebook = notebooks.notebookOf(textDocument.uri);
      if (notebook) {
        const found = await notebookAnalysisOf(notebook.uri);
        return found ? cellSymbols(found.view, textDocument.uri, documentSymbols(found.view.document, found.view.analysis)) : [];
      }
      const found = await analysisOf(textDocument.uri);
      return found ? documentSymbols(found.state.document.textDocument, found.analysis) : [];
    }),
  );

  connection.listen();
  return connection;
}
