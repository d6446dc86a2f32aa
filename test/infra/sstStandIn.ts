/**
 * A recording stand-in for the globals SST gives sst.config.ts and infra/ (`sst`, `aws`, `$config`,
 * `$interpolate`, `$jsonStringify`), so the declarations can be loaded and read without an SST install
 * or AWS. Every component is recorded with its arguments and method calls; its outputs (`arn`, `url`,
 * `name`, `value`, `id`) are tokens such as `${Jobs.arn}`, so a test can see what refers to what.
 */

export interface Call {
  method: string;
  args: unknown[];
}

export class RecordedComponent {
  readonly calls: Call[] = [];
  constructor(
    readonly type: string,
    readonly logicalName: string,
    readonly args: Record<string, any>,
    registry: RecordedComponent[],
  ) {
    registry.push(this);
  }
  private token(output: string): string {
    return `\${${this.logicalName}.${output}}`;
  }
  get arn() {
    return this.token('arn');
  }
  get url() {
    return this.token('url');
  }
  get name() {
    return this.token('name');
  }
  get value() {
    return this.token('value');
  }
  get id() {
    return this.token('id');
  }
  recordCall(method: string, args: unknown[]) {
    this.calls.push({ method, args });
  }
}

export interface Recording {
  components: RecordedComponent[];
  ofType(type: string): RecordedComponent[];
  byName(name: string): RecordedComponent;
  /** The component whose output a token names (`${Jobs.arn}` → Jobs). */
  referencedBy(token: unknown): RecordedComponent | undefined;
}

/** Installs the globals on globalThis and returns what they record. */
export const installSstStandIn = (): Recording => {
  const components: RecordedComponent[] = [];
  const kind = (type: string, methods: string[] = []) => {
    const Kind = class extends RecordedComponent {
      constructor(name: string, args: Record<string, any> = {}) {
        super(type, name, args, components);
      }
    };
    for (const method of methods) {
      Object.defineProperty(Kind.prototype, method, {
        value(this: RecordedComponent, ...args: unknown[]) {
          this.recordCall(method, args);
          // addAuthorizer answers an authorizer; subscribe/route/notify answer something unused.
          return { id: `\${${this.logicalName}.${method}.${String((args[0] as { name?: string })?.name ?? '')}}` };
        },
      });
    }
    return Kind;
  };
  const globals = globalThis as Record<string, unknown>;
  globals.sst = {
    aws: {
      ApiGatewayV2: kind('sst.aws.ApiGatewayV2', ['route', 'addAuthorizer']),
      Function: kind('sst.aws.Function'),
      Queue: kind('sst.aws.Queue', ['subscribe']),
      Dynamo: kind('sst.aws.Dynamo'),
      Bucket: kind('sst.aws.Bucket', ['notify']),
      CronV2: kind('sst.aws.CronV2'),
    },
    Secret: kind('sst.Secret'),
  };
  globals.aws = { iam: { Policy: kind('aws.iam.Policy') } };
  globals.$config = (config: unknown) => config;
  globals.$interpolate = (strings: TemplateStringsArray, ...values: unknown[]) => strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ''), '');
  globals.$jsonStringify = (value: unknown) => JSON.stringify(value);
  return {
    components,
    ofType: (type) => components.filter((c) => c.type === type),
    byName: (name) => {
      const found = components.find((c) => c.logicalName === name);
      if (!found) throw new Error(`no component named ${name}`);
      return found;
    },
    referencedBy: (token) => {
      const match = typeof token === 'string' ? /^\$\{([^.}]+)\./.exec(token) : null;
      return match ? components.find((c) => c.logicalName === match[1]) : undefined;
    },
  };
};
