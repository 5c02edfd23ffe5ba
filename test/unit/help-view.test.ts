import { type CommandHelp, helpMessage, unknownCommandMessage } from '../../src/slack/views/help';
import { validateBlocks } from '../emulator/block-kit-limits';

const commands: CommandHelp[] = [
  { usage: 'help', summary: 'show help', audience: 'member' },
  { usage: 'admin audit [count]', summary: 'recent admin actions', audience: 'admin' },
];

describe('help views', () => {
  test('when a member asks for help, then admin commands are absent', () => {
    const text = JSON.stringify(helpMessage({ commands, isAdmin: false }).blocks);
    expect(text).toContain('/mentor help');
    expect(text).not.toContain('admin audit');
  });

  test('when an admin asks for help, then admin commands are listed in their own section', () => {
    const text = JSON.stringify(helpMessage({ commands, isAdmin: true }).blocks);
    expect(text).toContain('/mentor admin audit [count]');
    expect(text).toContain('Program admin commands');
  });

  test('when hundreds of commands would overflow one section, then the message stays within Block Kit limits', () => {
    const many: CommandHelp[] = Array.from({ length: 300 }, (_, i) => ({
      usage: `command-${i} ${'x'.repeat(40)}`,
      summary: 'y'.repeat(60),
      audience: i % 2 === 0 ? 'member' : 'admin',
    }));
    expect(validateBlocks(helpMessage({ commands: many, isAdmin: true }).blocks, 'message')).toEqual([]);
  });

  test('when the typed text holds mrkdwn control characters, then they are escaped', () => {
    const message = unknownCommandMessage({ typed: '<!channel> & co', suggestion: undefined, commands });
    expect(message.text).toContain('&lt;!channel&gt; &amp; co');
  });
});
