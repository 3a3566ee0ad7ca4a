/** wink-sentiment ships no types; the part the English scorer reads. */
declare module 'wink-sentiment' {
  interface WinkSentiment {
    /** The sum of the words' AFINN-165 valences (-5…5 each), negations and emoticons applied. */
    readonly score: number;
    /** The score per sentiment-bearing word, hence within -5…5. */
    readonly normalizedScore: number;
  }
  const sentiment: (phrase: string) => WinkSentiment;
  export default sentiment;
}
