// Re-analysis of an edited document: only the islands (keras/islands.ts) an edit touched are analysed again.
//
// After an edit, the statements no edit touched keep their syntax nodes (parse/mirror.ts carries them over, moved to
// their new offsets). An island whose statements are all carried over, under the same imports and configuration,
// has the same graphs; its findings are the old ones with their offsets moved. Everything else is analysed afresh.
import type { ModuleAnalysis } from '../keras/analyze';
import { buildGraphs } from '../keras/builder';
import { collectImports, importsAfterEdit, resolvesAlike, type ImportTable } from '../keras/imports';
import { islandsOf, statementNames, type StatementNames } from '../keras/islands';
import type { LintConfig } from '../config/config';
import { findSuppressions } from '../config/suppression';
import { indexOf, lineStarts } from '../parse/lines';
import type { SyntaxNode, SyntaxTree } from '../parse/tree';
import { findingsOf, forEachSpan, inSourceOrder, movedFinding, resolveFixes, unsuppressed } from '../rules/lint';
import type { Finding } from '../rules/types';

/** Where the top-level statements stood when an island was analysed, to move its offsets to the current text. */
class Layout {
  private readonly starts: number[];
  private readonly ends: number[];

  constructor(private readonly statements: readonly SyntaxNode[]) {
    this.starts = statements.map((s) => s.startIndex);
    this.ends = statements.map((s) => s.endIndex);
  }

  /** How far a statement moved since, or undefined if it is not in the current tree. */
  private shift(index: number, current: SyntaxNode): number | undefined {
    const statement = this.statements[index];
    return statement.parent === current ? statement.startIndex - this.starts[index] : undefined;
  }

  /** How far every offset in [low, high] moved, if all alike: the statements from the one holding `low` (or before
   *  it) to the one after `high` are all in the current tree, moved by the same amount; else undefined. */
  uniformShift(low: number, high: number, current: SyntaxNode): number | undefined {
    if (this.starts.length === 0) return undefined;
    const first = this.starts[0] <= low ? indexOf(this.starts, low) : -1;
    const last = Math.min(indexOf(this.starts, high) + 1, this.starts.length - 1);
    // Before the first statement, the text has not moved.
    let shift: number | undefined = first === -1 ? 0 : this.shift(first, current);
    for (let i = Math.max(first, 0); shift !== undefined && i <= last; i++) if (this.shift(i, current) !== shift) shift = undefined;
    return shift;
  }

  /** `offset` in the current text, or undefined when the text around it may have changed. */
  move(offset: number, current: SyntaxNode): number | undefined {
    // The last statement that starts at or before the offset, if any.
    const found = this.starts.length > 0 && this.starts[0] <= offset ? indexOf(this.starts, offset) : -1;
    const before = found === -1 ? 0 : this.shift(found, current);
    if (found !== -1 && offset <= this.ends[found]) return before === undefined ? undefined : offset + before;
    // Between two statements (or before the first, after the last): the blank there is unchanged if both neighbours
    // moved by the same amount.
    const after = found + 1 < this.statements.length ? this.shift(found + 1, current) : (before ?? 0);
    return before !== undefined && before === after ? offset + before : undefined;
  }
}

interface IslandResult {
  readonly statements: readonly SyntaxNode[];
  /** The line each statement started on: findings name lines in their messages. */
  readonly rows: readonly number[];
  /** Where the statements were when `findings` were found or last moved (kept current while nothing moves). */
  layout: Layout;
  readonly analysis: Pick<ModuleAnalysis, 'graphs' | 'models' | 'events'>;
  /** Suppressed ones included, in the offsets of the text the island was analysed in. */
  readonly findings: readonly Finding[];
}

export interface IncrementalResult {
  readonly result: ModuleAnalysis;
  readonly findings: Finding[];
  /** How many islands were analysed afresh, and how many in all (for tests and the benchmark). */
  readonly analysed: number;
  readonly islands: number;
}

/** The analyses of one document's islands, kept from one version to the next. */
export class IncrementalAnalyzer {
  /** By the island's first statement. */
  private islands = new Map<SyntaxNode, IslandResult>();
  private config: LintConfig | undefined;
  private imports: ImportTable | undefined;
  private statements: readonly SyntaxNode[] = [];
  private grouping: SyntaxNode[][] = [];
  /** The index in `grouping` of each statement's island. */
  private islandIndex = new Map<SyntaxNode, number>();
  /** The names some statement binds, when the islands were last worked out. */
  private bound = new Set<string>();

