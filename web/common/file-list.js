// @ts-check
// One item of a list of chosen files, as the Train and Embeddings views show
// them: the name, the size as the caller words it, and a button that removes it.
//
//   fileListItem('notes.txt', '2 kB', () => remove(0))
//   → <li><span class="file-name">notes.txt</span><span class="file-size">2 kB</span>
//       <button class="file-remove" aria-label="Remove notes.txt">×</button></li>

/**
 * @param {string} fileName
 * @param {string} sizeText
 * @param {() => void} onRemove
 */
export function fileListItem(fileName, sizeText, onRemove) {
  const item = document.createElement('li');
  const name = document.createElement('span');
  name.className = 'file-name';
  name.textContent = fileName;
  const size = document.createElement('span');
  size.className = 'file-size';
  size.textContent = sizeText;
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.className = 'file-remove';
  remove.textContent = '×';
  remove.setAttribute('aria-label', `Remove ${fileName}`);
  remove.addEventListener('click', onRemove);
  item.append(name, size, remove);
  return item;
}
