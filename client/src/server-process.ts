// How the language server's node process is started, shared by the extension and the benchmark
// (which measures the server as the extension runs it).

/**
 * V8 flags for the server. Each keystroke's lint allocates a few MB (a 1,000-line compose file:
 * about 4 MB) and the young generation is collected every few keystrokes, each time copying what
 * the lint in progress holds (about 3 MB): with the default 16 MB semi-space, garbage collection
 * was a quarter of the server's CPU while typing. A 32 MB semi-space halves the number of these
 * collections for at most 32 MB more memory. `--expose-gc` lets the server run them when the
 * user pauses, or before a lint with the document's old parse released, rather than inside a lint
 * (server/src/lsp/idle-gc.ts).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=32', '--expose-gc'];
