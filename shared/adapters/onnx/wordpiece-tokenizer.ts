import { Tokenizer } from '@huggingface/tokenizers';

/** Token ids of one text, with `[CLS]` first and `[SEP]` last, as a BERT model takes them. */
export type TokenIds = readonly number[];

interface TokenizerJson {
  readonly added_tokens: readonly { readonly id: number; readonly content: string }[];
}

/**
 * Hugging Face's BERT tokenizer (normalizer, pre-tokenizer, WordPiece) from a model's `tokenizer.json`, run by
 * `@huggingface/tokenizers`, the pure-JavaScript port of the Rust library. Truncation is done here, as the
 * Rust library's `LongestFirst` does for one sequence: the word pieces are cut, then the specials added.
 * test/shared/adapters/onnx compares the ids with Python's `tokenizers` on the same file.
 */
export class WordPieceTokenizer {
  readonly #tokenizer: Tokenizer;
  readonly #cls: number;
  readonly #sep: number;

  constructor(tokenizerJson: unknown) {
    this.#tokenizer = new Tokenizer(tokenizerJson as object, {});
    const special = (name: string): number => {
      const token = (tokenizerJson as TokenizerJson).added_tokens.find((added) => added.content === name);
      if (token === undefined) throw new Error(`tokenizer.json has no ${name} token`);
      return token.id;
    };
    this.#cls = special('[CLS]');
    this.#sep = special('[SEP]');
  }

  /** The ids of `text`, at most `maxTokens` of them counting `[CLS]` and `[SEP]`. */
  encode(text: string, maxTokens: number): TokenIds {
    const pieces = this.#tokenizer.encode(text, { add_special_tokens: false }).ids;
    return [this.#cls, ...pieces.slice(0, Math.max(0, maxTokens - 2)), this.#sep];
  }
}
