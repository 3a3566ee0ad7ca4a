/** compromise's English parse function, loaded with the module. */
export declare const parseEnglish: (text: string) => unknown;

/** compromise and its German, French and Spanish builds: each a parse function returning its View. */
export declare const compromiseBuilds: Readonly<
  Record<'en' | 'de' | 'fr' | 'es', () => Promise<(text: string) => unknown>>
>;
