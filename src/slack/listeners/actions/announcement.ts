import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { AnnounceIds } from '../../ids';

/** The Join button inside an announcement's preview: nothing is posted yet, so it only acknowledges. */
export function register(app: App, _deps: SlackDeps): void {
  app.action(
    AnnounceIds.previewJoin,
    async ({ ack }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
      await ack();
    },
  );
}
