/**
 * Block Kit limits as Slack enforces them, as pure functions.
 *
 * Slack rejects a whole message or view when any limit is exceeded, so an app
 * that passes here in tests but trips a limit in production fails for real
 * users. Problems carry a JSON pointer so the emulator can answer the way Slack
 * does (`[ERROR] <message> [json-pointer:/blocks/0/text]`).
 */

export interface BlockKitProblem {
  /** JSON pointer into the submitted payload, e.g. `/blocks/3/elements/0/text/text`. */
  pointer: string;
  message: string;
}

export type BlockKitSurface = 'message' | 'modal' | 'home';

export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  inputLabel: 2000,
  inputHint: 2000,
  plainTextInputMaxLength: 3000,
  blockId: 255,
  actionId: 255,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  selectOptions: 100,
  optionGroups: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  choiceOptions: 10,
  overflowOptions: 5,
  placeholder: 150,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  imageAltText: 2000,
  imageTitle: 2000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  markdownBlockText: 12000,
} as const;

type Json = Record<string, unknown>;

/** Selects, pickers and choice groups: allowed both in input blocks and in actions blocks. */
const CHOICE_ELEMENTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
  'checkboxes',
  'radio_buttons',
  'datepicker',
  'timepicker',
  'datetimepicker',
];

const INPUT_ELEMENTS = new Set([
  'plain_text_input',
  'number_input',
  'email_text_input',
  'url_text_input',
  'rich_text_input',
  'file_input',
  ...CHOICE_ELEMENTS,
]);

const ACTIONS_ELEMENTS = new Set([
  'button',
  'overflow',
  'workflow_button',
  'icon_button',
  'feedback_buttons',
  'rich_text_input',
  ...CHOICE_ELEMENTS,
]);

const ACCESSORY_ELEMENTS = new Set(['button', 'overflow', 'workflow_button', 'image', ...CHOICE_ELEMENTS]);

const SELECTS_WITH_OPTIONS = new Set(['static_select', 'multi_static_select']);

const BLOCK_TYPES = new Set([
  'section',
  'header',
  'divider',
  'context',
  'actions',
  'input',
  'image',
  'rich_text',
  'video',
  'file',
  'markdown',
  'table',
  'call',
  'context_actions',
]);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Slack counts characters, not UTF-16 code units, so an emoji is one. */
function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Formats a problem the way Slack writes it into `errors` (the `[ERROR] ` prefix goes in response_metadata). */
export function formatProblem(problem: BlockKitProblem): string {
  return `${problem.message} [json-pointer:${problem.pointer}]`;
}

class Checker {
  readonly problems: BlockKitProblem[] = [];
  private readonly blockIds = new Set<string>();

  add(pointer: string, message: string): void {
    this.problems.push({ pointer, message });
  }

  string(
    value: unknown,
    pointer: string,
    opts: { max?: number; required?: boolean; min?: number } = {},
  ): void {
    if (value === undefined || value === null) {
      if (opts.required) this.add(pointer, 'must provide a string');
      return;
    }
    if (typeof value !== 'string') {
      this.add(pointer, 'must provide a string');
      return;
    }
    const length = charCount(value);
    if (opts.min !== undefined && length < opts.min) {
      this.add(pointer, `must be more than ${opts.min - 1} characters`);
    }
    if (opts.max !== undefined && length > opts.max) {
      this.add(pointer, `must be less than ${opts.max + 1} characters`);
    }
  }

  text(
    value: unknown,
    pointer: string,
    opts: { max: number; required?: boolean; plainOnly?: boolean; name?: string },
  ): void {
    if (value === undefined || value === null) {
      if (opts.required) this.add(pointer, `missing required field: ${opts.name ?? 'text'}`);
      return;
    }
    if (!isObject(value)) {
      this.add(pointer, 'must provide an object');
      return;
    }
    const type = value.type;
    if (type !== 'plain_text' && type !== 'mrkdwn') {
      this.add(`${pointer}/type`, 'must be a valid enum value');
    } else if (opts.plainOnly && type !== 'plain_text') {
      this.add(`${pointer}/type`, 'must be a valid enum value (plain_text is required here)');
    }
    this.string(value.text, `${pointer}/text`, { max: opts.max, min: 1, required: true });
  }

