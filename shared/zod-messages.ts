import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/*
 * zod/mini ships without a locale, so its issues would all read "Invalid input". Full zod configures English
 * on import; importing this module does the same, so problem documents and config errors keep zod's wording
 * (e.g. `Unrecognized key: "admin"`). Every module that turns issues into messages imports it.
 */
z.config(en());
