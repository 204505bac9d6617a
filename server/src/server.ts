// Entry point of the bundled language server (dist/server.js), started by the VS Code extension over IPC.
import { tuneHeapForAnalysis } from './heap';
import { startServer } from './lsp/server';

tuneHeapForAnalysis();
startServer();
