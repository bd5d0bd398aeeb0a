// @ts-check
// The Train view's markup: fixed text only, put into its section once when the
// view first opens. The stepper, the trade-off and the comparison come from
// their components' own markup, which the tour's steps use too.

import { stepperMarkup } from '../common/bpe-stepper.js';
import { runPanelHead } from '../common/run-panel.js';
import { algorithmMarkup } from '../common/algorithm-compare.js';
import { compareMarkup } from '../common/vocab-compare.js';
import { tradeoffMarkup } from '../common/vocab-tradeoff.js';
import { pieceTableMarkup } from './piece-table.js';

export const trainMarkup = /* html */ `
  <div class="view-intro">
    <h1 id="train-title">Train a vocabulary</h1>
    <p>Byte-pair encoding starts from the 256 possible bytes and, again and again, joins the pair of neighbouring tokens seen most often in the training text into a new token. Unigram, SentencePiece’s other algorithm (T5, ALBERT, XLM-R), goes the other way: it starts from a large set of frequent substrings and prunes the pieces the text can most easily do without, then splits text by its most probable segmentation. Train your own vocabulary with either on a sample or on your files, watch it arrive, then use it in the Tokenize view.</p>
    <nav class="section-links" aria-label="Parts of this view">
      <button type="button" class="link-button" data-scroll="train-main">Train</button>
      <button type="button" class="link-button" data-scroll="train-stepper">Merge by merge</button>
      <button type="button" class="link-button" data-scroll="train-tradeoff">What vocabulary size costs</button>
      <button type="button" class="link-button" data-scroll="train-compare">Different data, different vocabulary</button>
      <button type="button" class="link-button" data-scroll="train-algorithms">Different algorithm, different vocabulary</button>
    </nav>
  </div>

  <div id="train-main" class="train-grid">
    <form id="train-form" class="panel train-setup" novalidate>
      <h2 class="panel-title">Corpus</h2>
      <fieldset id="corpus-picker" class="segmented corpus-picker">
        <legend>Training text</legend>
        <label class="segment"><input type="radio" name="corpus" value="prose" checked><span class="segment-title">Moby-Dick</span><span class="segment-note">prose, 191 kB</span></label>
        <label class="segment"><input type="radio" name="corpus" value="code"><span class="segment-title">Page code</span><span class="segment-note">JavaScript</span></label>
        <label class="segment"><input type="radio" name="corpus" value="files"><span class="segment-title">Your files</span><span id="files-note" class="segment-note">.txt, several</span></label>
      </fieldset>
      <p id="corpus-detail" class="note corpus-detail"></p>
      <div id="drop-zone" class="drop-zone">
        <p><strong>Drop .txt files here</strong> or <label class="file-button button">choose files<input id="file-input" type="file" accept=".txt,text/plain" multiple></label></p>
        <p class="note" id="limit-note"></p>
        <ul id="file-list" class="file-list" aria-label="Chosen files"></ul>
        <label class="switch keep-corpus"><input id="keep-corpus" type="checkbox" role="switch" aria-describedby="keep-corpus-status"><span>Keep these files in this browser too</span></label>
        <p id="keep-corpus-status" class="note" aria-live="polite">Vocabularies you train are kept in this browser; the text itself only if you ask.</p>
      </div>

      <h2 class="panel-title">Settings</h2>
      <fieldset id="algorithm-picker" class="segmented algorithm-picker">
        <legend>Algorithm</legend>
        <label class="segment"><input type="radio" name="algorithm" value="bpe" checked><span class="segment-title">BPE</span><span class="segment-note">merges frequent pairs</span></label>
        <label class="segment"><input type="radio" name="algorithm" value="unigram"><span class="segment-title">Unigram</span><span class="segment-note">prunes by likelihood</span></label>
      </fieldset>
      <div class="fields">
        <div class="field">
          <label for="vocab-size">Vocabulary size</label>
          <input id="vocab-size" type="number" inputmode="numeric" min="4" max="100000" step="1" value="2000" required>
          <p class="field-hint" data-algorithm="bpe">bytes + merges + special tokens, at most 100,000</p>
          <p class="field-hint" data-algorithm="unigram" hidden>&lt;unk&gt; &lt;s&gt; &lt;/s&gt;, byte pieces if asked, learned pieces; at most 100,000</p>
        </div>
        <div class="field" data-algorithm="unigram" hidden>
          <label class="switch"><input id="byte-fallback" type="checkbox" role="switch" checked aria-describedby="byte-fallback-hint"><span>Byte fallback</span></label>
          <p id="byte-fallback-hint" class="field-hint">256 byte pieces: a character no piece holds becomes its UTF-8 bytes, not &lt;unk&gt;</p>
        </div>
        <div class="field" data-algorithm="bpe">
          <label for="min-frequency">Min pair frequency</label>
          <input id="min-frequency" type="number" inputmode="numeric" min="1" step="1" value="2" required>
          <p class="field-hint">stop when no pair is seen this often</p>
        </div>
        <div class="field" data-algorithm="bpe">
          <label for="pretokenizer">Pre-tokenizer</label>
          <select id="pretokenizer">
            <option value="gpt2">GPT-2 (r50k, p50k)</option>
            <option value="cl100k" selected>GPT-4 (cl100k)</option>
            <option value="o200k">GPT-4o (o200k)</option>
            <option value="whitespace">Whitespace only</option>
            <option value="none">None (whole text)</option>
          </select>
          <p class="field-hint">merges never cross the pieces it cuts</p>
        </div>
        <div class="field" data-algorithm="bpe">
          <label for="special-tokens">Special tokens</label>
          <input id="special-tokens" type="text" spellcheck="false" autocomplete="off" value="&lt;|endoftext|&gt;" placeholder="&lt;|endoftext|&gt; &lt;|pad|&gt;">
          <p class="field-hint">space-separated, never split</p>
        </div>
      </div>
      <div class="train-actions">
        <button id="train-start" type="submit" class="button primary">Train</button>
        <button id="train-cancel" type="button" class="button" disabled>Cancel</button>
        <label class="file-button button quiet">Import tokenizer.json<input id="import-input" type="file" accept=".json,application/json"></label>
      </div>
    </form>

    <div class="panel train-run">
      ${runPanelHead('train-', [
      { id: 'train-merges', label: 'Merges' },
      { id: 'train-elapsed', label: 'Elapsed' },
      { id: 'train-eta', label: 'Time left' },
      { id: 'train-new', label: 'New since last update' },
    ])}
    <ul id="train-notes" class="train-notes" hidden></ul>
    <div id="train-kept" class="kept-offer" role="region" aria-labelledby="train-kept-text" hidden>
      <p id="train-kept-text"></p>
      <div class="train-actions">
        <button id="train-kept-use" type="button" class="button primary">Use these merges</button>
        <button id="train-kept-discard" type="button" class="button">Discard them</button>
      </div>
    </div>

      ${pieceTableMarkup()}

      <div class="merge-table" data-algorithm="bpe">
        <div class="merge-tools">
          <label for="merge-search" class="panel-title">Merges</label>
          <input id="merge-search" type="search" spellcheck="false" autocomplete="off" placeholder="Find: ing, ·the, 300…" aria-describedby="merge-status">
          <span id="merge-status" class="note merge-status" aria-live="polite"></span>
        </div>
        <div id="merge-grid" class="merge-grid" role="table" aria-label="Merges" aria-describedby="merge-status">
          <div class="merge-row merge-head" role="row" aria-rowindex="1">
            <div class="merge-cell merge-step" role="columnheader">Step</div>
            <div class="merge-cell merge-pair" role="columnheader">Pair (left + right)</div>
            <div class="merge-cell merge-count" role="columnheader">Count</div>
            <div class="merge-cell merge-token" role="columnheader">New token</div>
            <div class="merge-cell merge-id" role="columnheader">Id</div>
          </div>
          <div id="merge-scroller" class="merge-scroller" role="rowgroup" tabindex="0" aria-label="Merges, scrollable">
            <div id="merge-spacer" class="merge-spacer"><div id="merge-rows" class="merge-rows"></div></div>
            <div class="merge-empty" role="row"><p role="cell">Merges appear here as training runs: · is a space, ↵ a newline, \\xE2 a byte that is not a whole UTF-8 character.</p></div>
          </div>
        </div>
      </div>

      <div id="train-result" class="train-result" hidden>
        <p id="train-summary" class="train-summary"></p>
        <div class="train-actions">
          <a id="download-json" class="button primary" download="tokenizer.json" href="#">Download tokenizer.json</a>
          <a id="download-tiktoken" class="button" download="my-tokenizer.tiktoken" href="#">Download .tiktoken</a>
          <a id="open-tokenize" class="button" href="#view=tokenize&amp;t=mine">Try it in Tokenize →</a>
        </div>
        <div class="try-it">
          <label for="try-text" class="panel-title">Your tokenizer beside GPT-4</label>
          <input id="try-text" type="text" spellcheck="false" autocomplete="off" value="The whale surfaced beside the ship, unbelievably close.">
          <div id="try-splits" class="try-splits"></div>
        </div>
      </div>
    </div>
  </div>

  <section id="train-stepper" class="train-section" aria-labelledby="stepper-title">
    <h2 id="stepper-title">Merge by merge</h2>
    <p class="section-intro">The smallest example: four words, repeated. Each step counts every pair of neighbouring tokens inside the words, merges the most frequent pair into a new token, and splits the words again.</p>
    <div class="stepper-grid">
      <div class="panel stepper-setup">
        <label for="stepper-text" class="panel-title">Corpus</label>
        <textarea id="stepper-text" class="stepper-text" spellcheck="false" rows="5">low low low low low
lower lower
newest newest newest
widest</textarea>
        <div class="field-grid compact">${stepperMarkup.settings()}
        </div>${stepperMarkup.controls()}
        <div class="stepper-notes">
          <p>${stepperMarkup.tieRule()}</p>
          <p><strong>Why “we” counts 5.</strong> The explainer this example comes from says “we” appears 3 times, as if only <em>newest</em> held it. It is also inside <em>lower</em> (lo·we·er), which appears twice: 3 + 2 = 5. “lo” and “ow” appear 7 times (5 in low, 2 in lower) and “ne” 3 times, as it says.</p>
        </div>
      </div>
    ${stepperMarkup.pairs()}${stepperMarkup.words('', stepperMarkup.history())}
    </div>
  </section>

  <section id="train-tradeoff" class="train-section" aria-labelledby="tradeoff-title">
    <h2 id="tradeoff-title">What vocabulary size costs</h2>
    <p class="section-intro">A bigger vocabulary reads the same text in fewer tokens, but every token needs a row in the model’s embedding table. One training run gives every smaller vocabulary too: the first <var>k</var> merges are the vocabulary of 256 + <var>k</var> tokens. The curves below encode held-out text (text the training did not see) with every prefix of your merges, beside the GPT tokenizers on the same text.</p>
    ${tradeoffMarkup('', { rows: 5, placeholder: 'Train a vocabulary first; its held-out text appears here (or paste your own).', measure: 'Measure', primary: true })}
  </section>

  <section id="train-compare" class="train-section" aria-labelledby="compare-title">
    <h2 id="compare-title">Different data, different vocabulary</h2>
    <p class="section-intro">The same algorithm learns different tokens from different text. Train one vocabulary on Moby-Dick and one on this page’s JavaScript, with the same size and pre-tokenizer, and compare what each learned.</p>
    <div class="panel compare-setup">
      <div class="train-actions">
        ${compareMarkup.settings('', [500, 1000, 2000, 4000], 1000)}
        <button id="compare-train" type="button" class="button primary">Train both</button>
        <span id="compare-status" class="note" aria-live="polite"></span>
      </div>
    </div>
    ${compareMarkup.results('', {
      heading: 'h3',
      sentence: `
        <label for="compare-text" class="panel-title">The same text under each</label>
        <input id="compare-text" type="text" spellcheck="false" autocomplete="off">
        <div id="compare-splits" class="try-splits"></div>`,
    })}
  </section>

  <section id="train-algorithms" class="train-section" aria-labelledby="algorithms-title">
    <h2 id="algorithms-title">Different algorithm, different vocabulary</h2>
    <p class="section-intro">The same text can also give different tokens through a different algorithm. BPE builds its vocabulary up: it starts from the 256 bytes and keeps merging the most frequent pair of neighbouring tokens. Unigram goes the other way: it starts from a big set of candidate pieces (frequent substrings of the words), gives each a probability, and prunes the pieces whose loss would cost the text least likelihood, until the size is reached; it then splits text into the most probable sequence of its pieces rather than by replaying merges. Train both on Moby-Dick at the same size and compare.</p>
    <div class="panel compare-setup">${algorithmMarkup.controls('', [1000, 2000, 4000, 8000], 1000)}
    </div>
    ${algorithmMarkup.results('', {
      heading: 'h3',
      sentence: `
        <label for="algo-text" class="panel-title">The same text under each</label>
        <input id="algo-text" type="text" spellcheck="false" autocomplete="off">
        <div id="algo-splits" class="try-splits"></div>`,
    })}
  </section>
`;
