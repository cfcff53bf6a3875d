#!/usr/bin/env node
// Development entry: run after `npm run build` (commands are loaded from dist/).
import { execute } from '@oclif/core';

await execute({ development: true, dir: import.meta.url });
