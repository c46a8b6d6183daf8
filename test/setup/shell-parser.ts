/** Tests call parseShell directly: load the shell grammar once before any test file runs. */
import { loadShellParser } from '../../src/gate/shell/bash-parser.ts';

await loadShellParser();
