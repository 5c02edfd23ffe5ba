import { helpMessage } from '../../../views/help';
import type { Subcommand } from '../router';

export const help: Subcommand = {
  path: ['help'],
  usage: 'help',
  summary: 'show the commands you can use',
  audience: 'member',
  run: (ctx) => ctx.reply(helpMessage({ commands: ctx.visible, isAdmin: ctx.isAdmin })),
};