  array(
    value: unknown,
    pointer: string,
    opts: { max?: number; min?: number; required?: boolean },
  ): unknown[] | undefined {
    if (value === undefined || value === null) {
      if (opts.required) this.add(pointer, 'must provide an array');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(pointer, 'must provide an array');
      return undefined;
    }
    if (opts.min !== undefined && value.length < opts.min) {
      this.add(pointer, `must provide at least ${opts.min} items`);
    }
    if (opts.max !== undefined && value.length > opts.max) {
      this.add(pointer, `no more than ${opts.max} items allowed`);
    }
    return value;
  }

  blockId(block: Json, pointer: string): void {
    const id = block.block_id;
    if (id === undefined) return;
    this.string(id, `${pointer}/block_id`, { max: BLOCK_KIT_LIMITS.blockId, min: 1 });
    if (typeof id === 'string') {
      if (this.blockIds.has(id)) this.add(`${pointer}/block_id`, `duplicate block_id: ${id}`);
      this.blockIds.add(id);
    }
  }

  confirm(value: unknown, pointer: string): void {
    if (value === undefined) return;
    if (!isObject(value)) {
      this.add(pointer, 'must provide an object');
      return;
    }
    this.text(value.title, `${pointer}/title`, {
      max: BLOCK_KIT_LIMITS.confirmTitle,
      plainOnly: true,
      required: true,
      name: 'title',
    });
    this.text(value.text, `${pointer}/text`, { max: BLOCK_KIT_LIMITS.confirmText, required: true });
    this.text(value.confirm, `${pointer}/confirm`, {
      max: BLOCK_KIT_LIMITS.confirmButton,
      plainOnly: true,
      required: true,
      name: 'confirm',
    });
    this.text(value.deny, `${pointer}/deny`, {
      max: BLOCK_KIT_LIMITS.confirmButton,
      plainOnly: true,
      required: true,
      name: 'deny',
    });
  }

  option(value: unknown, pointer: string, plainOnly: boolean): void {
    if (!isObject(value)) {
      this.add(pointer, 'must provide an object');
      return;
    }
    this.text(value.text, `${pointer}/text`, {
      max: BLOCK_KIT_LIMITS.optionText,
      plainOnly,
      required: true,
    });
    this.string(value.value, `${pointer}/value`, { max: BLOCK_KIT_LIMITS.optionValue, required: true });
    this.text(value.description, `${pointer}/description`, {
      max: BLOCK_KIT_LIMITS.optionDescription,
      plainOnly,
    });
    this.string(value.url, `${pointer}/url`, { max: BLOCK_KIT_LIMITS.url });
  }

  options(value: unknown, pointer: string, opts: { max: number; min?: number; plainOnly: boolean }): void {
    const options = this.array(value, pointer, { max: opts.max, min: opts.min ?? 1, required: true });
    options?.forEach((option, i) => {
      this.option(option, `${pointer}/${i}`, opts.plainOnly);
    });
  }

  /** The `type` of a block or element, after checking it is an object with a string type. */
  private typed(value: unknown, pointer: string): string | undefined {
    if (!isObject(value)) {
      this.add(pointer, 'must provide an object');
      return undefined;
    }
    if (typeof value.type !== 'string') {
      this.add(`${pointer}/type`, 'must provide a string');
      return undefined;
    }
    return value.type;
  }

