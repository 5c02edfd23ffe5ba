import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { subcommands } from '../../src/slack/listeners/commands/mentor';

const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');

describe('README.md', () => {
  test.each(subcommands.map((s) => [s.path.join(' '), s.path] as const))(
    'when /mentor %s exists, then the README documents it',
    (_name, path) => {
      // Sub-actions of one group are listed together: "/mentor admin cohort new, `list`, …".
      const head = `/mentor ${path.slice(0, Math.min(path.length, 3)).join(' ')}`;
      const last = path[path.length - 1] ?? '';
      expect(
        readme.includes(head) ||
          (readme.includes(`/mentor ${path.slice(0, -1).join(' ')}`) && readme.includes(`\`${last}`)),
      ).toBe(true);
    },
  );

  test('when the README gives set-up, then it is two commands: npm ci, then npm start; and npm test', () => {
    expect(readme).toMatch(/npm ci\s+# install/);
    expect(readme).toMatch(/npm start\s+# run/);
    expect(readme).toContain('`npm test`');
  });
});
