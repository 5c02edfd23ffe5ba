import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { SlackDeps } from '../../deps';
import { publishHome } from '../../publish-home';

const homeOpened = z.looseObject({ user: z.string().min(1), tab: z.string().optional() });

/** Publishes a fresh Home tab whenever someone opens it. */
function onHomeOpened(deps: SlackDeps) {
  return async ({
    event,
    client,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    const parsed = homeOpened.safeParse(event);
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== 'home')) return;
    await publishHome(deps, client, parsed.data.user);
  };
}

export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', onHomeOpened(deps));
}
