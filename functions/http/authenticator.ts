import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config.js';
import { AuthUnavailableError, ForbiddenError, UnauthorizedError } from './errors.js';

/** Checks a request's Authorization header; resolves to the token's claims or throws 401/403/503 errors. */
export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<JWTPayload>;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const CLOCK_TOLERANCE = '30s';

/** Built once per cold start, so the remote key set (and its cache) lives as long as the process. */
export const createAuthenticator = (config: AuthConfig): Authenticator | undefined => {
  if (!config.enabled) return undefined;
  const remote = config.jwksUrl !== undefined;
  const key: JWTVerifyGetKey | KeyObject = remote ? createRemoteJWKSet(new URL(config.jwksUrl as string)) : createPublicKey(config.publicKeyPem as string);
  const options = {
    algorithms: config.algorithms,
    clockTolerance: CLOCK_TOLERANCE,
    requiredClaims: ['exp'],
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };
  const verify = async (token: string): Promise<JWTPayload> => {
    try {
      const { payload } = await jwtVerify(token, key as JWTVerifyGetKey, options);
      return payload;
    } catch (error) {
      throw remote && isKeySetFailure(error) ? new AuthUnavailableError({ cause: error }) : new UnauthorizedError(reasonOf(error), { cause: error });
    }
  };
  return {
    async authenticate(authorization) {
      const token = BEARER.exec(authorization ?? '')?.[1];
      if (!token) throw new UnauthorizedError(authorization ? 'not a Bearer token' : 'no Authorization header');
      return assertClientAllowed(await verify(token), config.allowedClientIds);
    },
  };
};

const assertClientAllowed = (claims: JWTPayload, allowed: readonly string[]): JWTPayload => {
  const clientId = typeof claims.client_id === 'string' ? claims.client_id : claims.azp;
  if (typeof clientId !== 'string' || !allowed.includes(clientId)) throw new ForbiddenError(typeof clientId === 'string' ? clientId : undefined);
  return claims;
};

/**
 * The key set could not be fetched or read (time-out, network error, non-200, bad JSON): the token
 * was never judged, so the answer is 503, not 401. jose rethrows network errors as they come.
 */
const isKeySetFailure = (error: unknown): boolean =>
  error instanceof errors.JWKSTimeout ||
  error instanceof errors.JWKSInvalid ||
  (error instanceof errors.JOSEError ? error.code === 'ERR_JOSE_GENERIC' : true);

const reasonOf = (error: unknown): string => (error instanceof errors.JOSEError ? `${error.code}: ${error.message}` : String(error));
