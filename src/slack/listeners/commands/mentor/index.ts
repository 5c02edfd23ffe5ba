import type { Subcommand } from '../router';
import { adminAudit } from './admin-audit';
import { help } from './help';

/** Every `/mentor` subcommand, in the order help lists them. Add a module, then a line here. */
export const subcommands: readonly Subcommand[] = [help, adminAudit];
