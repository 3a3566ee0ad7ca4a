// Plain JavaScript on purpose: eld exports only its entries, each preloaded from its own n-gram module; the
// factory they all use is reached by path here, and eld-detector.d.ts types it. eld is pinned to one exact
// version in package.json for that reason; the n-gram table test compares this detector with eld's own.
import { createEld } from '../../../node_modules/eld/src/languageDetector.js';

/** An eld detector over the given n-gram database (eld's data format), as eld's own entries build one. */
export function eldDetector(ngramsData) {
  const { instance, loadData } = createEld();
  loadData(ngramsData);
  return instance;
}
