/**
 * Writes oclif.manifest.json at build time (`npm run build`): with it oclif loads only the
 * command being run instead of every command module to list them (start-up was 11–15× a bare
 * `node -e ""`). Generated from the built commands, so it is always in step with them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Config } from '@oclif/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const target = path.join(root, 'oclif.manifest.json');
fs.rmSync(target, { force: true });
const config = await Config.load({ root, ignoreManifest: true, errorOnManifestCreate: true });
// the loaded root plugin holds the manifest it built (not part of the public Plugin type)
const rootPlugin = config.getPluginsList().find((p) => p.isRoot) as unknown as
  | { manifest?: { commands: object } }
  | undefined;
const manifest = rootPlugin?.manifest;
if (!manifest || Object.keys(manifest.commands).length === 0) {
  process.stderr.write('no commands found for oclif.manifest.json\n');
  process.exit(1);
}
fs.writeFileSync(target, `${JSON.stringify(manifest)}\n`);
