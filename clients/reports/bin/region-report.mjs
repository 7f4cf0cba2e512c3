#!/usr/bin/env node
// The package's sources are TypeScript run under tsx, like every package of the platform.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv);
