import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#shared/config';

describe('loadConfig', () => {
  it('runs on embedded defaults when nothing is configured', () => {
    // Act
    const config = loadConfig({});

    // Assess
    expect(config).toMatchObject({
      dataDir: '.yggdrasil',
      inMemory: false,
      neo4j: undefined,
      queueUrls: {},
      secretsBackend: 'embedded',
      corsOrigins: [],
      firstAdmin: { kind: 'generate' },
      rateLimits: { principal: { limit: 120, windowSeconds: 60 } },
      vectors: { qdrant: undefined },
    });
  });

  it('reads Neo4j, its secret and Qdrant when they are configured', () => {
    // Act
    const config = loadConfig({
      NEO4J_URI: 'neo4j+s://graph.example.org',
      NEO4J_SECRET_ID: 'ygg/neo4j',
      QDRANT_URL: 'https://vectors.example.org:6333',
      YGG_IN_MEMORY: '1',
    });

    // Assess
    expect(config.neo4j).toMatchObject({ uri: 'neo4j+s://graph.example.org', secretId: 'ygg/neo4j', maxPoolSize: 3 });
    expect(config.secretsBackend).toBe('secrets-manager');
    expect(config.vectors.qdrant?.url).toBe('https://vectors.example.org:6333');
    expect(config.inMemory).toBe(true);
  });

  it('trims and splits the CORS origins', () => {
    const config = loadConfig({ CORS_ORIGINS: ' https://a.example , ,https://b.example' });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it.each([
    ['NEO4J_MAX_POOL_SIZE', 'many'],
    ['NEO4J_URI', 'http://graph.example.org'],
    ['RATE_LIMIT_PRINCIPAL', '120 per minute'],
    ['RATE_LIMIT_PRINCIPAL', '0/60'],
    ['YGG_IN_MEMORY', 'yes'],
  ])('refuses %s=%s with a ConfigError that names the setting', (name, value) => {
    // Act
    const load = () => loadConfig({ [name]: value });

    // Assess
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(new RegExp(`^Invalid configuration: ${name}: `));
  });

  it('takes the queue URL of each task it is given, and ignores an empty one', () => {
    const url = 'https://sqs.eu-west-1.amazonaws.com/123456789012/process-documents';
    expect(loadConfig({ QUEUE_URL_PROCESS_DOCUMENTS: url }).queueUrls).toEqual({ 'process-documents': url });
    expect(loadConfig({ QUEUE_URL_PROCESS_DOCUMENTS: '' }).queueUrls).toEqual({});
  });

  it('refuses a queue URL that is not a URL, naming its variable', () => {
    expect(() => loadConfig({ QUEUE_URL_PROCESS_DOCUMENTS: 'process-documents' })).toThrow(
      new ConfigError('Invalid configuration: QUEUE_URL_PROCESS_DOCUMENTS: not a URL'),
    );
  });

  it('runs the int8 ONNX model unless the fp32 one is asked for', () => {
    expect(loadConfig({}).embedding.onnxModel).toBe('all-minilm-l6-v2-q');
    expect(loadConfig({ ONNX_EMBEDDING_MODEL: 'all-minilm-l6-v2' }).embedding.onnxModel).toBe('all-minilm-l6-v2');
  });

  it('refuses an ONNX model the registry does not have, naming its variable', () => {
    expect(() => loadConfig({ ONNX_EMBEDDING_MODEL: 'bert-base' })).toThrow(/ONNX_EMBEDDING_MODEL/);
  });

  it('takes the first admin from a secret before any credentials', () => {
    const config = loadConfig({ ADMIN_SECRET_ID: 'ygg/admin', ADMIN_USERNAME: 'odin', ADMIN_PASSWORD: 'x' });
    expect(config.firstAdmin).toEqual({ kind: 'secret', secretId: 'ygg/admin' });
  });

  it('takes the first admin from a username and password given together', () => {
    const config = loadConfig({ ADMIN_USERNAME: 'odin', ADMIN_PASSWORD: 'correct horse battery staple' });
    expect(config.firstAdmin).toEqual({
      kind: 'credentials',
      username: 'odin',
      password: 'correct horse battery staple',
    });
  });

  it.each([{ ADMIN_USERNAME: 'odin' }, { ADMIN_PASSWORD: 'correct horse battery staple' }])(
    'refuses half of the first admin credentials (%o)',
    (env) => {
      expect(() => loadConfig(env)).toThrow(/set both ADMIN_USERNAME and ADMIN_PASSWORD, or neither/);
    },
  );

  it('knows it is initialised ahead of any request only under provisioned concurrency', () => {
    // Act
    const ahead = ['provisioned-concurrency', 'on-demand', 'snap-start', undefined].map(
      (type) => loadConfig(type === undefined ? {} : { AWS_LAMBDA_INITIALIZATION_TYPE: type }).initializedAhead,
    );

    // Assess
    expect(ahead).toEqual([true, false, false, false]);
  });
});
