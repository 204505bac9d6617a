// The first line the suite prints in the extension host. The workbench forwards its own console to the same
// channel, so the runner shows only what follows this line (and everything, when the suite never starts).
export const SUITE_BANNER = 'layerlint: VS Code integration suite';
