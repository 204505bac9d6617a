// The language server: keeps a tree per open Python document and publishes layerlint's findings.
// The transport (stdio, node-ipc, socket) is chosen by the command-line flags vscode-languageserver reads.
import {
  createConnection,
  ProposedFeatures,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { DEFAULT_CONFIG, type LintConfig } from '../config/config';
import { createParser } from '../parse/parser';
import { toDiagnostic } from './diagnostics';
import { DocumentStore } from './documents';
import { VERSION } from '../version';

/** Edits that arrive within this window are analysed once. */
const LINT_DELAY_MS = 50;

export function startServer(): Connection {
  const connection = createConnection(ProposedFeatures.all);
  const log = (message: string) => connection.console.log(message);
  let store: DocumentStore | undefined;
  const config: LintConfig = DEFAULT_CONFIG;
  const pending = new Map<string, NodeJS.Timeout>();

  const publish = (uri: string): void => {
    pending.delete(uri);
    const state = store?.get(uri);
    if (!store || !state) return;
    try {
      const findings = store.findings(state, config);
      const document = state.document.textDocument;
      connection.sendDiagnostics({ uri, version: document.version, diagnostics: findings.map((f) => toDiagnostic(document, f)) });
    } catch (error) {
      log(`layerlint: analysis of ${uri} failed: ${(error as Error).stack ?? error}`);
    }
  };

  const schedule = (uri: string, delay: number): void => {
    clearTimeout(pending.get(uri));
    pending.set(uri, setTimeout(() => publish(uri), delay));
  };

  connection.onInitialize(async (): Promise<InitializeResult> => {
    const parser = await createParser({ log });
    store = new DocumentStore(parser);
    return {
      capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } },
      serverInfo: { name: 'layerlint', version: VERSION },
    };
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    if (!store) return;
    store.open(textDocument.uri, textDocument.version, textDocument.text);
    schedule(textDocument.uri, 0);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    if (store?.change(textDocument.uri, textDocument.version ?? 0, contentChanges)) schedule(textDocument.uri, LINT_DELAY_MS);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    clearTimeout(pending.get(textDocument.uri));
    pending.delete(textDocument.uri);
    store?.close(textDocument.uri);
    connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  connection.listen();
  return connection;
}
