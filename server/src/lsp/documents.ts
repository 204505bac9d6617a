// Open documents, their trees, and the analysis of each version, computed once and reused by every feature.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { analyzeModule, type ModuleAnalysis } from '../keras/analyze';
import { ParsedDocument } from '../parse/document';
import type { PythonParser } from '../parse/tree';
import type { LintConfig } from '../config/config';
import { lint } from '../rules/lint';
import type { Finding } from '../rules/types';

export interface DocumentState {
  readonly document: ParsedDocument;
  analysis?: { version: number; config: LintConfig; result: ModuleAnalysis; findings: Finding[] };
}

export class DocumentStore {
  private readonly states = new Map<string, DocumentState>();

  constructor(private readonly parser: PythonParser) {}

  open(uri: string, version: number, text: string): DocumentState {
    const state: DocumentState = { document: new ParsedDocument(this.parser, uri, version, text) };
    this.states.set(uri, state);
    return state;
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): DocumentState | undefined {
    const state = this.states.get(uri);
    if (!state) return undefined;
    state.document.update(changes, version);
    return state;
  }

  close(uri: string): void {
    this.states.delete(uri);
  }

  get(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  uris(): string[] {
    return [...this.states.keys()];
  }

  /** The findings of the current version under `config`, analysed at most once per version and config. */
  findings(state: DocumentState, config: LintConfig): Finding[] {
    const { document } = state;
    if (state.analysis?.version !== document.version || state.analysis.config !== config) {
      const result = analyzeModule(document.tree.rootNode);
      state.analysis = { version: document.version, config, result, findings: lint(result, document.text, config) };
    }
    return state.analysis.findings;
  }
}
