import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../deps';
import { register as registerAppHome } from './app-home';

/** Registers every event listener; each lives in its own module beside this file. */
export function register(app: App, deps: SlackDeps): void {
  registerAppHome(app, deps);
}
