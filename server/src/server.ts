// Entry point of the bundled language server (dist/server.js), started by the VS Code extension over IPC.
import { startServer } from './lsp/server';

startServer();
