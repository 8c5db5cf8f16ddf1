#!/usr/bin/env node
// The CLI entry: runs the bundled engine (npm run build produces dist/cli.js).
require('../../dist/cli.js');
