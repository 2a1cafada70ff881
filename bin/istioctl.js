#!/usr/bin/env node
// The executable stays a two-liner: main() owns the process (argv, env, stdio, exit code).
import { main } from '../dist/main.js';

main(process);
