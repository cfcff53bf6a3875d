// Runs bin/run.js in this process and writes its peak RSS (KB) to FPJC_BENCH_RSS_FILE on exit.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'run.js');
process.on('exit', () => {
  if (process.env.FPJC_BENCH_RSS_FILE)
    fs.writeFileSync(process.env.FPJC_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
process.argv = [process.argv[0], bin, ...process.argv.slice(2)];
await import(pathToFileURL(bin).href);
