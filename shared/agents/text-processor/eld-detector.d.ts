/** eld's detector, as its entries export it. */
export type EldDetector = (typeof import('eld/extrasmall'))['eld'];

/** An eld detector over the given n-gram database, in eld's data format. */
export declare function eldDetector(ngramsData: unknown): EldDetector;
