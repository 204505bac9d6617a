// One syntax tree per open document, kept in step with the text by incremental re-parsing.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { textEdited } from './lines';
import { advancePoint, type PythonParser, type SyntaxTree } from './tree';

export class ParsedDocument {
  private doc: TextDocument;
  private currentTree: SyntaxTree;

  constructor(
    private readonly parser: PythonParser,
    readonly uri: string,
    version: number,
    text: string,
  ) {
    this.doc = TextDocument.create(uri, 'python', version, text);
    this.currentTree = parser.parse(text);
  }

  get text(): string {
    return this.doc.getText();
  }

  get version(): number {
    return this.doc.version;
  }

  get tree(): SyntaxTree {
    return this.currentTree;
  }

  get textDocument(): TextDocument {
    return this.doc;
  }

  /** Applies LSP content changes in order, editing the old tree so that the re-parse reuses what did not change. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    let tree: SyntaxTree | undefined = this.currentTree;
    for (const change of changes) {
      if (!('range' in change) || change.range === undefined) {
        tree = undefined; // a whole-document replacement: nothing to reuse
        this.doc = TextDocument.update(this.doc, [change], version);
        continue;
      }
      // A range given end first is applied as its reverse (as TextDocument does): the edit must say the same.
      const [startIndex, oldEndIndex] = [this.doc.offsetAt(change.range.start), this.doc.offsetAt(change.range.end)].sort((a, b) => a - b);
      // Positions re-derived from offsets: clients may send out-of-range positions, which offsetAt clamps.
      const startPosition = toPoint(this.doc.positionAt(startIndex));
      const oldEndPosition = toPoint(this.doc.positionAt(oldEndIndex));
      tree?.edit({
        startIndex,
        oldEndIndex,
        newEndIndex: startIndex + change.text.length,
        startPosition,
        oldEndPosition,
        newEndPosition: advancePoint(startPosition, change.text),
      });
      const before = this.doc.getText();
      this.doc = TextDocument.update(this.doc, [change], version);
      textEdited(before, this.doc.getText(), startIndex, oldEndIndex, change.text);
    }
    const previous = this.currentTree;
    this.currentTree = this.parser.parse(this.doc.getText(), tree);
    previous.dispose();
  }

  /** Frees the tree's binding memory; the document must not be used afterwards. */
  dispose(): void {
    this.currentTree.dispose();
  }
}

function toPoint(position: { line: number; character: number }): { row: number; column: number } {
  return { row: position.line, column: position.character };
}
