import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppsManifestCreateArguments } from '@slack/web-api';
import Ajv from 'ajv';
import { COMMAND } from '../../src/slack/ids';

// Slack's published JSON Schema for app manifests (slackapi/manifest-schema, MIT), vendored
// because nothing can be downloaded at test time.
const schema = JSON.parse(
  readFileSync(join(__dirname, '../vendor/slack-manifest.schema.1.0.0.json'), 'utf8'),
);
const manifest = JSON.parse(
  readFileSync(join(__dirname, '../../manifest.json'), 'utf8'),
) as AppsManifestCreateArguments['manifest'];

function validator() {
  // Format keywords (uri) only describe URLs this manifest does not set; skip them rather than
  // pull in ajv-formats.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(schema);
}

describe('manifest.json', () => {
  test("when checked against Slack's manifest schema, then it is valid", () => {
    const validate = validator();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('when the schema check is given a broken manifest, then it fails (the check has teeth)', () => {
    const validate = validator();
    const broken = { ...manifest, display_information: { description: 'no name' } };
    expect(validate(broken)).toBe(false);
  });

  test('when the app is created from it, then /mentor, the Home tab, interactivity and Socket Mode are on', () => {
    expect(manifest.features?.slash_commands?.map((c) => c.command)).toEqual([COMMAND]);
    expect(manifest.features?.slash_commands?.[0]?.should_escape).toBe(true);
    expect(manifest.features?.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings?.interactivity?.is_enabled).toBe(true);
    expect(manifest.settings?.event_subscriptions?.bot_events).toEqual(['app_home_opened']);
    expect(manifest.settings?.socket_mode_enabled).toBe(true);
  });

  test('when scopes are requested, then each one is one the README justifies, and no more', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const scopes = manifest.oauth_config?.scopes?.bot ?? [];
    for (const scope of scopes) expect(readme).toContain(`\`${scope}\``);
    expect(scopes).not.toEqual(expect.arrayContaining(['channels:history', 'users:read.email', 'admin']));
  });
});
