import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';

export const ISSUER = 'https://auth.example.test/';
export const AUDIENCE = 'dataset-profiler';

export interface TestKeys {
  publicKeyPem: string;
  jwks: { keys: object[] };
  sign(claims?: JWTPayload, options?: { expiresIn?: string | number; issuer?: string; notBefore?: string | number }): Promise<string>;
}

/** A fresh RS256 key pair, its public half as PEM and as a JWKS, and a signer with sane defaults. */
export const makeTestKeys = async (): Promise<TestKeys> => {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  return {
    publicKeyPem: await exportSPKI(publicKey),
    jwks: { keys: [jwk] },
    async sign(claims = { client_id: 'airflow' }, options = {}) {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuedAt()
        .setIssuer(options.issuer ?? ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime(options.expiresIn ?? '5m');
      if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
      return jwt.sign(privateKey);
    },
  };
};

/** `alg: none`: no signature at all. Must never be accepted. */
export const unsignedToken = (claims: JWTPayload = { client_id: 'airflow' }): string =>
  new UnsecuredJWT(claims).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').encode();
