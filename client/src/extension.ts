// The VS Code side of layerlint: starts the language server, passes settings through, and offers the commands and
// the status item. No analysis here: everything that understands Python lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('layerlint');
const RULE_CODE = /^LL\d{3}$/;

let client: LanguageClient | undefined;

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
      // Cells of Jupyter notebooks: their text arrives through notebook sync; this lets hovers and code actions reach them.
      { scheme: 'vscode-notebook-cell', language: 'python' },
    ],
    synchronize: {
      configurationSection: 'layerlint',
      // `[tool.layerlint]` in a pyproject.toml changes the configuration of every file below it.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/pyproject.toml'),
    },
    outputChannel: output,
  };
  return new LanguageClient('layerlint', 'layerlint', serverOptions, clientOptions);
}

function statusItem(): vscode.LanguageStatusItem {
  const item = vscode.languages.createLanguageStatusItem('layerlint.status', { language: 'python' });
  item.name = 'layerlint';
  item.command = { title: 'Show log', command: 'layerlint.showOutput' };
  return item;
}

function showState(item: vscode.LanguageStatusItem, state: State): void {
  const label = state === State.Running ? 'ready' : state === State.Starting ? 'starting' : 'stopped';
  item.text = `layerlint: ${label}`;
  item.busy = state === State.Starting;
  item.severity = state === State.Stopped ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
}

async function showRuleDocs(context: vscode.ExtensionContext, code?: unknown): Promise<void> {
  const folder = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  let chosen = typeof code === 'string' ? code.toUpperCase() : undefined;
  if (!chosen) {
    const pages = await vscode.workspace.fs.readDirectory(folder).then(
      (entries) => entries.map(([name]) => name.replace(/\.md$/, '')).filter((name) => RULE_CODE.test(name)).sort(),
      () => [],
    );
    chosen = await vscode.window.showQuickPick(pages, { placeHolder: 'Rule to show' });
    if (!chosen) return;
  }
  if (!RULE_CODE.test(chosen)) {
    void vscode.window.showWarningMessage(`layerlint: ${chosen} is not a rule code (LLnnn).`);
    return;
  }
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(folder, `${chosen}.md`));
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'python') {
    void vscode.window.showInformationMessage('layerlint: open a Python file to fix.');
    return;
  }
  const { document } = editor;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      FIX_ALL_KIND.value,
    )) ?? [];
  const action = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind) && a.edit);
  if (!action?.edit) {
    void vscode.window.showInformationMessage('layerlint: nothing to fix automatically in this file.');
    return;
  }
  await vscode.workspace.applyEdit(action.edit);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('layerlint', { log: true });
  const status = statusItem();
  const languageClient = createClient(context, output);
  client = languageClient;
  showState(status, State.Starting);
  context.subscriptions.push(
    output,
    status,
    languageClient,
    languageClient.onDidChangeState(({ newState }) => showState(status, newState)),
    vscode.commands.registerCommand('layerlint.restartServer', async () => {
      output.info('restarting the language server');
      await languageClient.restart();
    }),
    vscode.commands.registerCommand('layerlint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('layerlint.fixAll', fixAll),
    vscode.commands.registerCommand('layerlint.showRuleDocs', (code?: unknown) => showRuleDocs(context, code)),
  );
  try {
    await languageClient.start();
  } catch (error) {
    output.error(`the language server did not start: ${(error as Error).message}`);
    showState(status, State.Stopped);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
