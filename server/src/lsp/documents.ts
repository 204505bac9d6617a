// Open documents, their trees, and the analysis of each version, computed once and reused by every feature.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { analyzeModule, type ModuleAnalysis } from '../keras/analyze';
import { ParsedDocument } from '../parse/document';
import type { PythonParser, SyntaxNode } from '../parse/tree';
import type { LintConfig } from '../config/config';
import { lint } from '../rules/lint';
import type { Finding } from '../rules/types';

export interface Analysis {
  readonly version: number;
  readonly config: LintConfig;
  readonly result: ModuleAnalysis;
  /** In source order; a diagnostic refers to a finding by its index here and the version. */
  readonly findings: readonly Finding[];
}

export interface DocumentState {
  readonly document: ParsedDocument;
  analysis?: Analysis;
}

/** Graphs and findings of one text. The only place the LSP side runs the engine, for documents and fix-all rounds alike. */
export function analyzeText(root: SyntaxNode, text: string, config: LintConfig): { result: ModuleAnalysis; findings: Finding[] } {
  const result = analyzeModule(root);
  return { result, findings: lint(result, text, config, root) };
}

/** Analyses kept in memory at once: the rest are made again when a request needs them (their diagnostics are out). */
const KEPT_ANALYSES = 24;

export class DocumentStore {
  private readonly states = new Map<string, DocumentState>();
  /** Documents with an analysis in memory, least recently used first. */
  private readonly analysed = new Set<DocumentState>();

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
    const state = this.states.get(uri);
    if (state) this.analysed.delete(state);
    state?.document.dispose();
    this.states.delete(uri);
  }

  get(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  uris(): string[] {
    return [...this.states.keys()];
  }

  /** The analysis of the current version under `config`, computed at most once per version and config. */
  analysis(state: DocumentState, config: LintConfig): Analysis {
    const { document } = state;
    if (state.analysis?.version !== document.version || state.analysis.config !== config) {
      state.analysis = { version: document.version, config, ...analyzeText(document.tree.rootNode, document.text, config) };
    }
    // The analysis holds the document's nodes, the largest part of its memory: only the recently used keep theirs.
    this.analysed.delete(state);
    this.analysed.add(state);
    for (const old of this.analysed) {
      if (this.analysed.size <= KEPT_ANALYSES) break;
      this.analysed.delete(old);
      old.analysis = undefined;
      old.document.tree.forgetNodes();
    }
    return state.analysis;
  }
}