  element(value: unknown, pointer: string, allowed: ReadonlySet<string>, actionIds: Set<string>): void {
    const type = this.typed(value, pointer);
    if (type === undefined || !isObject(value)) return;
    if (!allowed.has(type)) {
      this.add(`${pointer}/type`, `element type ${type} is not allowed here`);
      return;
    }
    const actionId = value.action_id;
    if (actionId !== undefined) {
      this.string(actionId, `${pointer}/action_id`, { max: BLOCK_KIT_LIMITS.actionId, min: 1 });
      if (typeof actionId === 'string') {
        // Slack requires action_id to be unique among the elements of one block.
        if (actionIds.has(actionId)) this.add(`${pointer}/action_id`, `duplicate action_id: ${actionId}`);
        actionIds.add(actionId);
      }
    }
    if ('placeholder' in value) {
      this.text(value.placeholder, `${pointer}/placeholder`, {
        max: BLOCK_KIT_LIMITS.placeholder,
        plainOnly: true,
      });
    }
    this.confirm(value.confirm, `${pointer}/confirm`);

    switch (type) {
      case 'button':
        this.text(value.text, `${pointer}/text`, {
          max: BLOCK_KIT_LIMITS.buttonText,
          plainOnly: true,
          required: true,
        });
        this.string(value.value, `${pointer}/value`, { max: BLOCK_KIT_LIMITS.buttonValue });
        this.string(value.url, `${pointer}/url`, { max: BLOCK_KIT_LIMITS.url });
        if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger') {
          this.add(`${pointer}/style`, 'must be a valid enum value');
        }
        break;
      case 'static_select':
      case 'multi_static_select':
        if (value.options !== undefined && value.option_groups !== undefined) {
          this.add(pointer, 'must provide either options or option_groups, not both');
        } else if (value.option_groups !== undefined) {
          const groups = this.array(value.option_groups, `${pointer}/option_groups`, {
            max: BLOCK_KIT_LIMITS.optionGroups,
            min: 1,
          });
          groups?.forEach((group, i) => {
            const groupPointer = `${pointer}/option_groups/${i}`;
            if (!isObject(group)) {
              this.add(groupPointer, 'must provide an object');
              return;
            }
            this.text(group.label, `${groupPointer}/label`, {
              max: BLOCK_KIT_LIMITS.optionText,
              plainOnly: true,
              required: true,
              name: 'label',
            });
            this.options(group.options, `${groupPointer}/options`, {
              max: BLOCK_KIT_LIMITS.selectOptions,
              plainOnly: true,
            });
          });
        } else {
          this.options(value.options, `${pointer}/options`, {
            max: BLOCK_KIT_LIMITS.selectOptions,
            plainOnly: true,
          });
        }
        break;
      case 'overflow':
        this.options(value.options, `${pointer}/options`, {
          max: BLOCK_KIT_LIMITS.overflowOptions,
          plainOnly: true,
        });
        break;
      case 'checkboxes':
      case 'radio_buttons':
        this.options(value.options, `${pointer}/options`, {
          max: BLOCK_KIT_LIMITS.choiceOptions,
          plainOnly: false,
        });
        break;
      case 'plain_text_input':
        for (const field of ['max_length', 'min_length'] as const) {
          const n = value[field];
          if (n === undefined) continue;
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
            this.add(`${pointer}/${field}`, 'must be a non-negative integer');
          } else if (n > BLOCK_KIT_LIMITS.plainTextInputMaxLength) {
            this.add(
              `${pointer}/${field}`,
              `must be less than ${BLOCK_KIT_LIMITS.plainTextInputMaxLength + 1}`,
            );
          }
        }
        this.string(value.initial_value, `${pointer}/initial_value`, {});
        break;
      case 'image':
        if (value.image_url === undefined && value.slack_file === undefined) {
          this.add(pointer, 'must provide image_url or slack_file');
        }
        this.string(value.image_url, `${pointer}/image_url`, { max: BLOCK_KIT_LIMITS.url });
        this.string(value.alt_text, `${pointer}/alt_text`, {
          max: BLOCK_KIT_LIMITS.imageAltText,
          required: true,
        });
        break;
      default:
        break;
    }
    if (SELECTS_WITH_OPTIONS.has(type) || type === 'checkboxes' || type === 'radio_buttons') {
      if (value.initial_options !== undefined)
        this.array(value.initial_options, `${pointer}/initial_options`, {});
    }
  }

  block(value: unknown, pointer: string): void {
    const type = this.typed(value, pointer);
    if (type === undefined || !isObject(value)) return;
    if (!BLOCK_TYPES.has(type)) {
      this.add(`${pointer}/type`, `unsupported block type: ${type}`);
      return;
    }
    this.blockId(value, pointer);
    const actionIds = new Set<string>();

    switch (type) {
      case 'section': {
        if (value.text === undefined && value.fields === undefined) {
          this.add(pointer, 'must provide text or fields');
        }
        this.text(value.text, `${pointer}/text`, { max: BLOCK_KIT_LIMITS.sectionText });
        const fields = this.array(value.fields, `${pointer}/fields`, {
          max: BLOCK_KIT_LIMITS.sectionFields,
          min: 1,
        });
        fields?.forEach((field, i) => {
          this.text(field, `${pointer}/fields/${i}`, {
            max: BLOCK_KIT_LIMITS.sectionFieldText,
            required: true,
          });
        });
        if (value.accessory !== undefined) {
          this.element(value.accessory, `${pointer}/accessory`, ACCESSORY_ELEMENTS, actionIds);
        }
        break;
      }
      case 'header':
        this.text(value.text, `${pointer}/text`, {
          max: BLOCK_KIT_LIMITS.headerText,
          plainOnly: true,
          required: true,
        });
        break;
      case 'context': {
        const elements = this.array(value.elements, `${pointer}/elements`, {
          max: BLOCK_KIT_LIMITS.contextElements,
          min: 1,
          required: true,
        });
        elements?.forEach((element, i) => {
          const elementPointer = `${pointer}/elements/${i}`;
          if (isObject(element) && element.type === 'image') {
            this.element(element, elementPointer, new Set(['image']), actionIds);
          } else {
            this.text(element, elementPointer, { max: BLOCK_KIT_LIMITS.sectionText, required: true });
          }
        });
        break;
      }
      case 'actions': {
        const elements = this.array(value.elements, `${pointer}/elements`, {
          max: BLOCK_KIT_LIMITS.actionsElements,
          min: 1,
          required: true,
        });
        elements?.forEach((element, i) => {
          this.element(element, `${pointer}/elements/${i}`, ACTIONS_ELEMENTS, actionIds);
        });
        break;
      }
      case 'input':
        this.text(value.label, `${pointer}/label`, {
          max: BLOCK_KIT_LIMITS.inputLabel,
          plainOnly: true,
          required: true,
          name: 'label',
        });
        this.text(value.hint, `${pointer}/hint`, { max: BLOCK_KIT_LIMITS.inputHint, plainOnly: true });
        if (value.element === undefined) {
          this.add(`${pointer}/element`, 'missing required field: element');
        } else {
          this.element(value.element, `${pointer}/element`, INPUT_ELEMENTS, actionIds);
        }
        if (value.optional !== undefined && typeof value.optional !== 'boolean') {
          this.add(`${pointer}/optional`, 'must provide a boolean');
        }
        break;
      case 'image':
        if (value.image_url === undefined && value.slack_file === undefined) {
          this.add(pointer, 'must provide image_url or slack_file');
        }
        this.string(value.image_url, `${pointer}/image_url`, { max: BLOCK_KIT_LIMITS.url });
        this.string(value.alt_text, `${pointer}/alt_text`, {
          max: BLOCK_KIT_LIMITS.imageAltText,
          required: true,
        });
        this.text(value.title, `${pointer}/title`, { max: BLOCK_KIT_LIMITS.imageTitle, plainOnly: true });
        break;
      case 'rich_text':
        this.array(value.elements, `${pointer}/elements`, { required: true });
        break;
      case 'markdown':
        this.string(value.text, `${pointer}/text`, {
          max: BLOCK_KIT_LIMITS.markdownBlockText,
          min: 1,
          required: true,
        });
        break;
      default:
        break;
    }
  }

  blocks(value: unknown, pointer: string, surface: BlockKitSurface): void {
    const max = surface === 'message' ? BLOCK_KIT_LIMITS.messageBlocks : BLOCK_KIT_LIMITS.viewBlocks;
    const blocks = this.array(value, pointer, { max, required: true });
    blocks?.forEach((block, i) => {
      this.block(block, `${pointer}/${i}`);
    });
  }
}

