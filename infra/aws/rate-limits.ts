import { ENV } from '#shared/config';

/** Per-caller rate limits as the runtime reads them: `<requests>/<seconds>`, e.g. `120/60`. */
export interface RateLimitSettings {
  /** Every authenticated caller (user or API key). */
  readonly principal?: string;
  /** `POST /token` attempts per client IP. */
  readonly tokenPerIp?: string;
  /** `POST /token` attempts per account, from every address. */
  readonly tokenPerUser?: string;
  /** `POST /token` attempts per account from one address. */
  readonly tokenPerUserIp?: string;
  /** Requests without valid credentials to a protected route, per address. */
  readonly anonymous?: string;
}

const VARIABLES: Readonly<Record<keyof RateLimitSettings, string>> = {
  principal: ENV.rateLimitPrincipal,
  tokenPerIp: ENV.rateLimitTokenIp,
  tokenPerUser: ENV.rateLimitTokenUser,
  tokenPerUserIp: ENV.rateLimitTokenUserIp,
  anonymous: ENV.rateLimitAnonymous,
};

const RULE = /^[1-9]\d*\/[1-9]\d*$/;

/**
 * The variables to set for the rules given (none for a rule left out: the runtime's default applies).
 * Throws at synth on a malformed rule, which would otherwise fail every function at cold start.
 *
 * @example
 * rateLimitVariables({ principal: '300/60' }); // { RATE_LIMIT_PRINCIPAL: '300/60' }
 */
export function rateLimitVariables(settings: RateLimitSettings = {}): Record<string, string> {
  const variables: Record<string, string> = {};
  // Object.keys is typed string[]; the keys of VARIABLES are exactly the settings' names.
  for (const name of Object.keys(VARIABLES) as (keyof RateLimitSettings)[]) {
    const rule = settings[name];
    if (rule === undefined) continue;
    if (!RULE.test(rule)) throw new Error(`Rate limit ${name} '${rule}' must be <requests>/<seconds>, e.g. 120/60`);
    variables[VARIABLES[name]] = rule;
  }
  return variables;
}
