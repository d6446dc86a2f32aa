import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../functions/config.js';

describe('parseConfig', () => {
  it('defaults: auth off, RS256, client airflow, level info', () => {
    expect(parseConfig({})).toEqual({ logLevel: 'info', auth: { enabled: false, algorithms: ['RS256'], allowedClientIds: ['airflow'] }, databaseAllowedHosts: [] });
  });

  it('reads lists and treats blank variables as unset', () => {
    const config = parseConfig({ ENABLE_AUTH: 'true', JWKS_URL: 'https://auth.example/jwks', JWT_ALGORITHMS: 'RS256,ES256', ALLOWED_CLIENT_IDS: 'airflow, cli', JWT_ISSUER: '' });
    expect(config.auth).toEqual({ enabled: true, jwksUrl: 'https://auth.example/jwks', algorithms: ['RS256', 'ES256'], allowedClientIds: ['airflow', 'cli'] });
    expect(Object.isFrozen(config.auth)).toBe(true);
  });

  it('fails naming the variable', () => {
    expect(() => parseConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => parseConfig({ JWT_ALGORITHMS: 'none' })).toThrow(/JWT_ALGORITHMS/);
    expect(() => parseConfig({ ENABLE_AUTH: 'yes' })).toThrow(/ENABLE_AUTH/);
    expect(() => parseConfig({ ENABLE_AUTH: 'true' })).toThrow(/JWKS_URL or JWT_PUBLIC_KEY/);
  });
});
