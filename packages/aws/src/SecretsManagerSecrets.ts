import { GetSecretValueCommand, ResourceNotFoundException, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * A secret's text from Secrets Manager, read once per process: a profile job asks at each step, and
 * the secret does not change under a running job. A failed read is not kept, so the next ask retries.
 * Errors name the secret, never its value.
 */
export class SecretsManagerSecrets {
  private readonly texts = new Map<string, Promise<string>>();

  constructor(private readonly client: SecretsManagerClient) {}

  secretString(secretId: string): Promise<string> {
    const cached = this.texts.get(secretId);
    if (cached) return cached;
    const text = this.fetch(secretId);
    this.texts.set(secretId, text);
    text.catch(() => this.texts.delete(secretId));
    return text;
  }

  private async fetch(secretId: string): Promise<string> {
    let answer;
    try {
      answer = await this.client.send(new GetSecretValueCommand({ SecretId: secretId }));
    } catch (error) {
      if (error instanceof ResourceNotFoundException) throw new Error(`secret '${secretId}' does not exist`, { cause: error });
      throw new Error(`cannot read secret '${secretId}': ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
    }
    if (answer.SecretString === undefined) throw new Error(`secret '${secretId}' holds binary data, not text`);
    return answer.SecretString;
  }
}