  analyze(document: { readonly tree: SyntaxTree; readonly text: string }, config: LintConfig): IncrementalResult {
    // Reading the new root carries the statements no edit touched over into it, moved: the kept findings' fixes are
    // worked out first, from the nodes and the text they were found in.
    for (const island of this.islands.values()) resolveFixes(island.findings);
    const root = document.tree.rootNode;
    const { text } = document;
    const statements = root.namedChildren;
    const replaced = this.replacedSince(statements);
    // Old statements are read only through what was cached of them (their text is gone with the old version).
    const imports = replaced && this.imports ? importsAfterEdit(root, this.imports, replaced) : collectImports(root);
    if (config !== this.config || !this.imports || !resolvesAlike(imports, this.imports)) this.islands.clear();
    this.config = config;
    this.imports = imports;

    const islands = this.islandsOf(statements, replaced);
    const layout = new Layout(statements);
    const kept = new Map<SyntaxNode, IslandResult>();
    const graphs: ModuleAnalysis['graphs'][number][] = [];
    const models: ModuleAnalysis['models'][number][] = [];
    const events: ModuleAnalysis['events'][number][] = [];
    const findings: Finding[] = [];
    let analysed = 0;
    for (const island of islands) {
      const previous = this.islands.get(island[0]);
      let result: IslandResult;
      if (!previous || !sameNodes(previous.statements, island)) {
        const built = buildGraphs(root, imports, island);
        const found = findingsOf({ imports, ...built }, text, config);
        result = { statements: island, rows: found.length > 0 ? rowsOf(island, text) : [], layout, analysis: built, findings: found };
        analysed++;
      } else {
        // The graphs are the same; so are the findings, once moved and with the lines their messages name worded
        // again. Should an offset not be movable, the rules that found something run again (the others would find
        // nothing again).
        const hasFindings = previous.findings.length > 0;
        const rows = hasFindings ? rowsOf(island, text) : previous.rows;
        const linesMoved = rows.some((row, i) => row !== previous.rows[i]);
        const moved = hasFindings ? movedFindings(previous, root, linesMoved) : previous.findings;
        if (moved === previous.findings && !linesMoved) {
          // Nothing moved: the findings' offsets hold in the current layout too, and every result reads the current
          // layout (an old one would keep its version's statements alive).
          result = previous;
          result.layout = layout;
        } else {
          const findings = moved ?? findingsOf({ imports, ...previous.analysis }, text, config, new Set(previous.findings.map((finding) => finding.code)));
          result = { ...previous, rows, layout, findings };
        }
      }
      kept.set(island[0], result);
      for (const graph of result.analysis.graphs) graphs.push(graph);
      for (const model of result.analysis.models) models.push(model);
      for (const event of result.analysis.events) events.push(event);
      for (const finding of result.findings) findings.push(finding);
    }
    this.islands = kept;
    graphs.sort((a, b) => a.nodes[0].application.startIndex - b.nodes[0].application.startIndex);
    findings.sort(inSourceOrder);
    return {
      result: { imports, graphs, models, events },
      findings: unsuppressed(findings, findSuppressions(root, text)),
      analysed,
      islands: islands.length,
    };
  }

  /** Which statements of the last version `statements` replaces, position by position (old → new), or undefined
   *  when statements were added or removed. */
  private replacedSince(statements: readonly SyntaxNode[]): Map<SyntaxNode, SyntaxNode> | undefined {
    const old = this.statements;
    if (old.length !== statements.length) return undefined;
    const replaced = new Map<SyntaxNode, SyntaxNode>();
    for (let i = 0; i < statements.length; i++) if (old[i] !== statements[i]) replaced.set(old[i], statements[i]);
    return replaced;
  }

  /** The islands of `statements`. An edit that leaves every statement binding the same names, and reading the same
   *  names some statement binds (a digit typed into a rate, a call to an imported layer added), leaves the islands as
   *  they were, with the edited statement's new node in place of the old. */
  private islandsOf(statements: readonly SyntaxNode[], replaced: ReadonlyMap<SyntaxNode, SyntaxNode> | undefined): SyntaxNode[][] {
    this.statements = statements;
    const same = replaced !== undefined && [...replaced].every(([old, now]) => old.type === now.type && this.sameLinks(statementNames(old), statementNames(now)));
    if (same) {
      for (const [old, now] of replaced) {
        // Comments and imports belong to no island.
        const index = this.islandIndex.get(old);
        if (index === undefined) continue;
        this.grouping[index] = this.grouping[index].map((s) => (s === old ? now : s));
        this.islandIndex.delete(old);
        this.islandIndex.set(now, index);
      }
    } else {
      this.grouping = islandsOf(statements);
      this.islandIndex = new Map(this.grouping.flatMap((island, index) => island.map((s): [SyntaxNode, number] => [s, index])));
      this.bound = new Set(this.grouping.flatMap((island) => island.flatMap((s) => statementNames(s).binds)));
    }
    return this.grouping;
  }

  /** Whether two versions of a statement tie it to the same statements. */
  private sameLinks(a: StatementNames, b: StatementNames): boolean {
    const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((name, i) => name === y[i]);
    const linking = (names: StatementNames) => names.reads.filter((name) => this.bound.has(name));
    return a.opaque === b.opaque && same(a.binds, b.binds) && same(a.declared, b.declared) && same(linking(a), linking(b));
  }
}

/** The line each statement of an island starts on. */
function rowsOf(island: readonly SyntaxNode[], text: string): readonly number[] {
  const starts = lineStarts(text);
  return island.map((statement) => indexOf(starts, statement.startIndex));
}

function sameNodes(a: readonly SyntaxNode[], b: readonly SyntaxNode[]): boolean {
  return a.length === b.length && a.every((node, i) => node === b[i]);
}

/** An island's findings with every offset moved to the current text and the lines they name worded anew (the same
 *  list if nothing moved), or undefined if an offset cannot be moved. */
function movedFindings(island: IslandResult, root: SyntaxNode, linesMoved: boolean): readonly Finding[] | undefined {
  const { layout } = island;
  // Mostly an edit is before or after all of an island: its findings stay where they are (and are kept as they are)
  // or all move alike.
  let low = Infinity;
  let high = -Infinity;
  for (const finding of island.findings) {
    forEachSpan(finding, (span) => {
      low = Math.min(low, span.start);
      high = Math.max(high, span.end);
    });
  }
  const shift = layout.uniformShift(low, high, root);
  if (shift === 0 && !linesMoved) return island.findings;
  if (shift !== undefined) return island.findings.map((finding) => movedFinding(finding, (offset) => offset + shift, linesMoved));
  let failed = false;
  let changed = linesMoved;
  const move = (offset: number): number => {
    const moved = layout.move(offset, root);
    if (moved === undefined) failed = true;
    else if (moved !== offset) changed = true;
    return moved ?? offset;
  };
  const moved = island.findings.map((finding) => movedFinding(finding, move, linesMoved));
  if (failed) return undefined;
  return changed ? moved : island.findings;
}