/** Validates a `blocks` array for the given surface; pointers start at `basePointer`. */
export function validateBlocks(
  blocks: unknown,
  surface: BlockKitSurface = 'message',
  basePointer = '/blocks',
): BlockKitProblem[] {
  const checker = new Checker();
  checker.blocks(blocks, basePointer, surface);
  return checker.problems;
}

/** Validates the Block Kit parts of a message (`blocks` and blocks inside `attachments`). */
export function validateMessage(message: { blocks?: unknown; attachments?: unknown }): BlockKitProblem[] {
  const checker = new Checker();
  if (message.blocks !== undefined) checker.blocks(message.blocks, '/blocks', 'message');
  if (Array.isArray(message.attachments)) {
    message.attachments.forEach((attachment, i) => {
      if (isObject(attachment) && attachment.blocks !== undefined) {
        checker.blocks(attachment.blocks, `/attachments/${i}/blocks`, 'message');
      }
    });
  }
  return checker.problems;
}

/**
 * Validates a modal or Home tab view. `expectedType` is what the API method
 * accepts (views.publish takes `home`, the others `modal`).
 */
export function validateView(
  view: unknown,
  expectedType?: 'modal' | 'home',
  basePointer = '/view',
): BlockKitProblem[] {
  const checker = new Checker();
  if (!isObject(view)) {
    checker.add(basePointer, 'must provide an object');
    return checker.problems;
  }
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    checker.add(`${basePointer}/type`, 'must be a valid enum value');
    return checker.problems;
  }
  if (expectedType && type !== expectedType) {
    checker.add(`${basePointer}/type`, `must be ${expectedType} for this method`);
  }
  if (type === 'modal') {
    checker.text(view.title, `${basePointer}/title`, {
      max: BLOCK_KIT_LIMITS.viewTitle,
      plainOnly: true,
      required: true,
      name: 'title',
    });
  } else if (view.title !== undefined) {
    checker.text(view.title, `${basePointer}/title`, { max: BLOCK_KIT_LIMITS.viewTitle, plainOnly: true });
  }
  for (const field of ['submit', 'close'] as const) {
    checker.text(view[field], `${basePointer}/${field}`, {
      max: BLOCK_KIT_LIMITS.viewButton,
      plainOnly: true,
    });
  }
  checker.blocks(view.blocks, `${basePointer}/blocks`, type);
  if (
    type === 'modal' &&
    view.submit === undefined &&
    Array.isArray(view.blocks) &&
    view.blocks.some((block) => isObject(block) && block.type === 'input')
  ) {
    checker.add(`${basePointer}/submit`, 'submit is required when an input block is present');
  }
  checker.string(view.private_metadata, `${basePointer}/private_metadata`, {
    max: BLOCK_KIT_LIMITS.privateMetadata,
  });
  checker.string(view.callback_id, `${basePointer}/callback_id`, { max: BLOCK_KIT_LIMITS.callbackId });
  checker.string(view.external_id, `${basePointer}/external_id`, { max: BLOCK_KIT_LIMITS.externalId });
  return checker.problems;
}

/**
 * All human-readable text of a message or view: `text` plus every text object in
 * its blocks and attachments, one per line. Lets tests assert on what a user
 * would read without depending on the block layout.
 */
export function visibleText(surface: {
  text?: unknown;
  blocks?: unknown;
  attachments?: unknown;
  title?: unknown;
}): string {
  const lines: string[] = [];
  const visit = (node: unknown, key?: string): void => {
    if (typeof node === 'string') {
      if (key === 'text') lines.push(node);
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObject(node)) return;
    for (const [childKey, child] of Object.entries(node)) {
      // Identifiers and values are not shown to the user.
      if (childKey === 'action_id' || childKey === 'block_id' || childKey === 'value' || childKey === 'url')
        continue;
      visit(child, childKey);
    }
  };
  visit({
    title: surface.title,
    text: surface.text,
    blocks: surface.blocks,
    attachments: surface.attachments,
  });
  return lines.join('\n');
}
