// The Tokenize view's modes as the a11y and keyboard tests visit them: the
// Ids view, ids read back, Chat, Diff, and a token's card, each opened by its link
// (and, for the card, a click) and ready once its content is drawn.
/** @type {import('./page-views.mjs').PageView[]} */
export const tokenizeModes = [
  {
    name: 'tokenize, ids and both',
    hash: `#t=cl100k_base&out=ids&sep=json&text=${encodeURIComponent('Hello world')}`,
    ready: async (page) => {
      // Drawn: the two ids in the box, and the switch for added tokens off (GPT-4 adds none).
      await page.waitForFunction(() => document.querySelector('#ids-text')?.value === '[9906, 1917]' && document.querySelector('#toggle-added')?.matches(':disabled'));
    },
  },
  {
    name: 'tokenize, ids read back',
    hash: `#t=cl100k_base&in=ids&out=both&text=${encodeURIComponent('9906, 1917, 100256')}`,
    ready: async (page) => {
      await page.waitForSelector('#chip-list.with-ids .chip-id');
      await page.waitForSelector('#ids-problem:not([hidden])');
    },
  },
  {
    name: 'tokenize, chat',
    hash: `#t=cl100k_base&in=chat&text=${encodeURIComponent(JSON.stringify([['system', 'Be brief.'], ['user', 'Hi']]))}`,
    ready: async (page) => {
      await page.waitForSelector('#chat-summary:not([hidden])', { timeout: 30_000 });
    },
  },
  {
    name: 'tokenize, a token card',
    hash: `#t=cl100k_base&text=${encodeURIComponent('Hello Kuznetsov')}`,
    ready: async (page) => {
      await page.waitForSelector('#chip-list .chip[data-index="1"]');
      await page.click('#chip-list .chip[data-index="1"]');
      await page.waitForSelector('#token-card:not([hidden]) #token-card-story[data-kind] .merge-steps', { timeout: 30_000 });
    },
  },
  {
    name: 'tokenize, diff',
    hash: `#t=cl100k_base&in=diff&dt=o200k_base&text=${encodeURIComponent(JSON.stringify(['Summarize this in three sentences.', 'Summarize this in two short sentences.']))}`,
    ready: async (page) => {
      await page.waitForSelector('#diff-summary[data-added]', { timeout: 30_000 });
      await page.waitForFunction(() => document.querySelectorAll('#diff-counts tr[data-after]').length === 2, null, { timeout: 60_000 });
    },
  },
];

