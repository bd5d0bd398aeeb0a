// @ts-check
// Built-in texts for the Tokenize view, each showing something tokenizers do
// differently: common words vs rare ones, indentation, scripts, emoji.

/** @typedef {{key: string, label: string, text: string}} Example */

/** @type {Example[]} */
export const examples = [
  {
    key: 'english',
    label: 'English',
    text:
      'Tokenizers cut text into pieces called tokens. Common words such as "the" or "language" ' +
      'are a single token, while rare ones like "antidisestablishmentarianism" break into several. ' +
      "Names (Kuznetsov, Teradata), numbers (1234567, 3.14159) and contractions (don't, I'LL) split in their own ways.",
  },
  {
    key: 'code',
    label: 'Code',
    text: [
      'def fibonacci(n: int) -> list[int]:',
      '    """Return the first n Fibonacci numbers."""',
      '    numbers = [0, 1]',
      '    while len(numbers) < n:',
      '        numbers.append(numbers[-1] + numbers[-2])',
      '    return numbers[:n]',
      '',
      '',
      'if __name__ == "__main__":',
      '\tprint(fibonacci(10))  # [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]',
      '',
    ].join('\n'),
  },
  {
    key: 'multilingual',
    label: 'Multilingual',
    text: [
      'Good morning! How are you today?',
      'Bonjour ! Comment ça va aujourd’hui ?',
      'Guten Morgen! Wie geht es dir heute?',
      'Доброе утро! Как дела сегодня?',
      'Καλημέρα! Τι κάνεις σήμερα;',
      '早上好！你今天好吗？',
      'おはようございます。今日はお元気ですか？',
      '좋은 아침입니다! 오늘 어떻게 지내세요?',
      'सुप्रभात! आज आप कैसे हैं?',
      'صباح الخير! كيف حالك اليوم؟',
      'בוקר טוב! מה שלומך היום?',
    ].join('\n'),
  },
  {
    key: 'emoji',
    label: 'Emoji',
    text:
      'Thumbs up 👍 👍🏽 👍🏿, a family 👨‍👩‍👧‍👦, a technologist 👩🏾‍💻, ' +
      'people holding hands 🧑🏿‍🤝‍🧑🏻, flags 🇯🇵 🇧🇷 🏳️‍🌈 and a red heart ❤️.',
  },
  {
    key: 'special',
    label: 'Special tokens',
    text:
      'End of a document.<|endoftext|>Start of the next one.\n' +
      'With "allow special tokens" off, <|endoftext|> is ordinary text split into pieces; ' +
      'turn it on and it becomes the one id that marks the end of a text.',
  },
];

export const defaultExample = examples[0];

/**
 * Texts for the Compare view: where tokenizers disagree. Names split
 * differently with and without the space before them (a word at the start
 * of a line has none), indentation is one token or many, and scripts other
 * than Latin cost some vocabularies several tokens a character.
 * @type {Example[]}
 */
export const compareExamples = [
  {
    key: 'embeddings',
    label: '“embeddings”',
    text: 'Word embeddings give every token a vector; a transformer cannot read text without them.\nembeddings transformer',
  },
  {
    key: 'names',
    label: 'Names',
    text: 'Kuznetsov\nComcast\nTeradata\nJohn\n\nJohn Kuznetsov of Comcast met the Teradata customer.',
  },
  {
    key: 'code',
    label: 'Code',
    text: [
      'class Tokenizer:',
      '    def encode(self, text):',
      '        pieces = []',
      '        for word in text.split():',
      '            if word in self.vocab:',
      '                pieces.append(self.vocab[word])',
      '        return pieces',
      '',
    ].join('\n'),
  },
  {
    key: 'chinese',
    label: 'Chinese',
    text: '语言模型把文字切成词元，再把每个词元变成一串数字。',
  },
  {
    key: 'hindi',
    label: 'Hindi',
    text: 'भाषा मॉडल पाठ को टोकन में बाँटते हैं और हर टोकन को संख्याओं की सूची में बदलते हैं।',
  },
  {
    key: 'russian',
    label: 'Russian',
    text: 'Языковые модели делят текст на токены и превращают каждый токен в список чисел.',
  },
];
