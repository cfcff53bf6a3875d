// Preloaded into a CLI process under test (NODE_OPTIONS=--import): at exit, writes the process's
// peak resident memory (KB) to $FPJC_TEST_RSS_FILE. On Linux VmHWM of /proc/self/status:
// getrusage's maxrss also counts the memory of the forked parent before exec (a test runner that
// just built a big file).
import fs from 'node:fs';

process.on('exit', () => {
  const file = process.env.FPJC_TEST_RSS_FILE;
  if (!file) return;
  let kb = process.resourceUsage().maxRSS;
  try {
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) kb = Number(m[1]);
  } catch {
    // not Linux: getrusage's figure
  }
  fs.writeFileSync(file, String(kb));
});
