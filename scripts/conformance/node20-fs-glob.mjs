// Node 20 lacks fs.globSync (Node 22), which the MCP conformance suite imports
// at start-up and only uses for its tier report. `node --import` this file to
// give that import a small implementation; newer Node is left alone.
import fs from 'node:fs';
import { register } from 'node:module';

if (typeof fs.globSync !== 'function') {
    register(new URL('./fs-with-glob.hooks.mjs', import.meta.url));
}
