// Plain JavaScript on purpose: es- and fr-compromise publish TypeScript sources as their types, which do
// not compile under this project's strict settings; compromise-builds.d.ts types these loaders instead.
export const compromiseBuilds = {
  en: () => import('compromise').then((module) => module.default),
  de: () => import('de-compromise').then((module) => module.default),
  fr: () => import('fr-compromise').then((module) => module.default),
  es: () => import('es-compromise').then((module) => module.default),
};
