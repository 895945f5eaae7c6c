import { writeFileSync } from 'node:fs';
import { hasMessage } from '../bot/i18n/index.js';
import { commandInfo, createRegistry } from '../bot/registry.js';
import { slackManifest } from '../adapters/slack/manifest.js';
import { loadConfig } from '../config.js';
import { allFeatures } from '../features/index.js';

/** Writes slack-app-manifest.json from the registry: run after declaring a command. */
const registry = createRegistry(allFeatures(loadConfig({})));
const manifest = slackManifest(commandInfo(registry), (name) => hasMessage('zh-CN', `cmd-${name}-usage`));
writeFileSync(new URL('../../slack-app-manifest.json', import.meta.url), `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`slack-app-manifest.json: ${manifest.features.slash_commands.length} slash commands\n`);
