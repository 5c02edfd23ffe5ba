import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { COMMAND } from '../../ids';
import { subcommands } from './mentor';
import { mentorCommand } from './mentor-command';

export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, mentorCommand(deps, subcommands));
}
