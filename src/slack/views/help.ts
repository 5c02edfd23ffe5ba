import type { KnownBlock } from '@slack/types';
import { BlockIds, COMMAND } from '../ids';
import { chunkLines, escapeMrkdwn } from './text';

export interface CommandHelp {
  readonly usage: string;
  readonly summary: string;
  readonly audience: 'member' | 'admin';
}

export interface EphemeralMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const SECTION_TEXT_MAX = 3000;

function commandLines(commands: readonly CommandHelp[]): string[] {
  return commands.map((c) => `\`${COMMAND} ${c.usage}\` — ${c.summary}`);
}

function sections(lines: readonly string[], blockId: string): KnownBlock[] {
  return chunkLines(lines, SECTION_TEXT_MAX).map((text, i) => ({
    type: 'section',
    block_id: i === 0 ? blockId : `${blockId}_${i}`,
    text: { type: 'mrkdwn', text },
  }));
}

/** The `/mentor help` reply: the commands this person may run; admins also see admin commands. */
export function helpMessage(input: { commands: readonly CommandHelp[]; isAdmin: boolean }): EphemeralMessage {
  const member = input.commands.filter((c) => c.audience === 'member');
  const admin = input.isAdmin ? input.commands.filter((c) => c.audience === 'admin') : [];
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Mentoring programs' } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Join a program, keep in touch with your mentor or mentees, and tell us how it goes.',
        },
      ],
    },
    ...sections(commandLines(member), BlockIds.helpMember),
  ];
  if (admin.length > 0) {
    blocks.push(
      { type: 'divider' },
      { type: 'section', text: { type: 'mrkdwn', text: '*Program admin commands*' } },
      ...sections(commandLines(admin), BlockIds.helpAdmin),
    );
  }
  const text = [...member, ...admin].map((c) => `${COMMAND} ${c.usage}`).join(', ');
  return { text: `Commands: ${text}`, blocks };
}

/** The reply to a subcommand the router does not know. */
export function unknownCommandMessage(input: {
  typed: string;
  suggestion: string | undefined;
  commands: readonly CommandHelp[];
}): EphemeralMessage {
  const typed = escapeMrkdwn(input.typed);
  const headline =
    input.suggestion === undefined
      ? `I don't know \`${COMMAND} ${typed}\`.`
      : `I don't know \`${COMMAND} ${typed}\`. Did you mean \`${COMMAND} ${input.suggestion}\`?`;
  return {
    text: headline,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: headline } },
      ...sections(['*Usage*', ...commandLines(input.commands)], BlockIds.helpMember),
    ],
  };
}

/** A short ephemeral answer made of one paragraph of mrkdwn. */
export function noticeMessage(text: string): EphemeralMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
