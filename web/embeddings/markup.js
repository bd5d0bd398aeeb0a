// @ts-check
// The Embeddings view's markup: fixed text only (no data goes in here), put
// into its section once when the view first opens. Words from the vectors
// are always inserted later as text.

import { runPanelHead } from '../common/run-panel.js';

export const embeddingsMarkup = /* html */ `
<div class="view-intro">
  <h1 id="embeddings-title">Embeddings</h1>
  <p>A word embedding is a list of numbers for every word, learned from the words around it: words that turn up in the same contexts end up with similar lists. These start out as vectors trained by this project on public-domain English; train your own below, in the page, or import a <code>.vec</code> file.</p>
  <nav class="section-links" aria-label="Parts of this view">
    <button type="button" class="link-button" data-scroll="emb-explore">Neighbours and analogies</button>
    <button type="button" class="link-button" data-scroll="emb-day0">Day 0 vs trained</button>
    <button type="button" class="link-button" data-scroll="emb-map-section">Map</button>
    <button type="button" class="link-button" data-scroll="emb-train">Train your own</button>
  </nav>
</div>

<div class="emb-bar">
  <fieldset id="emb-set-picker" class="segmented emb-set-picker">
    <legend>Vectors</legend>
    <label class="segment"><input type="radio" name="emb-set" value="default" checked><span class="segment-title">Default</span><span class="segment-note" data-note="default">English</span></label>
    <label class="segment"><input type="radio" name="emb-set" value="trained" disabled><span class="segment-title">Trained</span><span class="segment-note" data-note="trained">train below</span></label>
    <label class="segment"><input type="radio" name="emb-set" value="imported" disabled><span class="segment-title">Imported</span><span class="segment-note" data-note="imported">.vec file</span></label>
  </fieldset>
  <label class="emb-post" title="Applied to every set of vectors, the tour's included">Post-processing
    <select id="emb-post" aria-describedby="emb-post-note">
      <option value="centre" selected>Centred (mean removed)</option>
      <option value="centre+1">Centred, top component removed</option>
      <option value="centre+2">Centred, top 2 components removed</option>
      <option value="none">None (as trained)</option>
    </select>
    <span id="emb-post-note" class="note">Trained vectors share one common direction, so even unrelated words score high; subtracting the mean vector brings their cosine to about 0.</span>
  </label>
  <div class="vocab-status">
    <p id="emb-set-info" class="vocab-info" aria-live="polite"></p>
    <div id="emb-load" class="vocab-progress" hidden>
      <progress max="1" aria-labelledby="emb-load-label"></progress>
      <span id="emb-load-label"></span>
    </div>
  </div>
  <div class="emb-files">
    <button id="emb-export" type="button" class="button" disabled>Export .vec</button>
    <button id="emb-export-vectors-tsv" type="button" class="button" disabled>Export vectors.tsv</button>
    <button id="emb-export-metadata-tsv" type="button" class="button" disabled>Export metadata.tsv</button>
    <label class="file-button button" title="Or drop the files on this bar">Import .vec or TSV pair<input id="emb-import" type="file" accept=".vec,.txt,.tsv,text/plain,text/tab-separated-values" multiple></label>
  </div>
</div>
<div id="emb-error" class="error-box" role="alert" hidden><p id="emb-error-text"></p></div>

<div id="emb-explore" class="emb-grid">
  <section class="panel emb-panel" aria-labelledby="emb-nn-title">
    <h2 id="emb-nn-title" class="panel-title">Nearest neighbours</h2>
    <form id="emb-nn-form" class="emb-query">
      <input id="emb-nn-word" type="search" spellcheck="false" autocomplete="off" autocapitalize="off" value="king" aria-label="Word" list="emb-words">
      <label class="emb-k">top <select id="emb-nn-k" aria-label="How many neighbours"><option>5</option><option selected>10</option><option>20</option><option>50</option></select></label>
      <button type="submit" class="button primary">Find</button>
    </form>
    <p id="emb-nn-status" class="note emb-status" aria-live="polite"></p>
    <ol id="emb-nn-list" class="emb-list" aria-label="Nearest neighbours"></ol>
    <h3 class="panel-title emb-sub">Its vector</h3>
    <canvas id="emb-strip" class="emb-strip" aria-describedby="emb-strip-readout"></canvas>
    <p id="emb-strip-readout" class="note emb-readout"></p>
  </section>

  <section class="panel emb-panel" aria-labelledby="emb-analogy-title">
    <h2 id="emb-analogy-title" class="panel-title">Analogy</h2>
    <form id="emb-analogy-form" class="emb-analogy">
      <input id="emb-a" type="search" spellcheck="false" autocomplete="off" autocapitalize="off" value="king" aria-label="a" list="emb-words">
      <span class="emb-op" aria-hidden="true">−</span>
      <input id="emb-b" type="search" spellcheck="false" autocomplete="off" autocapitalize="off" value="man" aria-label="minus b" list="emb-words">
      <span class="emb-op" aria-hidden="true">+</span>
      <input id="emb-c" type="search" spellcheck="false" autocomplete="off" autocapitalize="off" value="woman" aria-label="plus c" list="emb-words">
      <button type="submit" class="button primary">Solve</button>
    </form>
    <p class="note">3CosAdd: the words nearest to <var>a</var> − <var>b</var> + <var>c</var>, each vector scaled to length 1 first; <var>a</var>, <var>b</var> and <var>c</var> themselves are left out.</p>
    <p id="emb-analogy-status" class="note emb-status" aria-live="polite"></p>
    <ol id="emb-analogy-list" class="emb-list" aria-label="Analogy answers"></ol>

    <h2 id="emb-sim-title" class="panel-title emb-sub">Similarity</h2>
    <form id="emb-sim-form" class="emb-analogy">
      <input id="emb-sim-a" type="search" spellcheck="false" autocomplete="off" autocapitalize="off" value="cat" aria-label="First word" list="emb-words">
      <span class="emb-op" aria-hidden="true">vs</span>
      <input id="emb-sim-b" type="search" spellcheck="false" autocomplete="off" autocapitalize="off" value="dog" aria-label="Second word" list="emb-words">
      <button type="submit" class="button primary">Compare</button>
    </form>
    <div id="emb-sim-result" class="emb-sim" aria-live="polite">
      <div class="emb-sim-track" aria-hidden="true"><div id="emb-sim-fill" class="emb-sim-fill"></div></div>
      <p id="emb-sim-text" class="emb-sim-text"></p>
    </div>
    <p class="note">Cosine similarity: 1 for the same direction, 0 for unrelated, −1 for opposite.</p>
  </section>
</div>
<datalist id="emb-words"></datalist>

<section id="emb-day0" class="train-section" aria-labelledby="emb-day0-title">
  <h2 id="emb-day0-title">Day 0 vs trained</h2>
  <p class="section-intro">Training starts from random vectors, where every word is about as far from every other: its “neighbours” are chance. Reading the corpus pulls words that share contexts together. Here are the neighbours of one word in the vectors training started from, made again from the same seed, beside the trained ones.</p>
  <form id="emb-day0-form" class="emb-query panel">
    <input id="emb-day0-word" type="search" spellcheck="false" autocomplete="off" autocapitalize="off" value="king" aria-label="Word" list="emb-words">
    <button type="submit" class="button primary">Compare</button>
    <span id="emb-day0-status" class="note emb-status" aria-live="polite"></span>
  </form>
  <div class="emb-compare">
    <div class="panel"><h3 class="panel-title">Day 0: the random start</h3><ol id="emb-day0-initial" class="emb-list" aria-label="Neighbours at day 0"></ol></div>
    <div class="panel"><h3 class="panel-title">After training</h3><ol id="emb-day0-trained" class="emb-list" aria-label="Neighbours after training"></ol></div>
  </div>
</section>

<section id="emb-map-section" class="train-section" aria-labelledby="emb-map-title">
  <h2 id="emb-map-title">Map</h2>
  <p class="section-intro">The most frequent words, squeezed from their many dimensions down to two. PCA, computed by the engine, keeps the two directions along which the vectors vary most; UMAP (the umap-js library) keeps each word near its nearest neighbours, which shows groups PCA flattens.</p>
  <div class="panel emb-map-panel">
    <div class="emb-map-tools">
      <fieldset id="emb-map-method" class="segmented emb-small-segmented">
        <legend>Method</legend>
        <label class="segment"><input type="radio" name="emb-map-method" value="pca" checked><span class="segment-title">PCA</span></label>
        <label class="segment"><input type="radio" name="emb-map-method" value="umap"><span class="segment-title">UMAP</span></label>
      </fieldset>
      <label class="emb-k">words <select id="emb-map-size" aria-label="Words on the map"></select></label>
      <label class="emb-k">colour <select id="emb-map-colour" aria-label="Colour the points by">
        <option value="none">one colour</option>
        <option value="clusters">k-means clusters</option>
        <option value="similarity">similarity to the found word</option>
      </select></label>
      <label class="emb-k" id="emb-map-k-field" hidden>k <input id="emb-map-k" type="number" inputmode="numeric" step="1" aria-label="Number of clusters"></label>
      <button id="emb-map-draw" type="button" class="button primary">Draw</button>
      <button id="emb-map-stop" type="button" class="button" hidden>Stop</button>
      <form id="emb-map-search-form" class="emb-map-search" role="search">
        <input id="emb-map-search" type="search" spellcheck="false" autocomplete="off" autocapitalize="off" placeholder="Find a word" aria-label="Find a word on the map" list="emb-words">
      </form>
      <div class="emb-zoom" role="group" aria-label="Zoom">
        <button id="emb-zoom-in" type="button" class="button" aria-label="Zoom in">+</button>
        <button id="emb-zoom-out" type="button" class="button" aria-label="Zoom out">−</button>
        <button id="emb-zoom-reset" type="button" class="button">Fit</button>
      </div>
    </div>
    <div class="emb-map-frame">
      <canvas id="emb-map" class="emb-map" tabindex="0" aria-label="Word map: drag to pan, wheel or plus and minus keys to zoom"></canvas>
      <div id="emb-map-tip" class="emb-map-tip" role="tooltip" hidden></div>
      <p id="emb-map-empty" class="emb-map-empty">Press Draw to lay out the words.</p>
    </div>
    <ul id="emb-map-words" class="visually-hidden" aria-label="Labelled words in sight"></ul>
    <p id="emb-map-legend" class="note emb-map-legend" hidden></p>
    <ol id="emb-map-clusters" class="emb-map-clusters" aria-label="Clusters and their top words" hidden></ol>
    <p id="emb-map-found" class="emb-map-found" aria-live="polite" hidden></p>
    <div class="emb-map-foot">
      <p id="emb-map-status" class="note" aria-live="polite"></p>
      <p id="emb-map-sight" class="note emb-map-sight"></p>
      <progress id="emb-map-progress" class="emb-map-progress" max="1" value="0" hidden></progress>
    </div>
    <div class="emb-map-export" role="group" aria-label="Export the map">
      <button id="emb-map-export-vectors" type="button" class="button">Map vectors.tsv</button>
      <button id="emb-map-export-metadata" type="button" class="button">Map metadata.tsv</button>
      <span class="note">the 2D coordinates and words of the map, for the Embedding Projector</span>
    </div>
  </div>
</section>

<section id="emb-train" class="train-section" aria-labelledby="emb-train-title">
  <h2 id="emb-train-title">Train your own</h2>
  <p class="section-intro">Skip-gram learns a word’s vector by predicting the words around it; CBOW predicts a word from the words around it. Both run here as in word2vec, with negative sampling, in a worker of this page.</p>
  <div class="train-grid">
    <form id="emb-train-form" class="panel train-setup" novalidate>
      <h3 class="panel-title">Corpus</h3>
      <fieldset class="segmented corpus-picker emb-corpus-picker">
        <legend>Training text</legend>
        <label class="segment"><input type="radio" name="emb-corpus" value="sample" checked><span class="segment-title">Sample</span><span id="emb-sample-note" class="segment-note">English, 5 MB</span></label>
        <label class="segment"><input type="radio" name="emb-corpus" value="files"><span class="segment-title">Your files</span><span id="emb-files-note" class="segment-note">.txt, several</span></label>
      </fieldset>
      <p id="emb-corpus-detail" class="note corpus-detail"></p>
      <div id="emb-drop" class="drop-zone" hidden>
        <p><strong>Drop .txt files here</strong> or <label class="file-button button">choose files<input id="emb-file-input" type="file" accept=".txt,text/plain" multiple></label></p>
        <p id="emb-limit-note" class="note"></p>
        <ul id="emb-file-list" class="file-list" aria-label="Chosen files"></ul>
      </div>

      <h3 class="panel-title">Unit</h3>
      <fieldset class="segmented corpus-picker emb-corpus-picker">
        <legend>What gets a vector</legend>
        <label class="segment"><input type="radio" name="emb-unit" value="words" checked><span class="segment-title">Words</span><span class="segment-note">split on spaces</span></label>
        <label class="segment"><input type="radio" name="emb-unit" value="tokens"><span class="segment-title">Tokens</span><span class="segment-note">of a tokenizer</span></label>
      </fieldset>
      <div class="emb-unit-options">
        <label id="emb-tokenizer-field" class="emb-k" hidden>Tokenizer <select id="emb-tokenizer"></select></label>
        <label class="switch"><input id="emb-lowercase" type="checkbox" role="switch" checked><span>Lower-case the text</span></label>
        <label class="switch"><input id="emb-strip-punctuation" type="checkbox" role="switch" checked><span>Remove punctuation</span></label>
      </div>
      <p id="emb-unit-note" class="note"></p>

      <h3 class="panel-title">Settings</h3>
      <div class="field-grid emb-fields">
        <label for="emb-model">Model</label>
        <div><select id="emb-model"><option value="skipgram" selected>Skip-gram</option><option value="cbow">CBOW</option></select></div>
        <label for="emb-dim">Dimensions</label>
        <div><input id="emb-dim" type="number" inputmode="numeric" step="1" data-field="dim"><p class="field-hint">numbers per word, 1–300</p></div>
        <label for="emb-window">Window</label>
        <div><input id="emb-window" type="number" inputmode="numeric" step="1" data-field="window"><p class="field-hint">context words on each side, 1–20 (shrunk at random per word)</p></div>
        <label for="emb-negative">Negative samples</label>
        <div><input id="emb-negative" type="number" inputmode="numeric" step="1" data-field="negative"><p class="field-hint">random “wrong” words per prediction, 1–25</p></div>
        <label for="emb-min-count">Min count</label>
        <div><input id="emb-min-count" type="number" inputmode="numeric" step="1" data-field="minCount"><p class="field-hint">rarer words get no vector</p></div>
        <label for="emb-sample">Subsampling</label>
        <div><input id="emb-sample" type="number" inputmode="decimal" step="any" data-field="sample"><p class="field-hint">frequent words are skipped at random above this share of the text; 0 keeps all</p></div>
        <label for="emb-epochs">Epochs</label>
        <div><input id="emb-epochs" type="number" inputmode="numeric" step="1" data-field="epochs"><p class="field-hint">passes over the corpus, 1–100</p></div>
        <label for="emb-lr">Learning rate</label>
        <div><input id="emb-lr" type="number" inputmode="decimal" step="any" data-field="learningRate"><p class="field-hint">falls linearly to almost 0; word2vec uses 0.025 for skip-gram, 0.05 for CBOW</p></div>
        <label for="emb-seed">Seed</label>
        <div><input id="emb-seed" type="number" inputmode="numeric" step="1" data-field="seed"><p class="field-hint">same seed and settings, same vectors</p></div>
        <label for="emb-threads">Threads</label>
        <div><input id="emb-threads" type="number" inputmode="numeric" step="1" data-field="threads"><p class="field-hint" id="emb-threads-hint">cores training at once; more than one needs a cross-origin isolated page, and the vectors then vary slightly from run to run</p></div>
      </div>
      <div class="train-actions">
        <button id="emb-train-start" type="submit" class="button primary">Train</button>
        <button id="emb-train-pause" type="button" class="button" disabled>Pause</button>
        <button id="emb-train-cancel" type="button" class="button" disabled>Cancel</button>
      </div>
      <p id="emb-memory-note" class="note"></p>
    </form>

    <div class="panel train-run">
      ${runPanelHead('emb-train-', [
        { id: 'emb-train-speed', label: 'Words per second' },
        { id: 'emb-train-lr', label: 'Learning rate' },
        { id: 'emb-train-loss', label: 'Loss' },
        { id: 'emb-train-eta', label: 'Time left' },
      ])}
      <figure class="chart-panel emb-loss-panel">
        <figcaption>Loss per prediction, by epoch</figcaption>
        <div id="emb-loss-chart" class="chart emb-loss-chart"><p class="note">The curve grows here while training runs.</p></div>
      </figure>
      <div id="emb-train-result" class="train-result" hidden>
        <p id="emb-train-summary" class="train-summary"></p>
        <div class="train-actions">
          <button id="emb-train-explore" type="button" class="button primary">Explore them ↑</button>
        </div>
      </div>
    </div>
  </div>
</section>
`;
