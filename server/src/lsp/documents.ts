// Open documents, their trees, and the analysis of each version, computed once and reused by every feature.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { analyzeModule, type ModuleAnalysis } from '../keras/analyze';
import { ParsedDocument } from '../parse/document';
import type { PythonParser, SyntaxNode, SyntaxTree } from '../parse/tree';
import type { LintConfig } from '../config/config';
import { lint } from '../rules/lint';
import type { Finding } from '../rules/types';
import { IncrementalAnalyzer } from './incremental';

export interface Analysis {
  readonly version: number;
  readonly config: LintConfig;
  readonly result: ModuleAnalysis;
  /** In source order; a diagnostic refers to a finding by its index here and the version. */
  readonly findings: readonly Finding[];
  /** After an edit: how many of the document's islands were analysed afresh, and how many it has. */
  readonly analysed?: number;
  readonly islands?: number;
}

export interface DocumentState {
  readonly document: StoredDocument;
  analysis?: Analysis;
  /** The analyses of the document's islands, for the next version to reuse what an edit did not touch. */
  analyzer?: IncrementalAnalyzer;
}

/** An open document's text, with a syntax tree while it is in use. The native binding's tree of a 200-line file
 *  takes some 200 KB outside the JavaScript heap, so a document the user has not touched for a while keeps only its
 *  text and is parsed again (from scratch, a millisecond or two) when it is needed. */
export class StoredDocument {
  private parsed: ParsedDocument | undefined;
  /** The text while there is no tree. */
  private unparsed: TextDocument | undefined;

  constructor(
    private readonly parser: PythonParser,
    readonly uri: string,
    version: number,
    text: string,
  ) {
    // Parsed on first use: a client that opens many documents at once has them analysed one by one.
    this.unparsed = TextDocument.create(uri, 'python', version, text);
  }

  get textDocument(): TextDocument {
    return this.parsed?.textDocument ?? this.unparsed!;
  }

  get version(): number {
    return this.textDocument.version;
  }

  get text(): string {
    return this.textDocument.getText();
  }

  get tree(): SyntaxTree {
    if (!this.parsed) {
      const { version } = this.textDocument;
      this.parsed = new ParsedDocument(this.parser, this.uri, version, this.text);
      this.unparsed = undefined;
    }
    return this.parsed.tree;
  }

  get hasTree(): boolean {
    return this.parsed !== undefined;
  }

  /** With a tree, the tree is edited and re-parsed incrementally; without one, only the text changes. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    if (this.parsed) this.parsed.update(changes, version);
    else this.unparsed = TextDocument.update(this.unparsed!, [...changes], version);
  }

  /** Lets go of the tree and its nodes; returns whether there was one. */
  release(): boolean {
    if (!this.parsed) return false;
    this.unparsed = this.parsed.textDocument;
    this.parsed.dispose();
    this.parsed = undefined;
    return true;
  }

  dispose(): void {
    this.parsed?.dispose();
  }
}

/** Graphs and findings of one text. The only place the LSP side runs the engine, for documents and fix-all rounds alike. */
export function analyzeText(root: SyntaxNode, text: string, config: LintConfig): { result: ModuleAnalysis; findings: Finding[] } {
  const result = analyzeModule(root);
  return { result, findings: lint(result, text, config, root) };
}

/** The analysis of a document's current text, re-using what the last edit did not touch. Should the incremental path
 *  fail on some input, the document is analysed whole and the next edit starts afresh: no findings are lost. */
function analyzeIncrementally(state: DocumentState, config: LintConfig): { result: ModuleAnalysis; findings: Finding[] } {
  const { document } = state;
  try {
    return (state.analyzer ??= new IncrementalAnalyzer()).analyze(document, config);
  } catch (error) {
    console.error(`layerlint: incremental analysis of ${document.uri} failed, analysing it whole: ${(error as Error).stack ?? error}`);
    state.analyzer = undefined;
    return analyzeText(document.tree.rootNode, document.text, config);
  }
}

/** Documents that keep their tree and analysis at once: the rest are parsed and analysed again when a request needs
 *  them (their diagnostics are out). */
const KEPT_ANALYSES = 24;

/** Where the parser's trees wait for V8 to collect their wrappers (native trees copied through the cursor, when
 *  layerlint's reader is not built), V8, which does not see the trees' memory, collects them late: after a whole
 *  workspace was opened, hundreds of released trees would still be held. So the store asks for a collection itself
 *  once this many trees were released, just after the work that released them. Only there: a collection asked for
 *  is a forced one, after which V8 discards much of the code it optimized for the engine, and the analyses that
 *  follow run slower until it is optimized again (four times the deoptimizations; README, "Forced collections"). */
const RELEASES_PER_COLLECTION = KEPT_ANALYSES;

/** V8's `gc`, taken from a context of its own so that the program's globals stay as they are. */
const collectGarbage = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as (options: { type: 'major'; execution: 'async' } | { type: 'minor' }) => void;
})();

export class DocumentStore {
  private readonly states = new Map<string, DocumentState>();
  /** Documents with an analysis in memory, least recently used first. */
  private readonly analysed = new Set<DocumentState>();
  private releasedSinceCollection = 0;
  private collection: NodeJS.Immediate | undefined;
  private youngCollection: NodeJS.Immediate | undefined;

  constructor(private readonly parser: PythonParser) {}

  open(uri: string, version: number, text: string): DocumentState {
    const state: DocumentState = { document: new StoredDocument(this.parser, uri, version, text) };
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
      state.analysis = { version: document.version, config, ...analyzeIncrementally(state, config) };
    }
    // The tree, its nodes and the analysis that holds them are most of a document's memory: only the recently used
    // keep theirs.
    this.analysed.delete(state);
    this.analysed.add(state);
    for (const old of this.analysed) {
      if (this.analysed.size <= KEPT_ANALYSES) break;
      this.analysed.delete(old);
      old.analysis = undefined;
      old.analyzer = undefined;
      if (old.document.release()) this.released();
    }
    return state.analysis;
  }

  /** Diagnostics are out: the garbage their analysis left in V8's young generation is collected now, in the pause
   *  before the next change, instead of by whichever allocation fills the generation in the middle of a later
   *  analysis (a scavenge after edits to a 5,000-line module costs 2–4 ms, most of a keystroke's budget). */
  published(): void {
    this.youngCollection ??= setImmediate(() => {
      this.youngCollection = undefined;
      collectGarbage({ type: 'minor' });
    });
  }

  private released(): void {
    if (this.parser.freesOnDispose) return;
    if (++this.releasedSinceCollection < RELEASES_PER_COLLECTION || this.collection) return;
    // After the current request or publication has answered, not in its way.
    this.collection = setImmediate(() => {
      this.collection = undefined;
      this.releasedSinceCollection = 0;
      collectGarbage({ type: 'major', execution: 'async' });
    });
  }
}
